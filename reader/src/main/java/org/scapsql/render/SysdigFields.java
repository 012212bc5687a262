package org.scapsql.render;

import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.FdEntry;
import org.scapsql.state.Addresses;
import org.scapsql.state.FdInfo;
import org.scapsql.state.Paths;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/**
 * sysdig field values of the current event ({@code evt.rawres}, {@code fd.name},
 * {@code proc.name} ...), computed from the event and the tracker that has just
 * processed it. Null means the field is absent ({@code <NA>} in sysdig).
 */
public final class SysdigFields {
  private final StateTracker state;

  public SysdigFields(StateTracker state) {
    this.state = state;
  }

  /** Index of the parameter holding the return value, or -1. */
  public int resultIndex(Event e) {
    EventInfo info = e.info();
    if (info.enter()) {
      return -1;
    }
    if (state.dialect() == Dialect.CURRENT) {
      if (e.type() == 1 || (info.category() & EventInfo.EC_SYSCALL) == 0) {
        return -1;
      }
      return e.has(0) ? 0 : -1;
    }
    int i = e.param("res");
    if (i < 0 && info.has(EventInfo.EF_CREATES_FD)) {
      i = e.param("fd");
    }
    return i;
  }

  /** {@code evt.rawres}, or null. */
  public Long rawres(Event e) {
    int i = resultIndex(e);
    if (i < 0 || e.isEmpty(i)) {
      return null;
    }
    return e.paramLong(i);
  }

  public boolean failed(Event e) {
    Long r = rawres(e);
    return r != null && r < 0;
  }

  /** {@code evt.res}: SUCCESS or the errno name; null when the event has no result. */
  public String res(Event e) {
    Long r = rawres(e);
    return r == null ? null : Errno.result(r);
  }

  public String procName() {
    ThreadInfo t = state.thread();
    return t == null ? null : procName(t);
  }

  /** {@code fd.num}, or null. */
  public Long fdNum() {
    long n = state.fdNum();
    return n == StateTracker.NO_FD ? null : n;
  }

  /**
   * {@code fd.name}: the fd's name; null without an fd. An fd the table does not
   * hold is null on enter events and "" on exit events, as sysdig prints them.
   */
  public String fdName(Event e) {
    if (state.fdNum() == StateTracker.NO_FD) {
      return null;
    }
    FdInfo f = currentFd();
    if (f == null) {
      // Current libsinsp gives no name for an fd it does not know; sysdig 0.29.3 an empty one on exits.
      return e.info().enter() || state.dialect() == Dialect.CURRENT ? null : "";
    }
    if (state.dialect() == Dialect.SYSDIG_0_29 && e.type() == 23 && failed(e)) {
      // sysdig 0.29.3 names the fd of a failed connect by the exit's tuple ("NULL" when it has none).
      int ti = e.param("tuple");
      if (ti < 0 || e.isEmpty(ti)) {
        return "NULL";
      }
      return ParamRenderer.socktuple(e.buffer(), e.paramOffset(ti), e.paramLength(ti));
    }
    return f.name;
  }

  /** {@code fd.type}, or null. */
  public String fdType() {
    FdInfo f = currentFd();
    return f == null ? null : f.typeName();
  }

  /**
   * The lifetime id of the fd {@link #fdName} names (so an event's bytes land on the
   * same fd row as its name), or null.
   */
  /**
   * The lifetime id of the event's thread; NULL for the stand-in thread of a
   * container event, which is no thread of the table (and has no process).
   */
  public Long threadLifetime() {
    ThreadInfo t = state.thread();
    return t == null || t.process == null ? null : Long.valueOf(t.lifetimeId);
  }

  /** The lifetime id of the event's process; NULL where the thread belongs to none. */
  public Long procLifetime() {
    ThreadInfo t = state.thread();
    return t == null || t.process == null ? null : Long.valueOf(t.process.lifetimeId());
  }

  public Long fdLifetime() {
    FdInfo f = currentFd();
    return f == null ? null : f.lifetimeId;
  }

  private FdInfo currentFd() {
    if (state.fdNum() == StateTracker.NO_FD) {
      return null;
    }
    FdInfo f = state.fd();
    if (f == null && state.thread() != null) {
      f = state.thread().process.get(state.fdNum());
    }
    return f;
  }

  /** {@code proc.pid}, or null without a thread. */
  public Long procPid() {
    ThreadInfo t = state.thread();
    return t == null ? null : procPid(t);
  }

  /** {@code proc.ppid}, or null. */
  public Long procPpid() {
    ThreadInfo t = state.thread();
    return t == null ? null : state.ppid(t);
  }

