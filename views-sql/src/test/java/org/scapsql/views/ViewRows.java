package org.scapsql.views;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import org.scapsql.adapter.connection.ScapConnections;

/** A query's rows as text over captures, one line a row with '|' between values. */
final class ViewRows {
  private ViewRows() {}

  static List<String> of(List<Path> captures, String query) throws SQLException {
    try (Connection c = ScapConnections.connect(captures); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        StringJoiner j = new StringJoiner("|");
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          j.add(v instanceof byte[] ? HexFormat.of().formatHex((byte[]) v) : String.valueOf(v));
        }
        out.add(j.toString());
      }
      return out;
    }
  }
}
