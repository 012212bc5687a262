package org.scapsql.state;

import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;

/**
 * The pairing of enter and exit events, as libsinsp does it per thread: an
 * enter records its type, time and fd (and, for some syscalls, itself); the
 * next event of the thread, if it is the matching exit, takes its latency
 * and fd from it.
 */
final class Pairing {
  private final EventContext ctx;

  Pairing(EventContext ctx) {
    this.ctx = ctx;
  }

  /** An enter event of the context's thread. */
  void enter(Event e, EventInfo info) {
    ThreadInfo t = ctx.thread;
    t.lastEventType = e.type();
    t.lastEventTs = e.ts();
    t.latency = 0;
    ctx.latency = 0;
    t.storedEnter = ctx.rules.storesEnter(e.type(), info.name()) ? e.copy() : null;
    if (usesFd(e, info)) {
      int i = ctx.rules.enterFdIndex(e.type());
      if (e.has(i) && !e.isEmpty(i)) {
        t.lastEventFd = e.paramLong(i);
        ctx.fdNum = t.lastEventFd;
      } else {
        t.lastEventFd = -1;
      }
    } else if (info.has(EventInfo.EF_CREATES_FD)) {
      // The fd does not exist yet; sysdig reports -1 for the enter of an fd-creating call.
      t.lastEventFd = -1;
      ctx.fdNum = -1;
    }
  }

  /** Whether the event refers to an existing fd. */
  private boolean usesFd(Event e, EventInfo info) {
    int type = e.type();
    if (type >= EventIds.MMAP_E && type <= EventIds.MMAP2_X && !ctx.rules.mmapUsesFd()) {
      return false;
    }
    return info.has(EventInfo.EF_USES_FD) || info.has(EventInfo.EF_DESTROYS_FD);
  }

  /** An exit event (the context's thread may be null): latency, pairing and the event's fd. */
  void exit(Event e, EventInfo info) {
    ThreadInfo t = ctx.thread;
    ctx.paired = false;
    if (t == null) {
      return;
    }
    boolean paired = false;
    if (t.lastEventType >= 0) {
      t.latency = e.ts() - t.lastEventTs;
      ctx.latency = t.latency;
      paired = e.type() == t.lastEventType + 1;
    } else {
      ctx.latency = 0;
    }
    ctx.paired = paired;
    if (usesFd(e, info)) {
      int own = ctx.rules.exitPrefersOwnFd() ? exitFdIndex(e) : -1;
      if (paired && own < 0) {
        ctx.fdNum = t.lastEventFd;
      } else {
        int i = own >= 0 ? own : exitFdIndex(e);
        if (i >= 0 && e.has(i) && !e.isEmpty(i)) {
          ctx.fdNum = e.paramLong(i);
        } else if (ctx.rules.processListThreadsStartAtFdZero() && t.lastEventType < 0 && !t.placeholder) {
          // Threads from the process list start with lastevent_fd 0; sysdig then names
          // the fd but does not attach it to the event (its category stays unknown).
          ctx.fdNum = 0;
          ctx.fdDetached = true;
        }
      }
      if (e.type() == EventIds.COPY_FILE_RANGE_X && e.has(1)) {
        ctx.fdNum = e.paramLong(1);
      }
    }
    t.lastEventType = -1;
    if (!paired) {
      t.storedEnter = null;
    }
  }

  /** Where an exit event carries its own fd; used when it has no matching enter. */
  private int exitFdIndex(Event e) {
    switch (e.type()) {
      case EventIds.IOCTL_X: case EventIds.DUP_X:
        return -1;
      case EventIds.DUP_V2_X: case EventIds.DUP2_X: case EventIds.DUP3_X:
        return e.param("oldfd");
      case EventIds.UNLINKAT_V2_X: case EventIds.MKDIRAT_X: case EventIds.FCHMODAT_X: case EventIds.FCHOWNAT_X:
      case EventIds.MKNODAT_X: case EventIds.NEWFSTATAT_X:
        return e.param("dirfd");
      case EventIds.SYMLINKAT_X:
        return e.param("linkdirfd");
      case EventIds.SPLICE_X:
        return e.param("fd_out");
      case EventIds.SENDFILE_X:
        return e.param("out_fd");
      case EventIds.COPY_FILE_RANGE_X:
        return e.param("fdout");
      default:
        return ctx.rules.exitFdParamNamesFd() ? e.param("fd") : -1;
    }
  }
}
