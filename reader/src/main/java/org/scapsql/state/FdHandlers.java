package org.scapsql.state;

import org.scapsql.reader.Event;
import org.scapsql.reader.FdEntry;

/**
 * Exits of the syscalls that add, copy or drop fds other than sockets (open,
 * pipe, eventfd, dup, fcntl, close, ...) and change the working directory.
 * Each takes the exit event and its result, and the context's thread.
 */
final class FdHandlers {
  private static final long AT_FDCWD = -100;
  private static final int O_DIRECTORY = 1024;
  /** scap's O_CREAT | O_WRONLY | O_TRUNC. */
  private static final long PPM_CREAT_FLAGS = 4 | 2 | 256;
  private static final long F_DUPFD = 1;
  private static final long F_DUPFD_CLOEXEC = 26;

  private final EventContext ctx;
  private final PendingRemovals pending;

  FdHandlers(EventContext ctx, PendingRemovals pending) {
    this.ctx = ctx;
    this.pending = pending;
  }

  /** open, creat, openat, openat2, open_by_handle_at. */
  void open(Event e, long res) {
    // Every open-family exit carries the new fd (or the error) first.
    long newFd = e.has(0) ? e.paramLong(0) : -1;
    ctx.fdNum = newFd;
    if (newFd < 0) {
      return;
    }
    ThreadInfo thread = ctx.thread;
    // The exit carries name, flags and dirfd in newer versions; a stored enter wins where it has them.
    String path = Params.string(e, e.type() == EventIds.OPEN_BY_HANDLE_AT_X ? "path" : "name");
    Long flagsValue = Params.unsigned(e, "flags");
    Long dirfdValue = Params.signed(e, "dirfd");
    Event enter = ctx.pairedEnter();
    if (enter != null) {
      String s = Params.string(enter, "name");
      if (s != null && !s.equals("(NULL)")) {
        path = s;
      }
      Long f = Params.unsigned(enter, "flags");
      flagsValue = f != null ? f : flagsValue;
      Long d = Params.signed(enter, "dirfd");
      dirfdValue = d != null ? d : dirfdValue;
    }
    // creat() is open(O_CREAT|O_WRONLY|O_TRUNC) and carries no flags of its own.
    long flags = flagsValue != null ? flagsValue : e.info().name().equals("creat") ? PPM_CREAT_FLAGS : 0;
    if (path == null) {
      path = "";
    }
    String full;
    if (path.startsWith("/")) {
      full = Paths.normalize(path);
    } else if (dirfdValue != null && dirfdValue != AT_FDCWD) {
      FdInfo d = thread.process.get(dirfdValue);
      full = Paths.absolute(d == null ? "<UNKNOWN>/" : Paths.asDirectory(d.name), path);
    } else {
      full = Paths.absolute(thread.cwd(), path);
    }
    FdInfo f = new FdInfo(newFd, (flags & O_DIRECTORY) != 0 ? FdEntry.DIRECTORY : FdEntry.FILE_V2);
    f.name = full;
    f.openFlags = (int) flags;
    f.openTs = e.ts();
    thread.process.put(f, thread);
    ctx.fd = f;
  }

  /** A call that returns one new fd of {@code type} (eventfd, signalfd, timerfd, inotify, pidfd, ...). */
  void created(Event e, long res, int type) {
    if (res < 0) {
      ctx.fdNum = -1;
      return;
    }
    FdInfo f = new FdInfo(res, type);
    f.openTs = e.ts();
    ctx.thread.process.put(f, ctx.thread);
    ctx.fdNum = res;
    ctx.fd = f;
  }

  /** {@link #created} for the fd kinds sysdig 0.29.3 did not keep (epoll, bpf, userfaultfd, io_uring). */
  void createdNewerKind(Event e, long res, int type) {
    if (ctx.rules.tracksNewerFdKinds()) {
      created(e, res, type);
    }
  }