  /** {@code proc.vpid}: the pid inside the thread's pid namespace; null when unknown (-1). */
  public Long procVpid() {
    ThreadInfo t = state.thread();
    return t == null ? null : procVpid(t);
  }

  public static Long procVpid(ThreadInfo t) {
    return t.vpid == -1 ? null : t.vpid;
  }

  /** {@code thread.vtid}: the tid inside the thread's pid namespace; null when unknown (-1). */
  public Long threadVtid() {
    ThreadInfo t = state.thread();
    return t == null ? null : threadVtid(t);
  }

  public static Long threadVtid(ThreadInfo t) {
    return t.vtid == -1 ? null : t.vtid;
  }

  /** {@code thread.vmsize}: the process's virtual size in KiB on its main thread, 0 on the others. */
  public Long threadVmsize() {
    ThreadInfo t = state.thread();
    return t == null ? null : threadVmsize(t);
  }

  public static Long threadVmsize(ThreadInfo t) {
    return t.isMainThread() ? t.vmsizeKb : 0L;
  }

  /** {@code thread.vmrss}: the process's resident size in KiB on its main thread, 0 on the others. */
  public Long threadVmrss() {
    ThreadInfo t = state.thread();
    return t == null ? null : threadVmrss(t);
  }

  public static Long threadVmrss(ThreadInfo t) {
    return t.isMainThread() ? t.vmrssKb : 0L;
  }

  /** {@code proc.vmsize}: the virtual size in KiB last reported for the event's thread itself. */
  public Long procVmsize() {
    ThreadInfo t = state.thread();
    return t == null ? null : t.vmsizeKb;
  }

  /** {@code proc.vmrss}: the resident size in KiB last reported for the event's thread itself. */
  public Long procVmrss() {
    ThreadInfo t = state.thread();
    return t == null ? null : t.vmrssKb;
  }

  /** {@code proc.vmswap}: the swapped size in KiB last reported for the event's thread itself. */
  public Long procVmswap() {
    ThreadInfo t = state.thread();
    return t == null ? null : t.vmswapKb;
  }

  /** {@code thread.pfmajor}: the thread's major page faults since it started, as last reported. */
  public Long threadPfmajor() {
    ThreadInfo t = state.thread();
    return t == null ? null : t.pfmajor;
  }

  /** {@code thread.pfminor}: the thread's minor page faults since it started, as last reported. */
  public Long threadPfminor() {
    ThreadInfo t = state.thread();
    return t == null ? null : t.pfminor;
  }

  /** {@code proc.nthreads}: the main thread's child threads plus one; null when the table lacks the main thread. */
  public Long procNthreads() {
    ThreadInfo t = state.thread();
    return t == null ? null : procNthreads(t);
  }

  /** {@code proc.nthreads} of {@code t} as the tracker's table stands now. */
  public Long procNthreads(ThreadInfo t) {
    ThreadInfo main = state.mainThread(t);
    return main == null ? null : main.nchilds + 1;
  }

  /** {@code proc.nchilds}: the thread's own child-thread count (non-zero only on main threads). */
  public Long procNchilds() {
    ThreadInfo t = state.thread();
    return t == null ? null : t.nchilds;
  }

  /** {@code thread.tid}: the event's tid. */
  public Long threadTid(Event e) {
    return e.tid();
  }

  /** The main thread of the current thread's process (it holds exe, args, cwd), or the thread itself. */
  private ThreadInfo main() {
    ThreadInfo t = state.thread();
    if (t == null) {
      return null;
    }
    ThreadInfo m = state.thread(t.pid);
    return m != null ? m : t;
  }

  public String procExe() {
    ThreadInfo t = state.thread();
    return t == null ? null : procExe(t);
  }

  public String procArgs() {
    ThreadInfo t = state.thread();
    return t == null ? null : procArgs(t);
  }

  /** {@code proc.exeline}: argv[0], a space and the arguments; null when the thread is unknown. */
  public String procExeline() {
    ThreadInfo t = state.thread();
    return t == null || t.exe == null ? null : t.exeLine();
  }

  /** {@code thread.nametid}: the process name followed by the thread id; null when the thread is unknown. */
  public String threadNametid() {
    ThreadInfo t = state.thread();
    return t == null || t.comm == null ? null : t.nameTid();
  }

  public String procCwd() {
    ThreadInfo t = state.thread();
    return t == null ? null : procCwd(t);
  }

