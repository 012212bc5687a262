package org.scapsql.state;

import java.util.ArrayList;
import java.util.List;
import org.scapsql.reader.Event;

/**
 * Process and thread syscalls: the clone family (seen from the parent and
 * from the child), execve, set*id and the thread's exit.
 */
final class ProcessHandlers {
  private static final int O_CLOEXEC = 4096;
  private static final long NO_ID = 0xFFFFFFFFL;

  private final EventContext ctx;
  private final ThreadTable threads;
  private final PendingRemovals pending;

  ProcessHandlers(EventContext ctx, ThreadTable threads, PendingRemovals pending) {
    this.ctx = ctx;
    this.threads = threads;
    this.pending = pending;
  }

  /** The exits of clone, fork, vfork and clone3, in every version. */
  static boolean isCloneExit(int type) {
    switch (type) {
      case EventIds.CLONE_X: case EventIds.CLONE_V2_X: case EventIds.CLONE_V3_X: case EventIds.CLONE_V4_X:
      case EventIds.FORK_X: case EventIds.FORK_V2_X: case EventIds.FORK_V3_X:
      case EventIds.VFORK_X: case EventIds.VFORK_V2_X: case EventIds.VFORK_V3_X:
      case EventIds.CLONE3_X:
        return true;
      default:
        return false;
    }
  }

  /** procexit: the thread is dead now and leaves the table before the next event. */
  void procexit(Event e) {
    ThreadInfo t = ctx.thread;
    t.dead = true;
    t.exitTs = e.ts();
    if (e.has(0) && !e.isEmpty(0)) {
      t.exitStatus = e.paramLong(0);
    }
    pending.removeThread(t);
  }

  /** A clone-family exit: the parent's (result > 0) or the child's (result 0). */
  void cloneExit(Event e) {
    long res = e.has(0) ? e.paramLong(0) : -1;
    if (res < 0) {
      return;
    }
    int flags = (int) Params.signed(e, "flags", 0);
    long ptid = Params.signed(e, "ptid", -1);
    long pid = Params.signed(e, "pid", -1);
    long tidParam = Params.signed(e, "tid", e.tid());
    long vtid = Params.signed(e, "vtid", -1);
    long vpid = Params.signed(e, "vpid", -1);
    boolean isThread = (flags & ThreadInfo.CLONE_THREAD) != 0;
    boolean inContainer = (flags & ThreadInfo.CHILD_IN_PIDNS) != 0 || (vtid >= 0 && tidParam != vtid);
    if (res > 0) {
      parentSide(e, res, flags, pid, isThread, inContainer);
    } else {
      childSide(e, flags, ptid, pid, vtid, vpid, isThread);
    }
  }

  private void parentSide(Event e, long res, int flags, long pid, boolean isThread, boolean inContainer) {
    if (inContainer) {
      return;
    }
    if (ctx.rules.parentLeavesHiddenChildren()) {
      boolean vfork = e.type() == EventIds.VFORK_V3_X || (flags & ThreadInfo.CLONE_VFORK) != 0;
      if (vfork || (flags & (ThreadInfo.CLONE_NEWPID | ThreadInfo.CLONE_PARENT)) != 0
          || threads.exitedBeforeClone(res)) {
        threads.forgetExit(res);
        return;
      }
    }
    ThreadInfo existing = threads.get(res);
    if (existing != null && (existing.flags & ThreadInfo.CLONE_INVERTED) != 0) {
      return;
    }
    ThreadInfo parent = threads.get(e.tid());
    ThreadInfo child = new ThreadInfo(res, threads.nextLifetime());
    child.ptid = e.tid();
    child.pid = isThread ? pid : res;
    fillChild(child, parent, e, flags, isThread);
    child.vtid = -1;
    child.vpid = -1;
    threads.add(child);
    inheritFds(child, parent, isThread, e.ts());
    threads.forgetExit(res);
  }

