package org.scapsql.render;

import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.EventTable;
import org.scapsql.reader.FdEntry;
import org.scapsql.state.FdInfo;
import org.scapsql.state.StateTracker;

/** {@code evt.category}: the event table's category, with I/O categories resolved by fd type. */
public final class Categories {
  private Categories() {}

  public static String name(Event e, StateTracker state) {
    EventInfo info = e.info();
    if (info.isInternal()) {
      return state.dialect() == Dialect.CURRENT ? "internal" : "unknown";
    }
    int cat = info.syscallCategory();
    if (e.type() <= 1 && state.dialect() == Dialect.SYSDIG_0_29 && e.has(0) && !e.isEmpty(0)) {
      int c = EventTable.standard().syscallCategory029((int) e.paramUnsigned(0));
      if (c >= 0) {
        cat = c;
      }
    }
    switch (cat) {
      case 0: return "unknown";
      case 1: return "other";
      case 2: return "file";
      case 3: return "net";
      case 4: return "IPC";
      case 5: return "memory";
      case 6: return "process";
      case 7: return "sleep";
      case 8: return "system";
      case 9: return "signal";
      case 10: return "user";
      case 11: return "time";
      case 12: return "processing";
      case 32: case 33: case 34: return io(state);
      case 64: return "wait";
      case 128: return "scheduler";
      default: return "unknown";
    }
  }

  private static String io(StateTracker state) {
    FdInfo f = state.eventFd();
    if (f == null) {
      return "unknown";
    }
    switch (f.type) {
      case FdEntry.FILE: case FdEntry.FILE_V2: case FdEntry.DIRECTORY:
        return "file";
      case FdEntry.IPV4_SOCK: case FdEntry.IPV6_SOCK: case FdEntry.IPV4_SERVSOCK: case FdEntry.IPV6_SERVSOCK:
        return "net";
      case FdEntry.FIFO: case FdEntry.UNIX_SOCK: case FdEntry.EVENT: case FdEntry.SIGNALFD: case FdEntry.INOTIFY:
        return "ipc";
      case FdEntry.USERFAULTFD:
        return state.dialect() == Dialect.CURRENT ? "ipc" : "unknown";
      default:
        return "unknown";
    }
  }
}
