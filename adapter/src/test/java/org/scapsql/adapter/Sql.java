package org.scapsql.adapter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.scapsql.adapter.connection.ScapConnections;

/** A scapsql connection over captures, as {@link ScapConnections} builds it for every user. */
final class Sql implements AutoCloseable {
  final Connection connection;

  Sql(List<Path> captures) throws SQLException {
    connection = ScapConnections.connect(captures);
  }

  static Sql of(Path... captures) throws SQLException {
    return new Sql(List.of(captures));
  }

  /** Rows as "a|b|c" strings. */
  List<String> rows(String query) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
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
  }

  String plan(String query) throws SQLException {
    return String.join("\n", rows("EXPLAIN PLAN FOR " + query)).strip();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
