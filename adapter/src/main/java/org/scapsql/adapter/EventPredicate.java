package org.scapsql.adapter;

import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventTable;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/**
 * The predicates a scan spec pushes into the {@code events} scan, in two steps: those
 * the event header answers (tested before the row builder decodes anything), and
 * those that need the tracker to have processed the event.
 */
final class EventPredicate {
  private final ScanSpec spec;
  private final boolean[] typeById;
  private final boolean[] typeBySyscall029;
  private final boolean[] typeBySyscallCurrent;

  EventPredicate(ScanSpec spec) {
    this.spec = spec;
    EventTable table = EventTable.standard();
    if (spec.types != null) {
      typeById = new boolean[table.size()];
      for (int id = 2; id < table.size(); id++) {
        typeById[id] = spec.types.contains(table.get(id).name());
      }
      // Generic syscall events name their syscall by number, which each dialect maps its own way.
      typeBySyscall029 = new boolean[1024];
      typeBySyscallCurrent = new boolean[1024];
      for (int sc = 0; sc < 1024; sc++) {
        String n029 = table.syscallName(sc, Dialect.SYSDIG_0_29);
        String ncur = table.syscallName(sc, Dialect.CURRENT);
        typeBySyscall029[sc] = n029 != null && spec.types.contains(n029);
        typeBySyscallCurrent[sc] = ncur != null && spec.types.contains(ncur);
      }
    } else {
      typeById = null;
      typeBySyscall029 = null;
      typeBySyscallCurrent = null;
    }
  }

  /** The predicates on header fields and on the result (which decodes only that parameter). */
  boolean matchesHeader(Event e, Dialect dialect, EventRows rows) {
    if (e.ts() < spec.timeFrom || e.ts() >= spec.timeTo) {
      return false;
    }
    if (e.num() < spec.numFrom || e.num() >= spec.numTo) {
      return false;
    }
    if (spec.dir != 0 && e.info().direction() != spec.dir) {
      return false;
    }
    if (spec.tids != null && !spec.tids.contains(e.tid())) {
      return false;
    }
    if (typeById != null && !typeMatches(e, dialect)) {
      return false;
    }
    if (spec.failed != null && rows.failedForPredicate(e) != spec.failed) {
      return false;
    }
    return true;
  }

  private boolean typeMatches(Event e, Dialect dialect) {
    int t = e.type();
    if (t <= 1) {
      if (!e.has(0) || e.isEmpty(0)) {
        return false;
      }
      int sc = (int) e.paramUnsigned(0);
      boolean[] bySc = dialect == Dialect.SYSDIG_0_29 ? typeBySyscall029 : typeBySyscallCurrent;
      return sc >= 0 && sc < bySc.length && bySc[sc];
    }
    return t < typeById.length && typeById[t];
  }

  /** The predicates that need the tracker's view of the event ({@code state} has processed it). */
  boolean matchesState(Event e, StateTracker state, EventRows rows) {
    if (spec.pids != null) {
      ThreadInfo t = state.thread();
      if (t == null || !spec.pids.contains(t.pid)) {
        return false;
      }
    }
    if (spec.fds != null) {
      long fd = state.fdNum();
      if (fd == StateTracker.NO_FD || !spec.fds.contains(fd)) {
        return false;
      }
    }
    return spec.categories == null || spec.categories.contains(rows.category(e));
  }
}
