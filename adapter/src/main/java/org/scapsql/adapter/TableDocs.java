package org.scapsql.adapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scapsql.adapter.entity.EntityColumns;

/**
 * Every table and column of schema {@code scap} with its one-line description:
 * the source of the JDBC column remarks and of {@code docs/tables.md}.
 */
public final class TableDocs {
  private TableDocs() {}

  /** A documented column. */
  public record Column(String name, String type, String description) {}

  /** A documented table. */
  public record Table(String name, String description, List<Column> columns) {}

  public static List<Table> tables() {
    List<Table> t = new ArrayList<>();
    List<Column> events = new ArrayList<>();
    for (EventColumn c : EventColumn.values()) {
      events.add(new Column(c.columnName, c.type == org.apache.calcite.sql.type.SqlTypeName.MAP
          ? "MAP<VARCHAR, VARCHAR>" : c.type.getName(), c.description));
    }
    t.add(new Table("events", "One row per event in the file, enter and exit alike, in capture order; nothing is"
        + " dropped. Filters on evt_type, evt_dir, evt_category, evt_rawtime/evt_time, evt_num, thread_tid,"
        + " proc_pid, fd_num and evt_failed, the columns asked for and LIMIT run inside the reader.", events));
    List<Column> io = new ArrayList<>();
    for (String[] c : IoChunksTable.columns()) {
      io.add(new Column(c[0], c[1], c[2]));
    }
    t.add(new Table("io_chunks", "One row per read or write that carried data, with the captured bytes.", io));
    t.add(entity("processes", "One row per process lifetime (a pid reused later is a new row).",
        EntityColumns.PROCESSES));
    t.add(entity("threads", "One row per thread lifetime.", EntityColumns.THREADS));
    t.add(entity("fds", "One row per file descriptor lifetime, open to close, with its I/O.", EntityColumns.FDS));
    t.add(entity("connections", "One row per socket with an address (the inet sockets of fds).",
        EntityColumns.CONNECTIONS));
    t.add(entity("containers", "One row per container seen (and 'host').", EntityColumns.CONTAINERS));
    t.add(entity("users", "The capture's user table.", EntityColumns.USERS));
    t.add(entity("user_groups", "The capture's group table (GROUPS is a reserved word in SQL).",
        EntityColumns.GROUPS));
    t.add(entity("interfaces", "Network interface addresses of the host.", EntityColumns.INTERFACES));
    t.add(entity("capture", "One row per capture file.", EntityColumns.CAPTURES));
    t.add(entity("event_types", "The event types the reader knows.", EntityColumns.EVENT_TYPES));
    return t;
  }

  private static Table entity(String name, String description, List<EntityColumns.Column> cols) {
    List<Column> out = new ArrayList<>();
    for (EntityColumns.Column c : cols) {
      out.add(new Column(c.name(), c.type().getName(), c.description()));
    }
    return new Table(name, description, out);
  }

  /** Description of a column, or null. */
  public static String describe(String table, String column) {
    for (Table t : tables()) {
      if (t.name().equalsIgnoreCase(table)) {
        for (Column c : t.columns()) {
          if (c.name().equalsIgnoreCase(column)) {
            return c.description();
          }
        }
      }
    }
    return null;
  }

  public static Map<String, String> tableDescriptions() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Table t : tables()) {
      m.put(t.name(), t.description());
    }
    return m;
  }

  /** The reference page {@code docs/tables.md}. */
  public static String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Tables of schema `scap`\n\n");
    sb.append("Generated from the column descriptions in the code (`TableDocs.markdown()`); a test keeps this\n");
    sb.append("page in step with them. Times are nanoseconds since the Unix epoch unless the type is TIMESTAMP;\n");
    sb.append("a TIMESTAMP column is the same instant in UTC, truncated to the millisecond (see [sql.md](sql.md#time)).\n");
    sb.append("With several captures every table holds the rows of all of them; `capture` tells them apart.\n");
    sb.append("Lifetime ids are numbered per capture: a key is the id together with `capture`.\n");
    for (Table t : tables()) {
      sb.append("\n## ").append(t.name()).append("\n\n").append(t.description()).append("\n\n");
      String keys = Keys.describe(t.name());
      if (!keys.isEmpty()) {
        sb.append(keys).append("\n\n");
      }
      sb.append("| column | type | description |\n| --- | --- | --- |\n");
      for (Column c : t.columns()) {
        sb.append("| `").append(c.name()).append("` | ").append(c.type()).append(" | ")
            .append(c.description().replace("|", "\\|")).append(" |\n");
      }
    }
    return sb.toString();
  }

  public static void main(String[] args) throws java.io.IOException {
    java.nio.file.Files.writeString(java.nio.file.Path.of(args.length > 0 ? args[0] : "docs/tables.md"), markdown());
  }
}
