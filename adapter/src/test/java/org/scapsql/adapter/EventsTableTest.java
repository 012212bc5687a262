package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.scapsql.Fixtures;

class EventsTableTest {
  @Test
  void smoke() throws SQLException {
    try (Sql sql = Sql.of(Fixtures.capture("cat_write.scap"))) {
      System.out.println(sql.plan("SELECT evt_num, proc_name FROM events WHERE evt_type = 'open' AND evt_dir = '<' LIMIT 3"));
      System.out.println(sql.rows("SELECT evt_num, proc_name, fd_name FROM events WHERE evt_type = 'open' AND evt_dir = '<' LIMIT 3"));
      System.out.println(sql.rows("SELECT evt_type, count(*) FROM events GROUP BY evt_type ORDER BY 2 DESC"));
    }
  }
}