  private void childSide(Event e, int flags, long ptid, long pid, long vtid, long vpid, boolean isThread) {
    ThreadInfo existing = threads.get(e.tid());
    if (existing != null) {
      existing.vtid = vtid;
      existing.vpid = vpid;
      return;
    }
    ThreadInfo parent = threads.get(isThread ? pid : ptid);
    ThreadInfo child = new ThreadInfo(e.tid(), threads.nextLifetime());
    child.pid = isThread ? pid : e.tid();
    // sysdig 0.29.3 makes the thread leader the parent of a thread it creates here (proc.pname shows it).
    child.ptid = isThread ? (ctx.rules.childThreadParentIsLeader() ? pid : parent != null ? parent.ptid : ptid)
        : ptid;
    if (!isThread && pid >= 0) {
      child.pid = pid;
    }
    fillChild(child, parent, e, flags, isThread);
    child.flags |= ThreadInfo.CLONE_INVERTED;
    child.vtid = vtid;
    child.vpid = vpid;
    threads.add(child);
    inheritFds(child, parent, isThread, e.ts());
    threads.forgetExit(child.tid);
  }

  private void fillChild(ThreadInfo child, ThreadInfo parent, Event e, int flags, boolean isThread) {
    child.startTs = e.ts();
    if (parent != null) {
      child.comm = parent.comm;
      child.exe = parent.exe;
      child.exepath = parent.exepath;
      child.args = parent.args;
      child.root = parent.root;
      child.sid = parent.sid;
      child.vpgid = parent.vpgid;
      child.tty = parent.tty;
      child.loginuid = parent.loginuid;
      child.uid = parent.uid;
      child.gid = parent.gid;
      child.cgroups = parent.cgroups;
      child.containerId = parent.containerId;
      if (!isThread) {
        child.env = parent.env;
      }
    }
    int i = e.param("exe");
    if (i >= 0 && !e.isEmpty(i)) {
      child.exe = e.paramString(i);
    }
    i = e.param("comm");
    if (i >= 0 && !e.isEmpty(i)) {
      child.comm = e.paramString(i);
    } else if (e.param("exe") >= 0 && parent == null) {
      child.comm = child.exe;
    }
    i = e.param("args");
    if (i >= 0 && e.has(i)) {
      child.args = e.paramStrings(i);
    }
    child.fdlimit = Params.signed(e, "fdlimit", child.fdlimit);
    takeMemory(child, e);
    takeIdentity(child, e);
    child.flags = flags;
    if (isThread) {
      ThreadInfo main = threads.get(child.pid);
      child.process = main != null ? main.process : parent != null ? parent.process : threads.newProcess();
    } else {
      child.process = parent != null ? threads.fork(parent.process) : threads.newProcess();
    }
  }

  /**
   * A forked child's copies of its parent's fds. Only once the child is in the
   * table: whoever watches the fd table then sees them arrive in the child's
   * process, from the child, not from the parent whose event this is.
   */
  private static void inheritFds(ThreadInfo child, ThreadInfo parent, boolean isThread, long ts) {
    if (!isThread && parent != null) {
      child.process.inherit(parent.process, child, ts);
    }
  }

  /** execve, execveat: the thread becomes the new program. */
  void execveExit(Event e, long res) {
    ThreadInfo t = ctx.thread;
    if (res < 0 || t == null) {
      return;
    }
    int i = e.param("exe");
    if (i >= 0 && e.has(i)) {
      t.exe = e.paramString(i);
    }
    i = e.param("args");
    if (i >= 0 && e.has(i)) {
      t.args = e.paramStrings(i);
    }
    long pid = Params.signed(e, "pid", t.pid);
    if (pid != t.pid && pid > 0) {
      t.pid = pid;
    }
    if (t.ptid < 0) {
      t.ptid = Params.signed(e, "ptid", t.ptid);
      if (ctx.rules.execveGivesUnknownThreadHostIds() && (t.flags & ThreadInfo.CHILD_IN_PIDNS) == 0) {
        t.vtid = t.tid;
        t.vpid = t.pid;
      }
    }
    t.fdlimit = Params.signed(e, "fdlimit", t.fdlimit);
    takeMemory(t, e);
    i = e.param("comm");
    if (i >= 0 && !e.isEmpty(i)) {
      t.comm = e.paramString(i);
    } else {
      t.comm = t.exe;
    }
    i = e.param("env");
    if (i >= 0 && e.has(i)) {
      t.env = e.paramStrings(i);
    }
    t.tty = Params.signed(e, "tty", t.tty);
    t.vpgid = Params.signed(e, "vpgid", t.vpgid);
    i = e.param("loginuid");
    if (i >= 0 && !e.isEmpty(i)) {
      t.loginuid = e.paramUnsigned(i);
    }
    takeIdentity(t, e);
    String exepath = Params.string(e, "trusted_exepath");
    if (exepath == null) {
      Event enter = ctx.pairedEnter();
      if (enter != null) {
        String filename = Params.string(enter, "filename");
        if (filename != null) {
          exepath = Paths.absolute(t.cwd(), filename);
        }
      }
    }
    if (exepath != null) {
      t.exepath = exepath;
    }
    t.flags &= ThreadInfo.CLONE_INVERTED;
    if (ctx.rules.execveClosesCloexecFds()) {
      List<Long> cloexec = new ArrayList<>();
      for (FdInfo f : t.process.all()) {
        if ((f.openFlags & O_CLOEXEC) != 0) {
          cloexec.add(f.fd);
        }
      }
      for (long fdn : cloexec) {
        t.process.remove(fdn);
      }
    }
  }

