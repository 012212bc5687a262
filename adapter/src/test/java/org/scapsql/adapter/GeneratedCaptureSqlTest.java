package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;

/**
 * SQL over a generated 100 MB capture: a narrow query reads up to its tenth
 * match and decodes nothing, and the story's facts come back through the tables.
 */
class GeneratedCaptureSqlTest {
  @TempDir
  static Path dir;
  private static Sql sql;
  private static long events;

  @BeforeAll
  static void generate() throws Exception {
    Path f = dir.resolve("host.scap");
    Generator.Stats stats = new Generator(GeneratorOptions.of(100L << 20, 7)).generate(f);
    events = stats.events();
    sql = Sql.of(f);
  }

  @AfterAll
  static void close() throws SQLException {
    sql.close();
  }

  @Test
  void aNarrowQueryDecodesNothingAndStopsAtItsLimit() throws SQLException {
    ScanCounters.reset();
    List<String> rows = sql.rows("SELECT evt_num FROM events WHERE evt_type = 'openat' LIMIT 10");
    assertThat(rows).hasSize(10);
    assertThat(ScanCounters.EVENTS_DECODED.get()).isZero();
    assertThat(ScanCounters.EVENTS_TRACKED.get()).isZero();
    assertThat(ScanCounters.SCANS_STOPPED_EARLY.get()).isEqualTo(1);
    // It read exactly up to the tenth match, a sliver of the file.
    assertThat(ScanCounters.EVENTS_READ.get()).isEqualTo(Long.parseLong(rows.get(9)));
    assertThat(ScanCounters.EVENTS_READ.get()).isLessThan(events / 100);
  }

  @Test
  void decodedEventsAreAtMostTheMatchingOnes() throws SQLException {
    ScanCounters.reset();
    assertThat(sql.rows("SELECT evt_num, evt_args FROM events WHERE evt_type = 'openat' AND evt_dir = '<'"
        + " LIMIT 10")).hasSize(10);
    assertThat(ScanCounters.EVENTS_DECODED.get()).isEqualTo(10);
  }

  @Test
  void theWebServerMovesTheBytesItsConnectionsCarry() throws SQLException {
    String perConnection = sql.rows("SELECT sum(bytes_out), count(*) FROM connections"
        + " WHERE proc_name = 'nginx' AND fd_is_server AND fd_sport = 80").get(0);
    String perEvent = sql.rows("SELECT sum(evt_rawres), count(DISTINCT fd_name) FROM events"
        + " WHERE proc_name = 'nginx' AND evt_is_io_write AND evt_dir = '<' AND evt_rawres > 0"
        + " AND fd_type = 'ipv4' AND fd_sport = 80").get(0);
    assertThat(Long.parseLong(perConnection.split("\\|")[0])).isPositive();
    assertThat(perConnection.split("\\|")[0]).isEqualTo(perEvent.split("\\|")[0]);
  }
}
