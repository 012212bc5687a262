package org.scapsql.adapter.cache;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.scapsql.adapter.EventColumn;

/**
 * Which {@code events} columns the column cache holds, and how. Per event it stores two
 * numbers that change with every event (number and time), two nullable ones (result
 * and latency), four codes, each naming a distinct combination of the columns of a
 * group: the event's kind (type, direction, category, CPU, ...), its thread (tid,
 * process, user, container), its fd (number, name, type, addresses) and its file-system
 * paths, and the thread's own figures. A capture has few combinations of a group, so a
 * code costs a byte or two where the values it stands for would cost dozens. The
 * thread's figures (its process, thread and fd lifetime ids, ids inside its pid
 * namespace, thread count, memory sizes, page faults, and a procinfo event's CPU ticks)
 * are not grouped: every context switch changes the counters, and every new process,
 * thread or open file a lifetime id, so in a group they would multiply its combinations
 * and grow its dictionary (which a build holds in memory) with the length of the capture. They are kept
 * each in a slot of its own as the difference from the same thread's previous value
 * in the chunk, which is 0 for most events ({@link Packing}'s sparse form then costs a
 * bit per event). Four columns are derived: the millisecond time, the time since the
 * first event, the I/O size (the result of an I/O exit) and the capture's name. The
 * rendered parameters ({@code evt_args}, {@code evt_params}) are not held: a query that
 * needs them reads the capture.
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
  /** The first of the thread's figures, one slot each in {@link #PER_THREAD}'s order. */
  static final int FIRST_PER_THREAD = 8;
  /** The thread's figures: nullable, stored as differences from the thread's previous value in the chunk. */
  static final List<EventColumn> PER_THREAD = List.of(EventColumn.PROC_LIFETIME, EventColumn.THREAD_LIFETIME,
      EventColumn.FD_LIFETIME, EventColumn.PROC_VPID, EventColumn.THREAD_VTID,
      EventColumn.PROC_NTHREADS, EventColumn.THREAD_VMSIZE, EventColumn.THREAD_VMRSS, EventColumn.THREAD_PFMAJOR,
      EventColumn.THREAD_PFMINOR, EventColumn.THREAD_CPU_USER_TICKS, EventColumn.THREAD_CPU_SYSTEM_TICKS);
  static final int SLOTS = FIRST_PER_THREAD + PER_THREAD.size();
  /** The slots that hold a code into a group's dictionary. */
  static final int[] GROUP_SLOTS = {KIND, THREAD, FD, PATHS};

  static final List<List<EventColumn>> GROUPS = List.of(
      List.of(EventColumn.EVT_CPU, EventColumn.EVT_DIR, EventColumn.EVT_TYPE, EventColumn.EVT_CATEGORY,
          EventColumn.EVT_VISIBLE, EventColumn.EVT_RES, EventColumn.EVT_FAILED, EventColumn.EVT_IS_IO,
          EventColumn.EVT_IS_IO_READ, EventColumn.EVT_IS_IO_WRITE, EventColumn.CAPTURE_DIALECT),
      List.of(EventColumn.THREAD_TID, EventColumn.THREAD_NAMETID, EventColumn.PROC_PID, EventColumn.PROC_PPID,
          EventColumn.PROC_PNAME, EventColumn.PROC_NAME, EventColumn.PROC_EXE, EventColumn.PROC_ARGS,
          EventColumn.PROC_EXELINE, EventColumn.PROC_CWD,
          EventColumn.PROC_TTY, EventColumn.USER_UID,
          EventColumn.USER_NAME, EventColumn.USER_LOGINUID, EventColumn.USER_LOGINNAME, EventColumn.CONTAINER_ID,
          EventColumn.CONTAINER_NAME),
      List.of(EventColumn.FD_NUM, EventColumn.FD_NAME, EventColumn.FD_TYPE,
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
    for (int i = 0; i < PER_THREAD.size(); i++) {
      SOURCES.put(PER_THREAD.get(i), new Source(-1, -1, FIRST_PER_THREAD + i));
    }
  }

  /** Whether a slot holds a thread's figure (as differences per thread). */
  static boolean perThread(int slot) {
    return slot >= FIRST_PER_THREAD;
  }

  /** Whether a slot may hold NULLs. */
  static boolean nullable(int slot) {
    return slot == RAWRES || slot == LATENCY || perThread(slot);
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

  /**
   * The columns a building pass reads from the capture: every stored one, in a fixed
   * order: number, time, result, latency, the thread's figures, then the groups.
   */
  static int[] builtColumns() {
    List<Integer> cols = new ArrayList<>();
    cols.add(EventColumn.EVT_NUM.ordinal());
    cols.add(EventColumn.EVT_RAWTIME.ordinal());
    cols.add(EventColumn.EVT_RAWRES.ordinal());
    cols.add(EventColumn.EVT_LATENCY.ordinal());
    for (EventColumn c : PER_THREAD) {
      cols.add(c.ordinal());
    }
    for (List<EventColumn> g : GROUPS) {
      for (EventColumn c : g) {
        cols.add(c.ordinal());
      }
    }
    return cols.stream().mapToInt(Integer::intValue).toArray();
  }
}
