package org.scapsql.driver;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** getObject(column, Class), the time zone property, and the remote URL's checks. */
class TypedResultsTest {
  private static final String URL = "jdbc:scap:" + Fixtures.capture("cat_write.scap");

  @Test
  void getObjectWithAClassAnswersTheCommonClasses() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT evt_num, evt_type, evt_failed, evt_cpu, evt_rawres, evt_params,"
             + " evt_time, CAST(1.5 AS DECIMAL(3, 1)) AS d FROM events WHERE evt_num = 141")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject(1, Long.class)).isEqualTo(141L);
      assertThat(rs.getObject("evt_num", String.class)).isEqualTo("141");
      assertThat(rs.getObject(2, String.class)).isEqualTo("open");
      assertThat(rs.getObject(3, Boolean.class)).isFalse();
      assertThat(rs.getObject(4, Integer.class)).isEqualTo(0);
      assertThat(rs.getObject(5, Long.class)).isEqualTo(3L);
      assertThat(rs.getObject(6, Map.class)).containsEntry("fd", "3(<f>/etc/ld.so.cache)");
      assertThat(rs.getObject(7, Instant.class)).isEqualTo(Instant.parse("2016-08-04T16:17:57.881Z"));
      assertThat(rs.getObject(7, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2016-08-04T16:17:57.881"));
      assertThat(rs.getObject(8, BigDecimal.class)).isEqualByComparingTo("1.5");
      assertThatThrownBy(() -> rs.getObject(2, Instant.class)).isInstanceOf(SQLException.class)
          .hasMessage("column 2 (VARCHAR) cannot be read as java.time.Instant");
    }
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT proc_end_time, proc_exit_code FROM processes WHERE proc_pid = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject(1, Instant.class)).isNull();
      assertThat(rs.getObject(2, Integer.class)).isNull();
    }
  }

  @Test
  void timestampsAreUtcAndNoOtherZoneIsAccepted() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL + ";timeZone=UTC")) {
      assertThat(Jdbc.rows(c, "SELECT evt_time FROM events WHERE evt_num = 131"))
          .containsExactly("2016-08-04 16:17:57.881");
    }
    assertThatThrownBy(() -> DriverManager.getConnection(URL + ";timeZone=America/New_York"))
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("timeZone=America/New_York is not supported: scapsql's TIMESTAMP columns are"
            + " instants in UTC");
  }

  @Test
  void aRemoteUrlNamesAServerAndNothingElse() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:scap:http://127.0.0.1:1;fun=postgresql"))
        .isInstanceOf(SQLException.class)
        .hasMessage("a remote scapsql URL takes no properties (the server decides what it serves):"
            + " jdbc:scap:http://127.0.0.1:1;fun=postgresql");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:scap:http://"))
        .isInstanceOf(SQLException.class).hasMessage("no server in jdbc:scap:http:// (expected jdbc:scap:http://HOST:PORT)");
  }
}
