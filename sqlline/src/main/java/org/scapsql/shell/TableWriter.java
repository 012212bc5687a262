package org.scapsql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned table for people. Column widths come from the first rows (up to
 * {@value #SAMPLE}); later rows print as they arrive, so a long result streams
 * instead of being held in memory, and a wider value just widens its own line.
 */
final class TableWriter implements RowWriter {
  static final int SAMPLE = 1000;
  private static final String NULL = "NULL";

  private final PrintStream out;

  TableWriter(PrintStream out) {
    this.out = out;
  }

  @Override
  public long write(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] labels = new String[n];
    boolean[] right = new boolean[n];
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = md.getColumnLabel(i + 1);
      right[i] = isNumeric(md.getColumnType(i + 1));
      widths[i] = labels[i].length();
    }
    List<String[]> sample = new ArrayList<>();
    boolean more = true;
    while (sample.size() < SAMPLE && (more = rs.next())) {
      String[] row = row(rs, n);
      for (int i = 0; i < n; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
      sample.add(row);
    }
    String rule = rule(widths);
    out.println(rule);
    out.println(line(labels, widths, new boolean[n]));
    out.println(rule);
    long rows = 0;
    for (String[] row : sample) {
      out.println(line(row, widths, right));
      rows++;
    }
    while (more && rs.next()) {
      out.println(line(row(rs, n), widths, right));
      rows++;
    }
    out.println(rule);
    out.println(rows == 1 ? "1 row" : rows + " rows");
    out.flush();
    return rows;
  }

  private static String[] row(ResultSet rs, int n) throws SQLException {
    String[] row = new String[n];
    for (int i = 0; i < n; i++) {
      String s = rs.getString(i + 1);
      // One line per row: control characters in captured text would break the layout.
      row[i] = s == null ? NULL : s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
    return row;
  }

  private static String rule(int[] widths) {
    StringBuilder sb = new StringBuilder("+");
    for (int w : widths) {
      sb.append("-".repeat(w + 2)).append('+');
    }
    return sb.toString();
  }

  private static String line(String[] cells, int[] widths, boolean[] right) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(Math.max(0, widths[i] - cells[i].length()));
      sb.append(' ');
      if (right[i]) {
        sb.append(pad).append(cells[i]);
      } else {
        sb.append(cells[i]).append(pad);
      }
      sb.append(" |");
    }
    return sb.toString();
  }

  private static boolean isNumeric(int type) {
    switch (type) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.DECIMAL:
      case Types.NUMERIC:
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
        return true;
      default:
        return false;
    }
  }
}
