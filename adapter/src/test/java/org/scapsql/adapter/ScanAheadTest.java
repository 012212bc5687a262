package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapsql.Fixtures;
import org.scapsql.adapter.connection.ScapConnections;

/**
 * An events scan whose reading side runs on a thread of its own ({@link ScanAhead}) gives
 * the rows of one that reads on the query's thread, in the same order; a query closed
 * early stops that thread; and what the reading side throws reaches the query after the
 * rows read before it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ScanAheadTest {
  private static final String[] QUERIES = {
    // Every column; the captured bytes by their length, as a byte array prints as its identity.
    "SELECT " + EventColumn.definitions().stream().map(ColumnDef::name)
        .map(n -> n.equals("evt_data") ? "OCTET_LENGTH(evt_data)" : n)
        .collect(java.util.stream.Collectors.joining(", ")) + " FROM scap.events",
    "SELECT evt_num, proc_name, thread_nametid, proc_exeline, fd_name FROM scap.events WHERE proc_pid IS NOT NULL",
    "SELECT evt_type, count(*) FROM (SELECT evt_type, evt_res FROM scap.events WHERE evt_failed) GROUP BY evt_type"
        + " ORDER BY evt_type",
  };

  /** The rows of {@code query} with the reading side ahead on its own thread, or on the query's. */
  static List<String> rows(Path capture, String query, boolean ahead) throws Exception {
    System.setProperty("scapsql.scanAhead.minBytes", ahead ? "0" : String.valueOf(Long.MAX_VALUE));
    try {
      return SqlRows.of(capture, query);
    } finally {
      System.clearProperty("scapsql.scanAhead.minBytes");
    }
  }

  @ParameterizedTest
  @MethodSource("org.scapsql.Fixtures#captureNames")
  void theRowsAreThoseOfAScanOnOneThread(String name) throws Exception {
    Path capture = Fixtures.capture(name);
    for (String q : QUERIES) {
      List<String> one = rows(capture, q, false);
      assertThat(rows(capture, q, true)).as(name + ": " + q).isEqualTo(one);
    }
  }

  @Test
  void aQueryClosedEarlyStopsTheReadingSide(@TempDir Path dir) throws Exception {
    // Twenty sections: far more rows than the batches in flight, so the reading side is still
    // at work (held back by the full queue) when the statement closes.
    Path big = Fixtures.big(dir, 20);
    System.setProperty("scapsql.scanAhead.minBytes", "0");
    try (Connection c = ScapConnections.connect(List.of(big));
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT evt_num, proc_name FROM scap.events")) {
        for (int i = 0; i < 3; i++) {
          assertThat(rs.next()).isTrue();
        }
        assertThat(aheadThreads()).isPositive();
      }
    } finally {
      System.clearProperty("scapsql.scanAhead.minBytes");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (aheadThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(aheadThreads()).as("reading threads left running").isZero();
  }

  private static long aheadThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("scapsql-scan-ahead") && t.isAlive()).count();
  }

  @Test
  void everyRowArrivesInOrderAcrossBatches() {
    int total = ScanAhead.BATCH * 3 + 7;
    AtomicInteger made = new AtomicInteger();
    List<Object> seen = new ArrayList<>();
    try (ScanAhead ahead = new ScanAhead(() -> made.get() < total ? new Object[] {made.getAndIncrement()} : null,
        "test-scan-ahead")) {
      for (Object[] r; (r = ahead.next()) != null; ) {
        seen.add(r[0]);
      }
      assertThat(ahead.next()).isNull();
    }
    assertThat(seen).hasSize(total);
    for (int i = 0; i < total; i++) {
      assertThat(seen.get(i)).isEqualTo(i);
    }
  }

  @Test
  void whatTheReadingSideThrowsComesAfterItsRows() {
    AtomicInteger made = new AtomicInteger();
    try (ScanAhead ahead = new ScanAhead(() -> {
      if (made.get() == 1000) {
        throw new IOException("damaged block at byte 4096");
      }
      return new Object[] {made.getAndIncrement()};
    }, "test-scan-ahead")) {
      for (int i = 0; i < 1000; i++) {
        assertThat(ahead.next()).containsExactly(i);
      }
      assertThatThrownBy(ahead::next).isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("damaged block at byte 4096");
    }
  }

  @Test
  void aSourceIsRequired() {
    assertThatThrownBy(() -> new ScanAhead(null, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source");
  }
}
