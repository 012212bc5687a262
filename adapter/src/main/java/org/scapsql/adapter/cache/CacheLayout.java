package org.scapsql.adapter.cache;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.scapsql.adapter.EventColumn;

/**
 * Which {@code events} columns the column cache holds, and how. Per event it stores two
 * numbers that change with every event (number and time), two nullable ones (result
 * and latency), and four codes, each naming a distinct combination of the columns of a
 * group: the event's kind (type, direction, category, CPU, ...), its thread (tid,
 * process, user, container), its fd (number, name, type, addresses) and its file-system
 * paths. A capture has few such combinations, so a code costs a byte or two where the
 * values it stands for would cost dozens. Four columns are derived: the millisecond
 * time, the time since the first event, the I/O size (the result of an I/O exit) and the
 * capture's name. The rendered parameters ({@code evt_args}, {@code evt_params}) are not
 * held: a query that needs them reads the capture. Nor are the thread counters that move
 * with nearly every event (memory sizes, page faults, thread count) and the ids inside a
 * pid namespace that come with them: every context switch changes a thread's figures, so
 * they would multiply the thread group's combinations, and the views that read them read
 * the parameters too.
 */
public final class CacheLayout {
  /** Slots of the per-event columns in a chunk, in file order. */
  static final int NUM = 0;
  static final int TIME = 1;
  static final int KIND = 2;
  static final int THREAD = 3;
  static final int FD = 4;
  static final int PATHS = 5;
  static final int RAWRES = 6;
  static final int LATENCY = 7;
  static final int SLOTS = 8;
  /** The slots that hold a code into a group's dictionary. */
  static final int[] GROUP_SLOTS = {KIND, THREAD, FD, PATHS};

  static final List<List<EventColumn>> GROUPS = List.of(
      List.of(EventColumn.EVT_CPU, EventColumn.EVT_DIR, EventColumn.EVT_TYPE, EventColumn.EVT_CATEGORY,
          EventColumn.EVT_VISIBLE, EventColumn.EVT_RES, EventColumn.EVT_FAILED, EventColumn.EVT_IS_IO,
          EventColumn.EVT_IS_IO_READ, EventColumn.EVT_IS_IO_WRITE),
      List.of(EventColumn.THREAD_TID, EventColumn.PROC_PID, EventColumn.PROC_PPID, EventColumn.PROC_PNAME,
          EventColumn.PROC_NAME, EventColumn.PROC_EXE, EventColumn.PROC_ARGS, EventColumn.PROC_CWD,
          EventColumn.PROC_LIFETIME, EventColumn.THREAD_LIFETIME, EventColumn.PROC_TTY, EventColumn.USER_UID,
          EventColumn.USER_NAME, EventColumn.USER_LOGINUID, EventColumn.USER_LOGINNAME, EventColumn.CONTAINER_ID,
          EventColumn.CONTAINER_NAME),
      List.of(EventColumn.FD_NUM, EventColumn.FD_LIFETIME, EventColumn.FD_NAME, EventColumn.FD_TYPE,
          EventColumn.FD_TYPECHAR, EventColumn.FD_DIRECTORY, EventColumn.FD_FILENAME, EventColumn.FD_L4PROTO,
          EventColumn.FD_CIP, EventColumn.FD_CPORT, EventColumn.FD_SIP, EventColumn.FD_SPORT),
      List.of(EventColumn.FS_PATH_NAME, EventColumn.FS_PATH_SOURCE, EventColumn.FS_PATH_TARGET));

  /** Where each cached column comes from: a group and a place in it, or a slot. */
  record Source(int group, int index, int slot) {
    boolean grouped() {
      return group >= 0;
    }
  }

  private static final Map<EventColumn, Source> SOURCES = new EnumMap<>(EventColumn.class);

  static {
    for (int g = 0; g < GROUPS.size(); g++) {
      for (int i = 0; i < GROUPS.get(g).size(); i++) {
        SOURCES.put(GROUPS.get(g).get(i), new Source(g, i, GROUP_SLOTS[g]));
      }
    }
    SOURCES.put(EventColumn.EVT_NUM, new Source(-1, -1, NUM));
    SOURCES.put(EventColumn.EVT_RAWTIME, new Source(-1, -1, TIME));
    SOURCES.put(EventColumn.EVT_TIME, new Source(-1, -1, TIME));
    SOURCES.put(EventColumn.EVT_RELTIME, new Source(-1, -1, TIME));
    SOURCES.put(EventColumn.EVT_RAWRES, new Source(-1, -1, RAWRES));
    SOURCES.put(EventColumn.EVT_BUFLEN, new Source(-1, -1, RAWRES));
    SOURCES.put(EventColumn.EVT_LATENCY, new Source(-1, -1, LATENCY));
    SOURCES.put(EventColumn.CAPTURE, new Source(-1, -1, -1));
  }

  private CacheLayout() {}

  /** Whether the cache holds (or derives) the column. */
  public static boolean holds(EventColumn c) {
    return SOURCES.containsKey(c);
  }

  static Source source(EventColumn c) {
    Source s = SOURCES.get(c);
    if (s == null) {
      throw new IllegalArgumentException("the column cache does not hold " + c.columnName);
    }
    return s;
  }

  /** The columns a building pass reads from the capture: every stored one, in a fixed order. */
  static int[] builtColumns() {
    List<Integer> cols = new ArrayList<>();
    cols.add(EventColumn.EVT_NUM.ordinal());
    cols.add(EventColumn.EVT_RAWTIME.ordinal());
    cols.add(EventColumn.EVT_RAWRES.ordinal());
    cols.add(EventColumn.EVT_LATENCY.ordinal());
    for (List<EventColumn> g : GROUPS) {
      for (EventColumn c : g) {
        cols.add(c.ordinal());
      }
    }
    return cols.stream().mapToInt(Integer::intValue).toArray();
  }
}
