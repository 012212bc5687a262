package org.scapsql.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;
import org.scapsql.driver.ScapDriver;
import org.scapsql.driver.ScapUrl;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;

/**
 * Exports the real captures of testdata/ and a generated one, reads the Parquet back
 * with DuckDB, and checks that DuckDB's answers equal scapsql's own over the same
 * captures: counts per event type, Inspect's Files, Connections and Spy Users views
 * (rewritten as plain SQL over the exported events and capture tables, the queries of
 * docs/scale-out.md), the processes table column by column, and the captured bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportDuckDbTest {
  /** Inspect's Files view over the exported tables: docs/scale-out.md, "files by bytes". */
  static final String FILES = String.join("\n",
      "SELECT e.capture, e.container_id, e.fd_name,",
      "  SUM(CASE WHEN e.fd_type = 'file' AND e.evt_dir = '<' AND e.evt_rawres >= 0",
      "      AND (e.evt_latency > 0 OR c.dialect = 'current')",
      "      AND e.evt_type IN ('read', 'readv', 'pread', 'preadv', 'recv', 'recvfrom', 'recvmsg', 'recvmmsg')",
      "    THEN e.evt_rawres ELSE 0 END) AS bytes_in,",
      "  SUM(CASE WHEN e.fd_type = 'file' AND e.evt_dir = '<' AND e.evt_rawres >= 0",
      "      AND (e.evt_latency > 0 OR c.dialect = 'current')",
      "      AND e.evt_type IN ('write', 'writev', 'pwrite', 'pwritev', 'send', 'sendto', 'sendmsg', 'sendmmsg',",
      "        'sendfile')",
      "    THEN e.evt_rawres ELSE 0 END) AS bytes_out,",
      "  COUNT(CASE WHEN e.evt_dir = '<' THEN 1 END) AS ops",
      "FROM events e JOIN capture c ON c.capture = e.capture",
      "WHERE (e.evt_visible OR e.evt_category = 'internal')",
      "  AND e.fd_type IN ('file', 'directory') AND e.fd_name <> ''",
      "GROUP BY e.capture, e.container_id, e.fd_name");

  /** Inspect's Connections view's traffic per connection: docs/scale-out.md, "connections". */
  static final String CONNECTIONS = String.join("\n",
      "SELECT e.capture, e.container_id, e.fd_name,",
      "  SUM(CASE WHEN e.evt_dir = '<' AND e.evt_rawres >= 0 AND (e.evt_latency > 0 OR c.dialect = 'current')",
      "      AND e.evt_type IN ('read', 'readv', 'pread', 'preadv', 'recv', 'recvfrom', 'recvmsg', 'recvmmsg')",
      "    THEN e.evt_rawres ELSE 0 END) AS bytes_in,",
      "  SUM(CASE WHEN e.evt_dir = '<' AND e.evt_rawres >= 0 AND (e.evt_latency > 0 OR c.dialect = 'current')",
      "      AND e.evt_type IN ('write', 'writev', 'pwrite', 'pwritev', 'send', 'sendto', 'sendmsg', 'sendmmsg',",
      "        'sendfile')",
      "    THEN e.evt_rawres ELSE 0 END) AS bytes_out,",
      "  COUNT(*) AS ops",
      "FROM events e JOIN capture c ON c.capture = e.capture",
      "WHERE (e.evt_visible OR e.evt_category = 'internal')",
      "  AND e.fd_type IN ('ipv4', 'ipv6') AND e.fd_name <> ''",
      "  AND e.fd_cip IS NOT NULL AND e.fd_cport IS NOT NULL AND e.fd_sip IS NOT NULL AND e.fd_sport IS NOT NULL",
      "GROUP BY e.capture, e.container_id, e.fd_name");

  /** Inspect's Spy Users view: docs/scale-out.md, "spy users". */
  static final String SPY_USERS = String.join("\n",
      "SELECT capture, proc_name || CAST(thread_tid AS VARCHAR) AS thread_nametid,",
      "  MIN(evt_rawtime) AS first_rawtime,",
      "  ARG_MIN(COALESCE(user_name, ''), evt_num) AS user_name,",
      "  ARG_MAX(COALESCE(proc_exe || ' ' || proc_args, ''), evt_num) AS proc_exeline",
      "FROM events",
      "WHERE (evt_visible OR evt_category = 'internal') AND evt_dir = '<' AND NOT evt_failed",
      "  AND proc_ppid IS NOT NULL",
      "  AND (evt_type = 'execve' OR (evt_type = 'chdir' AND proc_name LIKE '%sh%' AND proc_name NOT LIKE '%sshd%'))",
      "GROUP BY capture, proc_name || CAST(thread_tid AS VARCHAR)");

  private List<Path> captures;
  private Path out;
  private Connection scap;
  private Connection duck;

  @BeforeAll
  void export(@TempDir Path dir) throws Exception {
    Path generated = dir.resolve("generated.scap");
    new Generator(GeneratorOptions.of(3L << 20, 7)).generate(generated);
    captures = new ArrayList<>();
    try (Stream<Path> s = Files.list(Fixtures.capturesDir())) {
      s.filter(p -> p.getFileName().toString().contains(".scap")).sorted().forEach(captures::add);
    }
    assertThat(captures).hasSizeGreaterThanOrEqualTo(8);
    captures.add(generated);
    out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("--format", "parquet", "--out", out.toString()));
    captures.forEach(p -> args.add(p.toString()));
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status = ExportCommand.run(args.toArray(new String[0]), new PrintStream(stdout, true),
        new PrintStream(stderr, true), null);
    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(status).isZero();
    assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("exported 9 of 9 captures to " + out);

    scap = new ScapDriver().connect(ScapUrl.of(captures), new Properties());
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duck.createStatement()) {
      for (String table : ExportOptions.defaultTables()) {
        s.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('"
            + out.resolve(table).resolve("**").resolve("*.parquet") + "', hive_partitioning = true)");
      }
    }
  }

  @AfterAll
  void close() throws SQLException {
    if (scap != null) {
      scap.close();
    }
    if (duck != null) {
      duck.close();
    }
  }

  @Test
  void countsPerEventTypeAreScapsqls() throws SQLException {
    String sql = "SELECT capture, evt_type, evt_dir, COUNT(*) AS n FROM events GROUP BY capture, evt_type, evt_dir";
    List<String> expected = rows(scap, sql);
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(rows(duck, sql)).containsExactlyInAnyOrderElementsOf(expected);
    // And the total, so that no capture went missing on both sides.
    assertThat(rows(duck, "SELECT COUNT(*) FROM events"))
        .containsExactlyElementsOf(rows(scap, "SELECT COUNT(*) FROM events"));
  }

  @Test
  void filesByBytesAreInspectsFilesView() throws SQLException {
    List<String> expected = rows(scap, "SELECT capture, container_id, fd_name, bytes_in, bytes_out, ops FROM inspect.files");
    assertThat(expected).hasSizeGreaterThan(50);
    assertThat(rows(duck, FILES)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rows(scap, FILES)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void bytesPerConnectionAreInspectsConnectionsView() throws SQLException {
    List<String> expected = rows(scap,
        "SELECT capture, container_id, fd_name, bytes_in, bytes_out, ops FROM inspect.connections");
    assertThat(expected).hasSizeGreaterThan(5);
    assertThat(rows(duck, CONNECTIONS)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void spyUsersAreInspectsSpyUsersView() throws SQLException {
    List<String> expected = rows(scap,
        "SELECT capture, thread_nametid, first_rawtime, user_name, proc_exeline FROM inspect.spy_users");
    assertThat(expected).hasSizeGreaterThan(3);
    assertThat(rows(duck, SPY_USERS)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void processesTableIsScapsqlsColumnByColumn() throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = scap.getMetaData().getColumns(null, "scap", "processes", null)) {
      while (rs.next()) {
        if (!rs.getString("TYPE_NAME").startsWith("TIMESTAMP")) {
          columns.add(rs.getString("COLUMN_NAME"));
        }
      }
    }
    assertThat(columns).contains("proc_pid", "proc_lifetime", "proc_exe", "proc_start", "capture");
    String sql = "SELECT " + String.join(", ", columns) + " FROM processes";
    List<String> expected = rows(scap, sql);
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(rows(duck, sql)).containsExactlyInAnyOrderElementsOf(expected);
    // The TIMESTAMP twin carries the nanoseconds of its BIGINT: more than SQL's milliseconds.
    assertThat(rows(duck, "SELECT COUNT(*) FROM processes WHERE proc_start IS DISTINCT FROM epoch_ns(proc_start_time)"))
        .containsExactly("0");
  }

  @Test
  void capturedBytesAndParametersAreScapsqls() throws SQLException {
    String sql = "SELECT capture, fd_name, io_dir, SUM(data_len) AS data_len, COUNT(*) AS chunks"
        + " FROM io_chunks GROUP BY capture, fd_name, io_dir";
    List<String> expected = rows(scap, sql);
    assertThat(expected).hasSizeGreaterThan(20);
    assertThat(rows(duck, sql)).containsExactlyInAnyOrderElementsOf(expected);
    // The bytes themselves: the same length as data_len on every chunk.
    assertThat(rows(duck, "SELECT COUNT(*) FROM io_chunks WHERE octet_length(data) <> data_len")).containsExactly("0");
    String firstBytes = "SELECT capture, evt_num, data FROM io_chunks WHERE fd_name LIKE '/etc/%'";
    assertThat(blobs(duck, firstBytes)).containsExactlyInAnyOrderElementsOf(blobs(scap, firstBytes));
    // evt_params is a MAP: one parameter looked up by name gives scapsql's rendering.
    String param = "SELECT capture, evt_num, evt_params['fd'] FROM events WHERE evt_type = 'read' AND evt_dir = '>'";
    assertThat(rows(duck, param)).containsExactlyInAnyOrderElementsOf(rows(scap, param));
  }

  @Test
  void typesAreTheLogicalOnes() throws SQLException {
    assertThat(rows(duck, "SELECT DISTINCT typeof(evt_time), typeof(evt_rawtime), typeof(evt_params), typeof(evt_num),"
        + " typeof(evt_failed), typeof(fd_cport) FROM events"))
        .containsExactly("TIMESTAMP_NS|BIGINT|MAP(VARCHAR, VARCHAR)|BIGINT|BOOLEAN|INTEGER");
    assertThat(rows(duck, "SELECT DISTINCT typeof(data), typeof(capture) FROM io_chunks"))
        .containsExactly("BLOB|VARCHAR");
    assertThat(rows(duck, "SELECT COUNT(*) FROM events WHERE epoch_ns(evt_time) <> evt_rawtime")).containsExactly("0");
    // The Parquet schema itself, as DuckDB reads it from a file's footer.
    assertThat(rows(duck, "SELECT name, type, logical_type FROM parquet_schema('" + out.resolve("events").resolve("**")
        .resolve("*.parquet") + "') WHERE name IN ('evt_time', 'evt_params') LIMIT 2"))
        .anySatisfy(r -> assertThat(r).startsWith("evt_time|INT64|TimestampType(isAdjustedToUTC=0, unit=TimeUnit("));
  }

  @Test
  void partitionsAreHostAndDateOfTheFirstEvent() throws SQLException {
    String sql = "SELECT capture, hostname, CAST(CAST(first_time AS DATE) AS VARCHAR) FROM capture";
    List<String> expected = rows(scap, sql);
    assertThat(expected).contains("modern-small.scap.gz|vm|2026-11-28", "syscall.scap|ubuntu|2018-04-12");
    assertThat(rows(duck, "SELECT DISTINCT capture, host, CAST(date AS VARCHAR) FROM events"))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rows(duck, "SELECT DISTINCT capture, host, CAST(date AS VARCHAR) FROM capture"))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Rows as text, columns joined by |, numbers written alike whichever Java type the engine chose. */
  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          sb.append(i > 1 ? "|" : "").append(text(rs.getObject(i)));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  private static List<String> blobs(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + java.util.HexFormat.of().formatHex(rs.getBytes(3)));
      }
    }
    return out;
  }

  private static String text(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).stripTrailingZeros().toPlainString();
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger) {
      return new BigInteger(v.toString()).toString();
    }
    return v.toString();
  }
}
