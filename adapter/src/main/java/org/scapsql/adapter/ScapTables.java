package org.scapsql.adapter;

import java.util.List;
import java.util.function.Function;
import org.scapsql.adapter.entity.Entities;
import org.scapsql.adapter.entity.EntityColumns;
import org.scapsql.adapter.entity.EntityTable;
import org.scapsql.adapter.entity.SmallTables;
import org.scapsql.adapter.entity.ThreadsAtEnd;

/** Every table of schema {@code scap}, in the order the schema and the documentation list them. */
public final class ScapTables {
  private static final List<TableDef> ALL = List.of(
      new TableDef("events", "One row per event in the file, enter and exit alike, in capture order; nothing is"
          + " dropped. Filters on evt_type, evt_dir, evt_category, evt_rawtime/evt_time, evt_num, thread_tid,"
          + " proc_pid, fd_num and evt_failed, the columns asked for and LIMIT run inside the reader.",
          EventColumn.definitions(), EventsTable::new),
      new TableDef("io_chunks", "One row per read or write that carried data, with the captured bytes.",
          IoChunksTable.COLUMNS, IoChunksTable::new),
      entity("processes", "One row per process lifetime (a pid reused later is a new row).",
          EntityColumns.PROCESSES, Entities::processes),
      entity("threads", "One row per thread lifetime.", EntityColumns.THREADS, Entities::threads),
      entity("fds", "One row per file descriptor lifetime, open to close, with its I/O.", EntityColumns.FDS,
          Entities::fds),
      entity("connections", "One row per socket with an address (the inet sockets of fds).",
          EntityColumns.CONNECTIONS, Entities::connections),
      atEnd("containers", "One row per container seen (and 'host').", EntityColumns.CONTAINERS,
          SmallTables::containers),
      atEnd("users", "The capture's user table.", EntityColumns.USERS, SmallTables::users),
      atEnd("user_groups", "The capture's group table (GROUPS is a reserved word in SQL).", EntityColumns.GROUPS,
          SmallTables::groups),
      atEnd("interfaces", "Network interface addresses of the host.", EntityColumns.INTERFACES,
          SmallTables::interfaces),
      atEnd("threads_at_end", "One row per thread still alive when the capture ends, with its process's"
          + " parent and the capture's last event: the rows csysdig adds at the end of a capture.",
          ThreadsAtEnd.COLUMNS, ThreadsAtEnd::rows),
      new TableDef("capture", "One row per capture file.", EntityColumns.definitions(EntityColumns.CAPTURES),
          ScapSchema.CaptureTable::new),
      new TableDef("event_types", "The event types the reader knows.",
          EntityColumns.definitions(EntityColumns.EVENT_TYPES), captures -> new ScapSchema.EventTypesTable()));

  private ScapTables() {}

  public static List<TableDef> all() {
    return ALL;
  }

  /**
   * A table of what the end of the capture defines (the threads alive then, the capture's
   * facts), which a whole events scan of the same statement carries without the pass.
   */
  private static TableDef atEnd(String name, String description, List<? extends EntityColumns.Column<?>> columns,
      Function<Entities, ? extends Iterable<Object[]>> rows) {
    return new TableDef(name, description, EntityColumns.definitions(columns),
        captures -> new EntityTable(captures, columns, rows, true));
  }

  private static TableDef entity(String name, String description, List<? extends EntityColumns.Column<?>> columns,
      Function<Entities, ? extends Iterable<Object[]>> rows) {
    return new TableDef(name, description, EntityColumns.definitions(columns),
        captures -> new EntityTable(captures, columns, rows));
  }
}
