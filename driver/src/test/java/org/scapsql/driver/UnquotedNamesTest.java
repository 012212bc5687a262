package org.scapsql.driver;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every table and column the schema serves works unquoted, in lower case and in
 * upper case: no name may be an SQL reserved word (GROUPS was, so that table is
 * user_groups).
 */
class UnquotedNamesTest {
  @Test
  void everyTableAndColumnWorksUnquoted() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:scap:" + Fixtures.capture("cat_write.scap"))) {
      Map<String, List<String>> columns = new LinkedHashMap<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, "scap", "%", "%")) {
        while (rs.next()) {
          columns.computeIfAbsent(rs.getString("TABLE_NAME"), t -> new ArrayList<>()).add(rs.getString("COLUMN_NAME"));
        }
      }
      assertThat(columns).containsKeys("events", "processes", "users", "user_groups", "capture").doesNotContainKey("groups");
      for (Map.Entry<String, List<String>> t : columns.entrySet()) {
        String table = t.getKey();
        // Each query must parse, validate and run; LIMIT 0 keeps the big tables cheap.
        Jdbc.rows(c, "SELECT * FROM " + table + " LIMIT 0");
        Jdbc.rows(c, "SELECT * FROM " + table.toUpperCase() + " LIMIT 0");
        Jdbc.rows(c, "SELECT " + String.join(", ", t.getValue()) + " FROM scap." + table + " LIMIT 0");
        Jdbc.rows(c, "SELECT t." + String.join(", t.", t.getValue()) + " FROM " + table + " AS t LIMIT 0");
      }
      assertThat(Jdbc.rows(c, "SELECT group_name FROM user_groups WHERE group_gid = 0")).containsExactly("root");
    }
  }
}
