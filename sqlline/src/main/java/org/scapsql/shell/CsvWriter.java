package org.scapsql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** RFC 4180 CSV: a header line, then one line per row; NULL is an empty field, '' is {@code ""}. */
final class CsvWriter implements RowWriter {
  private final PrintStream out;

  CsvWriter(PrintStream out) {
    this.out = out;
  }

  @Override
  public long write(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    StringBuilder line = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      field(line, i, md.getColumnLabel(i));
    }
    out.print(line.append('\n'));
    long rows = 0;
    while (rs.next()) {
      line.setLength(0);
      for (int i = 1; i <= n; i++) {
        field(line, i, rs.getString(i));
      }
      out.print(line.append('\n'));
      rows++;
    }
    out.flush();
    return rows;
  }

  private static void field(StringBuilder line, int column, String value) {
    if (column > 1) {
      line.append(',');
    }
    if (value == null) {
      return;
    }
    // An empty string is quoted so that it differs from NULL.
    boolean quote = value.isEmpty()
        || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
        || Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1));
    if (!quote) {
      line.append(value);
      return;
    }
    line.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
