package org.scapsql.adapter.connection;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.scapsql.adapter.TableDocs;

/**
 * The one-line descriptions of {@link TableDocs} for schema {@code scap}, and of
 * the {@link ConnectionExtension}s for what they add, looked up by schema, table
 * and column.
 */
final class Remarks {
  // Built once: TableDocs assembles its lists on every call, and metadata calls come per column.
  private static final Map<String, String> TABLES = new HashMap<>();
  private static final Map<String, String> COLUMNS = new HashMap<>();

  static {
    for (TableDocs.Table t : TableDocs.tables()) {
      TABLES.put(key(t.name()), t.description());
      for (TableDocs.Column c : t.columns()) {
        COLUMNS.put(key(t.name()) + '.' + key(c.name()), c.description());
      }
    }
  }

  private Remarks() {}

  static String table(String schema, String table) {
    if (schema == null || table == null) {
      return null;
    }
    if (ScapConnections.SCHEMA.equalsIgnoreCase(schema)) {
      return TABLES.get(key(table));
    }
    for (ConnectionExtension x : ScapConnections.extensions()) {
      String r = x.tableRemark(schema, table);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  static String column(String schema, String table, String column) {
    if (schema == null || table == null || column == null) {
      return null;
    }
    if (ScapConnections.SCHEMA.equalsIgnoreCase(schema)) {
      return COLUMNS.get(key(table) + '.' + key(column));
    }
    for (ConnectionExtension x : ScapConnections.extensions()) {
      String r = x.columnRemark(schema, table, column);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
