package org.scapsql.views;

import org.scapsql.adapter.connection.ScapConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders {@code docs/views.md} from the views' doc comments and their column types. */
final class ViewsPage {
  private ViewsPage() {}

  /** The page; column types come from {@code c}'s metadata (no capture is read). */
  static String markdown(Connection c) throws SQLException {
    StringBuilder sb = new StringBuilder(InspectViews.resource("views-intro.md").strip()).append("\n");
    sb.append("\n## The views\n\n| view | Inspect | one row per |\n| --- | --- | --- |\n");
    for (InspectViews.View v : InspectViews.views()) {
      sb.append("| [`inspect.").append(v.name()).append("`](#inspect").append(v.name())
          .append(") | ").append(v.doc().title()).append(" | ").append(cell(v.doc().key())).append(" |\n");
    }
    DatabaseMetaData md = c.getMetaData();
    for (InspectViews.View v : InspectViews.views()) {
      ViewDoc d = v.doc();
      sb.append("\n## inspect.").append(v.name()).append("\n\n");
      sb.append("**").append(d.title()).append("**");
      if (d.csysdig() != null) {
        sb.append(" (csysdig: ").append(d.csysdig()).append(")");
      }
      sb.append(". ").append(d.purpose()).append("\n\n");
      if (d.key() != null) {
        sb.append("One row per: `").append(d.key().replace(", ", "`, `")).append("`.");
      }
      if (d.order() != null) {
        sb.append(" Inspect's order: `ORDER BY ").append(d.order()).append("`.");
      }
      sb.append("\n\n| column | type | description |\n| --- | --- | --- |\n");
      Map<String, String> types = types(md, v.name());
      for (Map.Entry<String, String> col : d.columns().entrySet()) {
        sb.append("| `").append(col.getKey()).append("` | ").append(types.get(col.getKey())).append(" | ")
            .append(cell(col.getValue())).append(" |\n");
      }
      if (!d.context().isEmpty()) {
        sb.append("\nContext columns (a `WHERE` on them filters the events before grouping, as Inspect's"
            + " drill-down does; they read the constant they were compared with, else NULL):\n\n");
        for (Map.Entry<String, String> col : d.context().entrySet()) {
          sb.append("- `").append(col.getKey()).append("` (").append(types.get(col.getKey())).append("): ")
              .append(col.getValue()).append("\n");
        }
      }
      appendList(sb, "Drill-down", d.drilldowns());
      appendList(sb, "Differences from Inspect", d.differences());
      appendList(sb, "Pending", d.pending());
    }
    return sb.toString();
  }

  private static void appendList(StringBuilder sb, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    sb.append("\n").append(title).append(":\n\n");
    for (String i : items) {
      sb.append("- ").append(i).append("\n");
    }
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|");
  }

  private static Map<String, String> types(DatabaseMetaData md, String view) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (ResultSet rs = md.getColumns(null, InspectViews.SCHEMA, view, "%")) {
      while (rs.next()) {
        out.put(rs.getString("COLUMN_NAME"), bare(rs.getString("TYPE_NAME")));
      }
    }
    return out;
  }

  private static String bare(String type) {
    String t = type.replace(" NOT NULL", "");
    int cs = t.indexOf(" CHARACTER SET");
    if (cs >= 0) {
      t = t.substring(0, cs);
    }
    return t.replaceAll("\\(\\d+\\)$", "");
  }

  static String markdown() throws SQLException {
    try (Connection c = ScapConnections.connect(List.of(Path.of("none.scap")))) {
      return markdown(c);
    }
  }
}