  public Long userUid() {
    ThreadInfo t = state.thread();
    return t == null ? null : userUid(t);
  }

  /** {@code user.name}: the name of the thread's uid, or null when unknown. */
  public String userName() {
    ThreadInfo t = state.thread();
    if (t == null) {
      return null;
    }
    org.scapsql.reader.UserInfo u = state.user(t.uid);
    return u == null ? null : u.name();
  }

  /** {@code container.id}: "host" on the host, the 12-character id in a container. */
  public String containerId() {
    ThreadInfo t = state.thread();
    return t == null ? null : containerId(t);
  }

  /** {@code container.name}: "host" on the host; null for a container without metadata. */
  public String containerName() {
    ThreadInfo t = state.thread();
    return t == null ? null : containerName(t.containerId);
  }

  /** The name of container {@code id} as {@code container.name} gives it, from what the tracker knows now. */
  public String containerName(String id) {
    if (org.scapsql.state.Containers.HOST.equals(id)) {
      return org.scapsql.state.Containers.HOST;
    }
    org.scapsql.state.ContainerInfo c = state.container(id);
    if (c == null) {
      for (java.util.Map.Entry<String, org.scapsql.state.ContainerInfo> en : state.containers().entrySet()) {
        if (en.getKey().startsWith(id)) {
          c = en.getValue();
          break;
        }
      }
    }
    return c == null ? null : c.name();
  }

  /** {@code evt.latency} in nanoseconds, or null. */
  public Long latency(Event e) {
    long l = state.latency();
    if (l == StateTracker.NO_LATENCY) {
      // Of the events libsinsp does not parse, only procinfo gets its thread attached, and with it no latency.
      return e.type() == 234 && state.thread() != null ? null : 0L;
    }
    return l;
  }

  /**
   * The {@code evt_latency} column: sysdig's {@code evt.latency} where it measures
   * one, NULL where it is unknown. sysdig 0.29.3 measures an exit from the thread's
   * previous event (its enter unless something came between, a signal delivery say)
   * and a context switch from the thread's previous event; it prints 0 for other
   * enters and for an exit whose thread had no previous event. Captures of exit
   * events only (current writers) have nothing to measure from.
   */
  public Long evtLatency(Event e) {
    if (state.dialect() == org.scapsql.reader.Dialect.CURRENT) {
      return null;
    }
    Long l = latency(e);
    if (l == null || (l == 0 && (e.info().enter() || !state.paired()))) {
      return null;
    }
    return l;
  }

  /**
   * {@code fd.typechar}: the fd's type letter; 'o' for an fd number the table does
   * not hold; for the enter of an fd-creating call, the kind of fd it will create.
   */
  public String fdTypechar(Event e) {
    if (state.fdNum() == StateTracker.NO_FD) {
      return null;
    }
    FdInfo f = currentFd();
    if (f != null) {
      return String.valueOf(f.typeChar());
    }
    if (e.info().enter() && e.info().has(EventInfo.EF_CREATES_FD) && state.fdNum() < 0) {
      switch (e.info().name()) {
        case "open": case "creat": case "openat": case "openat2": case "open_by_handle_at": return "f";
        case "socket": case "socketpair": case "accept": case "accept4": return "4";
        case "pipe": case "pipe2": return "p";
        case "eventfd": case "eventfd2": return "e";
        case "signalfd": case "signalfd4": return "s";
        case "timerfd_create": return "t";
        case "inotify_init": case "inotify_init1": return "i";
        default: return "o";
      }
    }
    return "o";
  }

  /** {@code evt.category}. */
  public String category(Event e) {
    return Categories.name(e, state);
  }

  /** {@code user.loginuid}: the audit login uid, -1 when unset; null without a thread. */
  public Long userLoginuid() {
    ThreadInfo t = state.thread();
    return t == null ? null : loginuid(t);
  }

  /** A thread's login uid as sysdig prints it: the kernel's "unset" value (0xFFFFFFFF) is -1. */
  public static long loginuid(ThreadInfo t) {
    return t.loginuid < 0 || t.loginuid >= 0xFFFFFFFFL ? -1 : t.loginuid;
  }

  /** {@code user.loginname}: the name of the login uid, or null when the user table does not have it. */
  public String userLoginname() {
    ThreadInfo t = state.thread();
    return t == null ? null : userName(t.loginuid);
  }

  /** The name of {@code uid} in the capture's user table, or null. */
  public String userName(long uid) {
    org.scapsql.reader.UserInfo u = state.user(uid);
    return u == null ? null : u.name();
  }

