package org.scapsql.adapter.entity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scapsql.reader.UserInfo;
import org.scapsql.render.FlagTables;
import org.scapsql.state.ContainerInfo;
import org.scapsql.state.Containers;

/**
 * What a stored entity row needs from the rest of its capture when it is read. A row is
 * written when its lifetime ends, but some of its columns are defined by the capture's
 * state as the whole pass ended: the user and container names (from the final user and
 * container tables), an fd's process id and name (its process's, as that process ended,
 * which may be long after the fd closed) and the rendering of open flags (by the dialect
 * of the whole capture). Those columns are not stored; they are settled here, from other
 * cells of the same row, each time the row is read.
 */
final class RowContext {
  /** One column settled on reading: its place and its rule. */
  private record Settled(int column, Rule rule) {}

  private interface Rule {
    Object value(Object[] row, RowContext context);
  }

  private static final Settled[][] SETTLED = new Settled[EntityFile.TABLES.size()][];

  static {
    for (int t = 0; t < SETTLED.length; t++) {
      List<? extends EntityColumns.Column<?>> columns = EntityFile.TABLES.get(t);
      if (t == EntityFile.PROCESSES || t == EntityFile.THREADS) {
        int uid = index(columns, "user_uid");
        int login = index(columns, "user_loginuid");
        int container = index(columns, "container_id");
        SETTLED[t] = new Settled[] {
          new Settled(index(columns, "user_name"), (r, c) -> c.userName(r[uid])),
          new Settled(index(columns, "user_loginname"), (r, c) -> c.userName(r[login])),
          new Settled(index(columns, "container_name"), (r, c) -> c.containerName((String) r[container]))};
      } else {
        int lifetime = index(columns, "proc_lifetime");
        Settled pid = new Settled(index(columns, "proc_pid"), (r, c) -> c.processPid(r[lifetime]));
        Settled name = new Settled(index(columns, "proc_name"), (r, c) -> c.processName(r[lifetime]));
        if (t == EntityFile.FDS) {
          int raw = index(columns, "fd_rawopenflags");
          SETTLED[t] = new Settled[] {pid, name,
            new Settled(index(columns, "fd_openflags"), (r, c) -> c.openFlags(r[raw]))};
        } else {
          SETTLED[t] = new Settled[] {pid, name};
        }
      }
    }
  }

  static {
    // The columns' declarations and these rules name the same columns: one is not changed without the other.
    for (int t = 0; t < SETTLED.length; t++) {
      List<? extends EntityColumns.Column<?>> columns = EntityFile.TABLES.get(t);
      for (int c = 0; c < columns.size(); c++) {
        boolean settled = false;
        for (Settled s : SETTLED[t]) {
          settled |= s.column() == c;
        }
        if (settled != (columns.get(c).value() == EntityColumns.ON_READ)) {
          throw new IllegalStateException("column " + columns.get(c).name() + " is settled on read in one place only");
        }
      }
    }
  }

  /** Where the column {@code name} is in {@code columns}. */
  static int index(List<? extends EntityColumns.Column<?>> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("no column " + name);
  }

  /** Whether column {@code name} of table {@code table} is settled on reading (and so not stored). */
  static boolean settles(int table, String name) {
    List<? extends EntityColumns.Column<?>> columns = EntityFile.TABLES.get(table);
    for (Settled s : SETTLED[table]) {
      if (columns.get(s.column()).name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private final Map<Long, String> userNames = new HashMap<>();
  private final Map<String, ContainerInfo> containers = new HashMap<>();
  /** In the tracker's order: a short id names the first container whose id it begins. */
  private final List<ContainerInfo> containerOrder;
  private final boolean current;
  private EntityRows processRows;
  private volatile ProcessNames processNames;

  RowContext(EntityFile.Facts facts) {
    for (UserInfo u : facts.users()) {
      userNames.put(u.uid(), u.name());
    }
    for (ContainerInfo c : facts.containers()) {
      containers.put(c.id(), c);
    }
    containerOrder = facts.containers();
    current = "current".equals(facts.dialect());
  }

  /** The processes table, where fd rows find their process's id and name. */
  void processes(EntityRows rows) {
    this.processRows = rows;
  }

  /** Fills the settled columns of a row just decoded from table {@code table}. */
  void settle(int table, Object[] row) {
    for (Settled s : SETTLED[table]) {
      row[s.column()] = s.rule().value(row, this);
    }
  }

  private String userName(Object uid) {
    return uid == null ? null : userNames.get((Long) uid);
  }

  private String containerName(String id) {
    if (id == null) {
      return null;
    }
    if (Containers.HOST.equals(id)) {
      return Containers.HOST;
    }
    ContainerInfo c = containers.get(id);
    if (c == null) {
      for (ContainerInfo k : containerOrder) {
        if (k.id().startsWith(id)) {
          c = k;
          break;
        }
      }
    }
    return c == null ? null : c.name();
  }

  private String openFlags(Object raw) {
    return raw == null ? null : FlagTables.flags("file_flags", (Long) raw, current);
  }

  private Object processPid(Object lifetime) {
    ProcessNames p = processNames();
    int i = p.find(lifetime);
    return i < 0 || p.pids[i] == Long.MIN_VALUE ? null : Long.valueOf(p.pids[i]);
  }

  private Object processName(Object lifetime) {
    ProcessNames p = processNames();
    int i = p.find(lifetime);
    return i < 0 ? null : p.names[i];
  }

  private ProcessNames processNames() {
    ProcessNames p = processNames;
    if (p == null) {
      synchronized (this) {
        p = processNames;
        if (p == null) {
          p = new ProcessNames(processRows);
          processNames = p;
        }
      }
    }
    return p;
  }

  /**
   * Id and name of every process lifetime, sorted by lifetime: three flat arrays, a few
   * bytes a process, built once per capture the first time an fd row is read.
   */
  private static final class ProcessNames {
    final long[] lifetimes;
    final long[] pids;
    final String[] names;

    ProcessNames(EntityRows rows) {
      int n = (int) rows.size();
      long[] lt = new long[n];
      long[] pid = new long[n];
      String[] name = new String[n];
      List<? extends EntityColumns.Column<?>> columns = EntityFile.TABLES.get(EntityFile.PROCESSES);
      int lifetimeAt = index(columns, "proc_lifetime");
      int pidAt = index(columns, "proc_pid");
      int nameAt = index(columns, "proc_name");
      int i = 0;
      for (Object[] r : rows) {
        if (i == n) {
          break;
        }
        lt[i] = (Long) r[lifetimeAt];
        pid[i] = r[pidAt] == null ? Long.MIN_VALUE : (Long) r[pidAt];
        name[i] = (String) r[nameAt];
        i++;
      }
      Integer[] order = new Integer[i];
      for (int k = 0; k < i; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> Long.compare(lt[a], lt[b]));
      lifetimes = new long[i];
      pids = new long[i];
      names = new String[i];
      for (int k = 0; k < i; k++) {
        lifetimes[k] = lt[order[k]];
        pids[k] = pid[order[k]];
        names[k] = name[order[k]];
      }
    }

    int find(Object lifetime) {
      return lifetime == null ? -1 : Arrays.binarySearch(lifetimes, (Long) lifetime);
    }
  }
}
