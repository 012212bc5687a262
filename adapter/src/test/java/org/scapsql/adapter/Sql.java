package org.scapsql.adapter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;

/** A Calcite connection over captures, with the lexical settings scapsql uses. */
final class Sql implements AutoCloseable {
  final Connection connection;

  Sql(List<Path> captures) throws SQLException {
    Properties p = new Properties();
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "false");
    connection = DriverManager.getConnection("jdbc:calcite:", p);
    CalciteConnection c = connection.unwrap(CalciteConnection.class);
    c.getRootSchema().add("scap", new ScapSchema(captures));
    c.setSchema("scap");
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
