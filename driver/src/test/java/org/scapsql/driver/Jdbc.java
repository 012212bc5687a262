package org.scapsql.driver;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers for tests. */
public final class Jdbc {
  private Jdbc() {}

  /** The rows of a query as "a|b|c" strings. */
  public static List<String> rows(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      return rows(rs);
    }
  }

  /** The remaining rows of a result set as "a|b|c" strings. */
  public static List<String> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> out = new ArrayList<>();
    while (rs.next()) {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        if (i > 1) {
          sb.append('|');
        }
        sb.append(rs.getString(i));
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** One column of a result set, by label. */
  public static List<String> column(ResultSet rs, String label) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(label));
      }
    }
    return out;
  }
}