  /** {@code proc.tty}: the controlling terminal's device number (0 for none); null without a thread. */
  public Long procTty() {
    ThreadInfo t = state.thread();
    return t == null ? null : procTty(t);
  }

  /** {@code proc.pname}: the name of the thread's parent as the tracker holds it now, or null. */
  public String procPname() {
    ThreadInfo t = state.thread();
    if (t == null) {
      return null;
    }
    ThreadInfo p = state.thread(t.ptid);
    return p == null ? null : p.comm;
  }

  // ---- thread fields that need only the thread: one rule for the events scan and the entity tables ----

  /** {@code thread.tid}. */
  public static Long threadTid(ThreadInfo t) {
    return t.tid;
  }

  /** {@code proc.pid}: the thread group. */
  public static Long procPid(ThreadInfo t) {
    return t.pid;
  }

  /** {@code proc.name}: the comm. */
  public static String procName(ThreadInfo t) {
    return t.comm;
  }

  /** {@code proc.exe}: argv[0]. */
  public static String procExe(ThreadInfo t) {
    return t.exe;
  }

  /** {@code proc.args}: the arguments after argv[0], space separated. */
  public static String procArgs(ThreadInfo t) {
    return t.argsLine();
  }

  /** {@code proc.cmdline}: the name followed by the arguments. */
  public static String procCmdline(ThreadInfo t) {
    return t.args.isEmpty() ? t.comm : t.comm + " " + t.argsLine();
  }

  /** {@code proc.cwd}. */
  public static String procCwd(ThreadInfo t) {
    return t.cwd();
  }

  /** {@code proc.tty}: the controlling terminal's device number, 0 for none. */
  public static Long procTty(ThreadInfo t) {
    return t.tty;
  }

  /** {@code user.uid}. */
  public static Long userUid(ThreadInfo t) {
    return t.uid;
  }

  /** {@code container.id}: "host" on the host, the 12-character id in a container. */
  public static String containerId(ThreadInfo t) {
    return t.containerId;
  }

  // ---- fd fields that need only the fd: one rule for the events scan and the entity tables ----

  private static boolean isFile(FdInfo f) {
    return f.type == FdEntry.FILE_V2 || f.type == FdEntry.FILE;
  }

  private static boolean isListening(FdInfo f) {
    return f.type == FdEntry.IPV4_SERVSOCK || f.type == FdEntry.IPV6_SERVSOCK;
  }

  /** {@code fd.directory}: a directory fd's path, the directory of a file fd's path; null otherwise. */
  public static String fdDirectory(FdInfo f) {
    if (f == null) {
      return null;
    }
    if (f.type == FdEntry.DIRECTORY) {
      return f.name;
    }
    return isFile(f) ? Paths.directory(f.name) : null;
  }

  /** {@code fd.filename}: the last component of a file fd's path; null for other fds. */
  public static String fdFilename(FdInfo f) {
    return f == null || !isFile(f) ? null : Paths.filename(f.name);
  }

  /** {@code fd.l4proto} of an inet socket; null for other fds. */
  public static String fdL4proto(FdInfo f) {
    return f == null || !f.isInet() ? null : FdInfo.l4Name(f.l4proto);
  }

  /**
   * True when an inet socket's tuple says which end is the client: a connected socket
   * whose role the tracker saw (a listening socket has no client; an unknown role no sides).
   */
  private static boolean hasSides(FdInfo f) {
    return f != null && f.isInet() && !isListening(f) && f.role != FdInfo.ROLE_NONE && f.dip != null;
  }

  /** {@code fd.cip}: the client address of a connected inet socket. */
  public static String fdClientIp(FdInfo f) {
    return hasSides(f) ? Addresses.ip(f.sip) : null;
  }

  /** {@code fd.cport}: the client port of a connected inet socket. */
  public static Integer fdClientPort(FdInfo f) {
    return hasSides(f) ? Integer.valueOf(f.sport) : null;
  }

  /** {@code fd.sip}: the server address: a listening socket's own, a connected socket's peer's. */
  public static String fdServerIp(FdInfo f) {
    if (f != null && f.isInet() && isListening(f)) {
      return Addresses.ip(f.sip);
    }
    return hasSides(f) ? Addresses.ip(f.dip) : null;
  }

  /** {@code fd.sport}: the server port: a listening socket's own, a connected socket's peer's. */
  public static Integer fdServerPort(FdInfo f) {
    if (f != null && f.isInet() && isListening(f)) {
      return f.sport;
    }
    return hasSides(f) ? Integer.valueOf(f.dport) : null;
  }
}
