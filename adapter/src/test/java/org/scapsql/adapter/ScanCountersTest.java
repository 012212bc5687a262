package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;

/**
 * On a 100 MB capture: a narrow query decodes the parameters of no more than
 * the rows it returns and stops reading at its limit; cancel and query timeout
 * stop a long scan promptly.
 */
class ScanCountersTest {
  /** Events in the whole file: 230 copies of a 4,143-event capture. */
  private static final long EVENTS = 230L * 4143;

  /** Five full scans rendering every event: several seconds on any machine this runs on. */
  private static final String SLOW = "SELECT count(*) FROM (" + String.join(" UNION ALL ",
      java.util.Collections.nCopies(5, "SELECT evt_args FROM events")) + ") WHERE evt_args LIKE '%no such text%'";

  @TempDir
  static Path dir;
  private static Path big;
  private static Sql sql;

  @BeforeAll
  static void build() throws Exception {
    byte[] one;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.capture("run_as_user_0_container.scap")))) {
      one = in.readAllBytes();
    }
    // A concatenated capture: each copy is a section with its own header and state.
    big = dir.resolve("big.scap");
    try (OutputStream out = Files.newOutputStream(big)) {
      for (int i = 0; i < 230; i++) {
        out.write(one);
      }
    }
    assertThat(Files.size(big)).isGreaterThan(100_000_000L);
    sql = Sql.of(big);
  }

  @AfterAll
  static void close() throws SQLException {
    sql.close();
  }

  @Test
  void aNarrowQueryDecodesOnlyWhatItReturnsAndStopsEarly() throws SQLException {
    ScanCounters.reset();
    assertThat(sql.rows("SELECT evt_num FROM events WHERE evt_type = 'open' LIMIT 10"))
        .containsExactly("2192", "2195", "2207", "2209", "2543", "2544", "2565", "2566", "2611", "2612");
    assertThat(ScanCounters.ROWS.get()).isEqualTo(10);
    assertThat(ScanCounters.EVENTS_DECODED.get()).isZero();
    assertThat(ScanCounters.EVENTS_TRACKED.get()).isZero();
    assertThat(ScanCounters.EVENTS_READ.get()).isEqualTo(2612);
    assertThat(ScanCounters.SCANS_STOPPED_EARLY.get()).isEqualTo(1);
  }

  @Test
  void parametersAreDecodedForMatchingRowsOnly() throws SQLException {
    ScanCounters.reset();
    assertThat(sql.rows("SELECT evt_args FROM events WHERE evt_type = 'open' AND evt_dir = '<' LIMIT 3"))
        .containsExactly("fd=3(<f>/etc/ld.so.cache) name=/etc/ld.so.cache flags=4097(O_RDONLY|O_CLOEXEC) mode=0 dev=2D",
            "fd=3(<f>/lib/x86_64-linux-gnu/libselinux.so.1) name=/lib/x86_64-linux-gnu/libselinux.so.1"
                + " flags=4097(O_RDONLY|O_CLOEXEC) mode=0 dev=2D",
            "fd=3(<f>/lib/x86_64-linux-gnu/libc.so.6) name=/lib/x86_64-linux-gnu/libc.so.6"
                + " flags=4097(O_RDONLY|O_CLOEXEC) mode=0 dev=2D");
    assertThat(ScanCounters.EVENTS_DECODED.get()).isEqualTo(3);
    // Rendering fd names needs the state, so every event up to the last row was tracked.
    assertThat(ScanCounters.EVENTS_TRACKED.get()).isEqualTo(ScanCounters.EVENTS_READ.get()).isEqualTo(2544);
  }

  @Test
  void eachProcessLifetimeIsARowEvenWhenItsPidComesBack() throws SQLException {
    // Every section of the file holds the same 56 processes under the same pids.
    assertThat(sql.rows("SELECT count(*), count(DISTINCT proc_pid), count(DISTINCT proc_lifetime) FROM processes"))
        .containsExactly((230 * 56) + "|56|" + (230 * 56));
    assertThat(sql.rows("SELECT count(*) FROM processes WHERE proc_pid = 32052 AND proc_name = 'ls'"))
        .containsExactly("230");
  }

  @Test
  void cancelStopsALongScan() throws Exception {
    Statement s = sql.connection.createStatement();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        s.executeQuery(SLOW).next();
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    ScanCounters.reset();
    t.start();
    Thread.sleep(300);
    s.cancel();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(SQLException.class);
    // The scan stopped: it never reached the end of the file.
    assertThat(ScanCounters.EVENTS_READ.get()).isLessThan(5 * EVENTS);
    s.close();
  }

  @Test
  void aQueryTimeoutStopsALongScan() throws Exception {
    try (Statement s = sql.connection.createStatement()) {
      s.setQueryTimeout(1);
      ScanCounters.reset();
      assertThatThrownBy(() -> s.executeQuery(SLOW).next())
          .isInstanceOf(SQLException.class).hasMessageContaining("query timed out");
      assertThat(ScanCounters.EVENTS_READ.get()).isPositive().isLessThan(5 * EVENTS);
    }
  }
}