  /**
   * Page faults and memory sizes from a clone or execve exit (the versions that carry
   * them): the kernel's figures for the calling task, which a new child starts from.
   */
  private static void takeMemory(ThreadInfo t, Event e) {
    int swap = e.param("vm_swap");
    if (swap < 0 || e.isEmpty(swap)) {
      return;
    }
    t.pfmajor = Params.signed(e, "pgft_maj", t.pfmajor);
    t.pfminor = Params.signed(e, "pgft_min", t.pfminor);
    t.vmsizeKb = Params.unsigned(e, "vm_size", t.vmsizeKb);
    t.vmrssKb = Params.unsigned(e, "vm_rss", t.vmrssKb);
    t.vmswapKb = e.paramUnsigned(swap);
  }

  /**
   * A context switch: the fault counters of the thread switched out, the memory sizes
   * of its process (kept on the main thread, as libsinsp does).
   */
  void contextSwitch(Event e) {
    ThreadInfo t = ctx.thread;
    if (t == null || e.type() != EventIds.SWITCH_V2_E) {
      return;
    }
    t.pfmajor = Params.signed(e, "pgft_maj", t.pfmajor);
    t.pfminor = Params.signed(e, "pgft_min", t.pfminor);
    ThreadInfo main = threads.mainThread(t);
    if (main != null) {
      main.vmsizeKb = Params.unsigned(e, "vm_size", main.vmsizeKb);
      main.vmrssKb = Params.unsigned(e, "vm_rss", main.vmrssKb);
      main.vmswapKb = Params.unsigned(e, "vm_swap", main.vmswapKb);
    }
  }

  /** brk, mmap, mmap2 and munmap exits (the versions that carry them): the thread's memory sizes, failed calls too. */
  void memoryExit(Event e) {
    ThreadInfo t = ctx.thread;
    int swap = e.param("vm_swap");
    if (t == null || swap < 0 || e.isEmpty(swap)) {
      return;
    }
    t.vmsizeKb = Params.unsigned(e, "vm_size", t.vmsizeKb);
    t.vmrssKb = Params.unsigned(e, "vm_rss", t.vmrssKb);
    t.vmswapKb = e.paramUnsigned(swap);
  }

  /** uid, gid and cgroups (and the container they imply) from a clone or execve exit, where present. */
  private static void takeIdentity(ThreadInfo t, Event e) {
    int i = e.param("uid");
    if (i >= 0 && !e.isEmpty(i)) {
      t.uid = e.paramUnsigned(i);
    }
    i = e.param("gid");
    if (i >= 0 && !e.isEmpty(i)) {
      t.gid = e.paramUnsigned(i);
    }
    i = e.param("cgroups");
    if (i >= 0 && !e.isEmpty(i)) {
      t.cgroups = e.paramStrings(i);
      t.containerId = Containers.idFromCgroups(t.cgroups);
    }
  }

  /** setuid, setresuid ({@code user}) and setgid, setresgid: the id from {@code param}. */
  void setId(Event e, long res, boolean user, String param) {
    if (res < 0) {
      return;
    }
    long v = -1;
    Event src = ctx.rules.setIdFromExit() ? e : ctx.pairedEnter();
    if (src != null) {
      int i = src.param(param);
      if (i >= 0 && !src.isEmpty(i)) {
        v = src.paramUnsigned(i);
      }
    }
    if (v < 0 || v == NO_ID) {
      return;
    }
    if (user) {
      ctx.thread.uid = v;
    } else {
      ctx.thread.gid = v;
    }
  }
}
