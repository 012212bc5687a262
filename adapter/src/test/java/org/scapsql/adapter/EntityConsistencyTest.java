package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.scapsql.Fixtures;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;

/**
 * The entity tables against the events table, on every real capture, on
 * generated captures of several seeds and on the 2026-format capture: each
 * check counts the rows where two tables disagree, and every count must be 0.
 * A wrong owner of a process or fd row, a byte counted on the wrong fd or an
 * fd lifetime with the wrong bounds shows up here whatever the capture.
 */
class EntityConsistencyTest {
  private static final String MAX = "9223372036854775807";

  /** The window of an fd row, as a condition on the event {@code e} and the row {@code f}. */
  private static final String IN_WINDOW = "e.evt_rawtime >= COALESCE(f.open_rawtime, 0)"
      + " AND e.evt_rawtime <= COALESCE(f.close_rawtime, " + MAX + ")";

  static final Map<String, String> CHECKS = new LinkedHashMap<>();

  static {
    // A process row describes the process as its main thread's last event does.
    CHECKS.put("process rows vs the last event of their main thread", "SELECT count(*) FROM processes p"
        + " JOIN (SELECT proc_lifetime, max(evt_num) AS n FROM events WHERE thread_tid = proc_pid"
        + " GROUP BY proc_lifetime) l ON l.proc_lifetime = p.proc_lifetime"
        + " JOIN events e ON e.evt_num = l.n"
        + " WHERE e.proc_name <> p.proc_name OR e.proc_pid <> p.proc_pid OR e.proc_exe <> p.proc_exe"
        + " OR e.proc_args <> p.proc_args OR e.user_uid <> p.user_uid OR e.container_id <> p.container_id");
    CHECKS.put("fd rows with bytes written but no write event of their pid on that fd", "SELECT count(*) FROM fds f"
        + " WHERE f.bytes_written > 0 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.proc_pid = f.proc_pid"
        + " AND e.fd_num = f.fd_num AND e.evt_is_io_write)");
    // A call that both reads and writes (copy_file_range) names its output fd: it counts as a write there.
    CHECKS.put("fd rows whose bytes and calls differ from the I/O events in their window", "SELECT count(*) FROM"
        + " (SELECT f.fd_lifetime, max(f.bytes_read) AS br, max(f.bytes_written) AS bw, max(f.read_ops) AS ro,"
        + " max(f.write_ops) AS wo, max(f.errors) AS er,"
        + " sum(CASE WHEN e.evt_is_io_read AND NOT e.evt_is_io_write AND e.evt_rawres >= 0 THEN e.evt_rawres"
        + " ELSE 0 END) AS ebr,"
        + " sum(CASE WHEN e.evt_is_io_write AND e.evt_rawres >= 0 THEN e.evt_rawres ELSE 0 END) AS ebw,"
        + " sum(CASE WHEN e.evt_is_io_read AND NOT e.evt_is_io_write AND e.evt_rawres >= 0 THEN 1 ELSE 0 END)"
        + " AS ero,"
        + " sum(CASE WHEN e.evt_is_io_write AND e.evt_rawres >= 0 THEN 1 ELSE 0 END) AS ewo,"
        + " sum(CASE WHEN e.evt_rawres < 0 THEN 1 ELSE 0 END) AS eer"
        + " FROM fds f LEFT JOIN events e ON e.proc_lifetime = f.proc_lifetime AND e.fd_num = f.fd_num"
        + " AND e.evt_dir = '<' AND e.evt_is_io AND " + IN_WINDOW
        + " GROUP BY f.fd_lifetime) x"
        + " WHERE br <> ebr OR bw <> ebw OR ro <> ero OR wo <> ewo OR er <> eer");
    CHECKS.put("I/O events on a known fd that fall in no fd row's window, or in several", "SELECT count(*) FROM"
        + " (SELECT e.evt_num, count(f.fd_lifetime) AS n FROM events e LEFT JOIN fds f"
        + " ON f.proc_lifetime = e.proc_lifetime AND f.fd_num = e.fd_num AND " + IN_WINDOW
        + " WHERE e.evt_is_io AND e.evt_dir = '<' AND e.fd_type IS NOT NULL GROUP BY e.evt_num) x WHERE n <> 1");
    CHECKS.put("fd rows whose thread is not a thread of their process", "SELECT count(*) FROM fds f"
        + " WHERE f.thread_tid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM threads t"
        + " WHERE t.thread_tid = f.thread_tid AND t.proc_lifetime = f.proc_lifetime)");
    CHECKS.put("fd rows that name another pid or name than their process row", "SELECT count(*) FROM fds f"
        + " JOIN processes p ON p.proc_lifetime = f.proc_lifetime"
        + " WHERE f.proc_pid <> p.proc_pid OR f.proc_name <> p.proc_name");
    CHECKS.put("thread rows vs the thread's last event", "SELECT count(*) FROM threads t"
        + " JOIN (SELECT thread_tid, proc_lifetime, max(evt_num) AS n FROM events WHERE proc_lifetime IS NOT NULL"
        + " GROUP BY thread_tid, proc_lifetime) l ON l.thread_tid = t.thread_tid AND l.proc_lifetime = t.proc_lifetime"
        + " JOIN events e ON e.evt_num = l.n"
        + " WHERE e.proc_name <> t.proc_name OR e.proc_pid <> t.proc_pid OR e.user_uid <> t.user_uid"
        + " OR e.container_id <> t.container_id OR e.proc_exe <> t.proc_exe OR e.proc_args <> t.proc_args");
    CHECKS.put("threads of events without a thread row", "SELECT count(*) FROM"
        + " (SELECT DISTINCT thread_tid, proc_lifetime FROM events WHERE proc_lifetime IS NOT NULL) l"
        + " WHERE NOT EXISTS (SELECT 1 FROM threads t WHERE t.thread_tid = l.thread_tid"
        + " AND t.proc_lifetime = l.proc_lifetime)");
    CHECKS.put("processes of events without a process row", "SELECT count(*) FROM"
        + " (SELECT DISTINCT proc_lifetime FROM events WHERE proc_lifetime IS NOT NULL) l"
        + " WHERE NOT EXISTS (SELECT 1 FROM processes p WHERE p.proc_lifetime = l.proc_lifetime)");
    CHECKS.put("process rows whose thread count differs from their thread rows", "SELECT count(*) FROM processes p"
        + " WHERE p.thread_count <> (SELECT count(*) FROM threads t WHERE t.proc_lifetime = p.proc_lifetime)");
    CHECKS.put("process and thread rows whose life does not span their events", "SELECT count(*) FROM"
        + " (SELECT p.proc_start AS s, p.proc_end AS x, l.t0, l.t1 FROM processes p"
        + " JOIN (SELECT proc_lifetime, min(evt_rawtime) AS t0, max(evt_rawtime) AS t1 FROM events"
        + " WHERE proc_lifetime IS NOT NULL GROUP BY proc_lifetime) l ON l.proc_lifetime = p.proc_lifetime"
        + " UNION ALL SELECT t.thread_start, t.thread_end, l.t0, l.t1 FROM threads t"
        + " JOIN (SELECT thread_tid, proc_lifetime, min(evt_rawtime) AS t0, max(evt_rawtime) AS t1 FROM events"
        + " WHERE proc_lifetime IS NOT NULL GROUP BY thread_tid, proc_lifetime) l"
        + " ON l.thread_tid = t.thread_tid AND l.proc_lifetime = t.proc_lifetime) y"
        + " WHERE s > t0 OR x < t1");
    CHECKS.put("connection rows that differ from their fd row", "SELECT count(*) FROM connections c"
        + " LEFT JOIN fds f ON f.fd_lifetime = c.fd_lifetime WHERE f.fd_lifetime IS NULL"
        + " OR f.proc_lifetime <> c.proc_lifetime OR f.proc_pid <> c.proc_pid OR f.proc_name <> c.proc_name"
        + " OR f.fd_num <> c.fd_num OR f.fd_name <> c.fd_name OR f.bytes_read <> c.bytes_in"
        + " OR f.bytes_written <> c.bytes_out OR f.fd_type NOT IN ('ipv4', 'ipv6')");
    CHECKS.put("io_chunks rows that differ from their event", "SELECT count(*) FROM io_chunks c"
        + " LEFT JOIN events e ON e.evt_num = c.evt_num WHERE e.evt_num IS NULL OR e.evt_dir <> '<'"
        + " OR NOT e.evt_is_io OR e.thread_tid <> c.thread_tid OR e.proc_pid <> c.proc_pid"
        + " OR e.proc_name <> c.proc_name OR e.proc_lifetime <> c.proc_lifetime OR e.fd_num <> c.fd_num"
        + " OR e.fd_name <> c.fd_name OR e.fd_type <> c.fd_type OR e.evt_type <> c.evt_type"
        + " OR e.evt_rawres <> c.evt_rawres OR e.evt_rawtime <> c.evt_rawtime"
        + " OR (c.io_dir = 'read') <> (e.evt_is_io_read AND NOT e.evt_is_io_write)"
        + " OR c.data_len <> octet_length(c.data) OR c.truncated <> (c.evt_rawres > c.data_len)");
    // copy_file_range moves bytes without a data parameter; it is no chunk.
    CHECKS.put("I/O events that moved data that io_chunks lacks", "SELECT count(*) FROM events e"
        + " WHERE e.evt_is_io AND e.evt_dir = '<' AND e.evt_rawres > 0 AND e.evt_params['data'] IS NOT NULL"
        + " AND NOT EXISTS (SELECT 1 FROM io_chunks c WHERE c.evt_num = e.evt_num)");
  }

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.capturesDir())) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".scap") || n.endsWith(".scap.gz")).sorted().toList();
      assertThat(names).as("captures in " + Fixtures.capturesDir()).hasSizeGreaterThanOrEqualTo(8);
      return names.stream();
    }
  }

  /** The checks that found disagreeing rows, with their counts; empty when the tables agree. */
  static Map<String, Long> disagreements(Path capture) throws Exception {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Sql sql = Sql.of(capture)) {
      for (Map.Entry<String, String> c : CHECKS.entrySet()) {
        List<String> rows = sql.rows(c.getValue());
        assertThat(rows).as(c.getKey()).hasSize(1);
        long n = Long.parseLong(rows.get(0));
        if (n != 0) {
          out.put(c.getKey(), n);
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void entityTablesAgreeWithEventsOnEveryRealCapture(String name) throws Exception {
    assertThat(disagreements(Fixtures.capture(name))).isEmpty();
  }

  /** Seed and size in MiB: small captures, so that the story's first minutes are covered several ways quickly. */
  @ParameterizedTest
  @CsvSource({"1, 2", "2, 3", "3, 4", "5, 5"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void entityTablesAgreeWithEventsOnGeneratedCaptures(long seed, long mib, @TempDir Path dir) throws Exception {
    Path f = dir.resolve("seed" + seed + ".scap");
    new Generator(GeneratorOptions.of(mib << 20, seed)).generate(f);
    assertThat(disagreements(f)).isEmpty();
  }
}
