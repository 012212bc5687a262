package org.scapsql.adapter.entity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code scap.threads_at_end}: the threads the state held when the capture's last event
 * had been read, each with its process's parent and the capture's last event. csysdig
 * gives each of them a row at the end of a capture, so that every live thread shows in
 * its per-thread tables, and the Inspect views do the same from this table.
 *
 * <p>They are the rows of {@code threads} whose {@code thread_end} is NULL, and are read
 * from there when the entity tables are known. A statement that also scans the capture's
 * events whole with state (a view) takes them from that scan's own tracker instead
 * ({@link EntityNeeds}): at the end of the scan the tracker holds exactly these threads,
 * and the capture is not read a second time for them. The table is an {@link EntityTable}
 * of these columns and rows.
 */
public final class ThreadsAtEnd {
  /** Columns taken from the thread's row of {@code threads}, in this table's order after its two first. */
  private static final List<String> FROM_THREADS = List.of("thread_lifetime", "thread_tid", "proc_lifetime",
      "proc_pid");
  private static final List<String> MORE_FROM_THREADS = List.of("proc_name", "proc_exe", "proc_args", "user_uid",
      "user_name", "container_id", "container_name", "proc_vpid", "thread_vtid", "proc_nthreads", "thread_vmsize",
      "thread_vmrss", "thread_pfmajor", "thread_pfminor", "thread_start");

  /** The columns, in row order; a row is built whole by {@link #rows}, so each reads its own cell. */
  public static final List<EntityColumns.Column<Object[]>> COLUMNS = columns();

  private static final int[] THREAD_CELLS = threadCells();
  private static final int THREAD_END = RowContext.index(EntityColumns.THREADS, "thread_end");
  private static final int THREAD_PROC_LIFETIME = RowContext.index(EntityColumns.THREADS, "proc_lifetime");
  private static final int PROCESS_LIFETIME = RowContext.index(EntityColumns.PROCESSES, "proc_lifetime");
  private static final int PROCESS_PPID = RowContext.index(EntityColumns.PROCESSES, "proc_ppid");

  private ThreadsAtEnd() {}

  private static List<EntityColumns.Column<Object[]>> columns() {
    List<EntityColumns.Column<Object[]>> out = new ArrayList<>();
    List<String> names = new ArrayList<>(FROM_THREADS);
    names.add("proc_ppid");
    names.addAll(MORE_FROM_THREADS);
    for (String name : names) {
      int at = out.size();
      if (name.equals("proc_ppid")) {
        EntityColumns.Column<?> p = EntityColumns.PROCESSES.get(RowContext.index(EntityColumns.PROCESSES, name));
        out.add(new EntityColumns.Column<>(name, p.type(), p.description(), r -> r[at]));
      } else {
        EntityColumns.Column<?> t = EntityColumns.THREADS.get(RowContext.index(EntityColumns.THREADS, name));
        out.add(new EntityColumns.Column<>(name, t.type(), t.description(), r -> r[at]));
      }
    }
    int num = out.size();
    out.add(new EntityColumns.Column<>("last_evt_num", SqlTypeName.BIGINT,
        "Number of the capture's last event (its event count)", r -> r[num]));
    out.add(new EntityColumns.Column<>("last_evt_rawtime", SqlTypeName.BIGINT,
        "Time of the capture's last event (ns since the epoch)", r -> r[num + 1]));
    out.add(new EntityColumns.Column<>("capture", SqlTypeName.VARCHAR, "File name of the capture",
        r -> r[num + 2]));
    return List.copyOf(out);
  }

  private static int[] threadCells() {
    List<String> names = new ArrayList<>(FROM_THREADS);
    names.add(null); // proc_ppid, from the process
    names.addAll(MORE_FROM_THREADS);
    int[] cells = new int[names.size()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = names.get(i) == null ? -1 : RowContext.index(EntityColumns.THREADS, names.get(i));
    }
    return cells;
  }

  /**
   * The rows of {@code e}'s threads still alive at the end, in the order their lifetimes
   * began: from a whole pass's entities, or from a pass that kept only those.
   */
  public static List<Object[]> rows(Entities e) {
    List<Object[]> live = new ArrayList<>();
    Set<Object> processes = new HashSet<>();
    for (Object[] t : e.threads()) {
      if (t[THREAD_END] == null) {
        live.add(t);
        processes.add(t[THREAD_PROC_LIFETIME]);
      }
    }
    Map<Object, Object> ppid = new HashMap<>();
    for (Object[] p : e.processes()) {
      if (processes.contains(p[PROCESS_LIFETIME])) {
        ppid.put(p[PROCESS_LIFETIME], p[PROCESS_PPID]);
      }
    }
    List<Object[]> out = new ArrayList<>(live.size());
    for (Object[] t : live) {
      Object[] r = new Object[COLUMNS.size()];
      for (int i = 0; i < THREAD_CELLS.length; i++) {
        r[i] = THREAD_CELLS[i] < 0 ? ppid.get(t[THREAD_PROC_LIFETIME]) : t[THREAD_CELLS[i]];
      }
      r[THREAD_CELLS.length] = e.events();
      r[THREAD_CELLS.length + 1] = e.lastTs();
      r[THREAD_CELLS.length + 2] = e.capture();
      out.add(r);
    }
    return out;
  }
}
