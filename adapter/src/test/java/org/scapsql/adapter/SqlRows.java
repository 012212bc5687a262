package org.scapsql.adapter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.scapsql.adapter.connection.ScapConnections;

/** A query's rows as text, one line a row with '|' between values, for tests that compare answers. */
public final class SqlRows {
  private SqlRows() {}

  /** The rows of {@code query} on {@code capture}, through a JDBC connection of the adapter. */
  public static List<String> of(Path capture, String query) throws SQLException {
    try (Connection c = ScapConnections.connect(List.of(capture))) {
      return of(c, query);
    }
  }

  /** The rows of {@code query} on an open connection. */
  public static List<String> of(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        StringJoiner j = new StringJoiner("|");
        for (int i = 1; i <= md.getColumnCount(); i++) {
          j.add(String.valueOf(rs.getObject(i)));
        }
        out.add(j.toString());
      }
      return out;
    }
  }

  /** The same with the column cache on or off for this query (off again afterwards, as the tests run). */
  public static List<String> of(Path capture, String query, boolean cached) throws SQLException {
    System.setProperty("scapsql.columnCache", cached ? "on" : "off");
    try {
      return of(capture, query);
    } finally {
      System.setProperty("scapsql.columnCache", "off");
    }
  }
}