  /** pipe, pipe2 and socketpair: two fds of {@code type}; the event's fd is the second. */
  void pair(Event e, long res, int type) {
    if (res >= 0) {
      ctx.fdNum = addNamed(e, "fd2", type, "", e.param("fd1"));
    }
  }

  /** Adds an fd named by param {@code paramName}; also adds the one at {@code otherIndex}. */
  private long addNamed(Event e, String paramName, int type, String name, int otherIndex) {
    ThreadInfo thread = ctx.thread;
    if (otherIndex >= 0 && !e.isEmpty(otherIndex)) {
      FdInfo o = new FdInfo(e.paramLong(otherIndex), type);
      o.name = name;
      o.openTs = e.ts();
      thread.process.put(o, thread);
    }
    int i = e.param(paramName);
    if (i < 0 || e.isEmpty(i)) {
      return StateTracker.NO_FD;
    }
    FdInfo f = new FdInfo(e.paramLong(i), type);
    f.name = name;
    f.openTs = e.ts();
    thread.process.put(f, thread);
    return f.fd;
  }

  void memfdCreate(Event e, long res) {
    if (res >= 0) {
      int n = e.param("name");
      created(e, res, FdEntry.MEMFD);
      if (ctx.fd != null && n >= 0) {
        ctx.fd.name = e.paramString(n);
      }
    }
  }

  /** dup, dup2, dup3: the new fd is a copy of the old one. */
  void dup(Event e, long res) {
    if (res < 0) {
      ctx.fdNum = res;
      return;
    }
    long source = StateTracker.NO_FD;
    int oi = e.param("oldfd");
    if (oi >= 0 && !e.isEmpty(oi)) {
      source = e.paramLong(oi);
    } else if (ctx.paired && ctx.thread.lastEventFd >= 0) {
      source = ctx.fdNum;
    }
    ctx.fdNum = res;
    if (source != StateTracker.NO_FD) {
      copy(e, source, res);
    }
  }

  /** fcntl: F_DUPFD and F_DUPFD_CLOEXEC copy the fd like dup. */
  void fcntl(Event e, long res) {
    long cmd = -1;
    int ci = e.param("cmd");
    if (ci >= 0 && !e.isEmpty(ci)) {
      cmd = e.paramUnsigned(ci);
    } else {
      Event en = ctx.pairedEnter();
      if (en != null && en.has(1)) {
        cmd = en.paramUnsigned(1);
      }
    }
    if (cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC) {
      return;
    }
    long source = ctx.fdNum;
    ctx.fdNum = res;
    if (res < 0 || source == StateTracker.NO_FD) {
      return;
    }
    copy(e, source, res);
  }

  private void copy(Event e, long source, long target) {
    ThreadInfo thread = ctx.thread;
    FdInfo s = thread.process.get(source);
    if (s != null) {
      FdInfo c = s.copy(target);
      c.openTs = e.ts();
      thread.process.put(c, thread);
      ctx.fd = c;
    }
  }

  /** close: the fd leaves the table before the next event, so this one still shows it. */
  void close(long res) {
    ThreadInfo thread = ctx.thread;
    if (res >= 0 && ctx.hasFd() && thread != null && thread.process.get(ctx.fdNum) != null) {
      pending.closeFd(thread.process, ctx.fdNum);
    }
  }

  void chdir(Event e, long res) {
    if (res >= 0) {
      int p = e.param("path");
      if (p >= 0 && !e.isEmpty(p)) {
        ThreadInfo thread = ctx.thread;
        thread.process.cwd = Paths.asDirectory(Paths.absolute(thread.cwd(), e.paramString(p)));
      }
    }
  }

  void fchdir(long res) {
    if (res >= 0 && ctx.hasFd()) {
      ThreadInfo thread = ctx.thread;
      FdInfo f = thread.process.get(ctx.fdNum);
      if (f != null) {
        thread.process.cwd = Paths.asDirectory(f.name);
      }
    }
  }
}
