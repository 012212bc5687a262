package org.scapsql.adapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every table and column of schema {@code scap} with its one-line description, as
 * declared in {@link ScapTables}: what the JDBC column remarks and {@code docs/tables.md} show.
 */
public final class TableDocs {
  private TableDocs() {}

  /** A documented column. */
  public record Column(String name, String type, String description) {}

  /** A documented table. */
  public record Table(String name, String description, List<Column> columns) {}

  public static List<Table> tables() {
    List<Table> t = new ArrayList<>();
    for (TableDef d : ScapTables.all()) {
      List<Column> columns = new ArrayList<>();
      for (ColumnDef c : d.columns()) {
        columns.add(new Column(c.name(), c.typeName(), c.description()));
      }
      t.add(new Table(d.name(), d.description(), columns));
    }
    return t;
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
