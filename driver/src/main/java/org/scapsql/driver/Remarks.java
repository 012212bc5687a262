package org.scapsql.driver;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.scapsql.adapter.TableDocs;
import org.scapsql.views.InspectViews;

/**
 * The one-line descriptions of {@link TableDocs} (schema scap) and of the Inspect views'
 * doc comments (schema inspect), looked up by schema, table and column.
 */
final class Remarks {
  static final String SCHEMA = "scap";

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
    if (InspectViews.SCHEMA.equalsIgnoreCase(schema)) {
      return InspectViews.tableRemark(table);
    }
    return SCHEMA.equalsIgnoreCase(schema) && table != null ? TABLES.get(key(table)) : null;
  }

  static String column(String schema, String table, String column) {
    if (InspectViews.SCHEMA.equalsIgnoreCase(schema)) {
      return InspectViews.columnRemark(table, column);
    }
    return SCHEMA.equalsIgnoreCase(schema) && table != null && column != null
        ? COLUMNS.get(key(table) + '.' + key(column)) : null;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
