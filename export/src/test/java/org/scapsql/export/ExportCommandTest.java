package org.scapsql.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;

/** The command line of {@code scapsql export}: options, layout, refusals and messages. */
class ExportCommandTest {
  @TempDir
  Path dir;

  /** What one run printed and returned. */
  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ExportCommand.run(args, new PrintStream(out, true), new PrintStream(err, true), null);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String capture(String name) {
    return Fixtures.capture(name).toString();
  }

  private List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    }
  }

  @Test
  void writesEveryTableUnderHostAndDateOfTheFirstEvent() throws IOException {
    Path out = dir.resolve("out");
    Run r = run("--format", "parquet", "--out", out.toString(), capture("syscall.scap"),
        capture("modern-small.scap.gz"));
    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("exported 2 of 2 captures to " + out + ": 22 files, ");
    List<String> expected = new java.util.ArrayList<>();
    for (String table : ExportOptions.defaultTables()) {
      expected.add(table + "/host=ubuntu/date=2018-04-12/part-0000.parquet");
      expected.add(table + "/host=vm/date=2026-11-28/part-0000.parquet");
    }
    assertThat(files(out)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ExportOptions.defaultTables()).contains("events", "io_chunks", "processes", "threads", "fds",
        "connections", "containers", "users", "user_groups", "interfaces", "capture")
        .doesNotContain("event_types", "threads_at_end");
  }

  @Test
  void capturesOfOneHostAndDayAreNumberedInTheOrderGiven() throws IOException {
    // Two copies of one capture: the same host and first event, so the same partition.
    Path a = Files.copy(Fixtures.capture("cat_write.scap"), dir.resolve("a.scap"));
    Path b = Files.copy(Fixtures.capture("cat_write.scap"), dir.resolve("b.scap"));
    Path out = dir.resolve("out");
    Run r = run("--format", "parquet", "--out", out.toString(), "--tables", "events,processes", b.toString(),
        a.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(files(out)).containsExactly(
        "events/host=ubuntu/date=2016-08-04/part-0000.parquet",
        "events/host=ubuntu/date=2016-08-04/part-0001.parquet",
        "processes/host=ubuntu/date=2016-08-04/part-0000.parquet",
        "processes/host=ubuntu/date=2016-08-04/part-0001.parquet");
    assertThat(duckOne("SELECT DISTINCT capture FROM read_parquet('" + out
        + "/events/host=ubuntu/date=2016-08-04/part-0000.parquet')")).isEqualTo("b.scap");
  }

  @Test
  void aDirectoryStandsForItsCaptures() throws IOException {
    Path captures = Files.createDirectories(dir.resolve("captures"));
    Files.copy(Fixtures.capture("ping_sendto.scap"), captures.resolve("p.scap"));
    Files.copy(Fixtures.capture("connect_localhost.scap"), captures.resolve("c.scap"));
    Path out = dir.resolve("out");
    Run r = run("--format", "parquet", "--out", out.toString(), "--tables", "capture", captures.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(files(out)).containsExactly("capture/host=ubuntu/date=2018-04-02/part-0000.parquet",
        "capture/host=ubuntu/date=2019-03-26/part-0000.parquet");
  }

  @Test
  void refusesToOverwriteAndWritesNothing() throws IOException {
    Path out = dir.resolve("out");
    assertThat(run("--format", "parquet", "--out", out.toString(), "--tables", "users",
        capture("syscall.scap")).status()).isZero();
    Path part = out.resolve("users/host=ubuntu/date=2018-04-12/part-0000.parquet");
    FileTime before = Files.getLastModifiedTime(part);
    byte[] bytes = Files.readAllBytes(part);

    Run again = run("--format", "parquet", "--out", out.toString(), "--tables", "users,processes",
        capture("syscall.scap"));
    assertThat(again.status()).isEqualTo(2);
    assertThat(again.out()).isEmpty();
    assertThat(again.err()).isEqualTo("scapsql export: " + part + " already exist; nothing was written. Use"
        + " --overwrite to replace them, or another --out" + System.lineSeparator());
    assertThat(Files.readAllBytes(part)).isEqualTo(bytes);
    assertThat(out.resolve("processes")).doesNotExist();

    Files.setLastModifiedTime(part, FileTime.fromMillis(before.toMillis() - 60_000));
    Run over = run("--format", "parquet", "--out", out.toString(), "--tables", "users,processes", "--overwrite",
        capture("syscall.scap"));
    assertThat(over.status()).as(over.err()).isZero();
    assertThat(Files.getLastModifiedTime(part).toMillis()).isGreaterThan(before.toMillis() - 60_000);
    assertThat(files(out)).containsExactly("processes/host=ubuntu/date=2018-04-12/part-0000.parquet",
        "users/host=ubuntu/date=2018-04-12/part-0000.parquet");
  }

  @Test
  void aQueryIsExportedAsTableQueryPerCapture() throws IOException {
    Path out = dir.resolve("out");
    Run r = run("--format", "parquet", "--out", out.toString(), "--query",
        "SELECT evt_type, COUNT(*) AS n, MIN(evt_time) AS first_time, MIN(evt_rawtime) AS first_rawtime"
            + " FROM events GROUP BY evt_type",
        capture("syscall.scap"), capture("cat_write.scap"));
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(files(out)).containsExactly("query/host=ubuntu/date=2016-08-04/part-0000.parquet",
        "query/host=ubuntu/date=2018-04-12/part-0000.parquet");
    String file = out.resolve("query/host=ubuntu/date=2018-04-12/part-0000.parquet").toString();
    // sysdig -r syscall.scap | wc -l counts 368 events, enter and exit.
    assertThat(duckOne("SELECT SUM(n) FROM '" + file + "'")).isEqualTo("368");
    assertThat(duckOne("SELECT COUNT(*) FROM '" + file + "' WHERE epoch_ns(first_time) <> first_rawtime"))
        .isEqualTo("0");
    assertThat(duckOne("SELECT decode(value) FROM parquet_kv_metadata('" + file + "') WHERE key = 'scapsql.capture'"))
        .isEqualTo("syscall.scap");
  }

  @Test
  void compressionAndRowGroupSizeAreOptions() throws IOException {
    Path out = dir.resolve("out");
    String events = out.resolve("events/host=vm/date=2026-11-28/part-0000.parquet").toString();
    assertThat(run("--format", "parquet", "--out", out.toString(), "--tables", "events",
        capture("modern-small.scap.gz")).status()).isZero();
    assertThat(duckOne("SELECT DISTINCT compression FROM parquet_metadata('" + events + "')")).isEqualTo("ZSTD");
    assertThat(duckOne("SELECT COUNT(DISTINCT row_group_id) FROM parquet_metadata('" + events + "')"))
        .isEqualTo("1");

    Path small = dir.resolve("small");
    String smallEvents = small.resolve("events/host=vm/date=2026-11-28/part-0000.parquet").toString();
    Run r = run("--format", "parquet", "--out", small.toString(), "--tables", "events", "--compression", "snappy",
        "--row-group-size", "1m", capture("modern-small.scap.gz"));
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(duckOne("SELECT DISTINCT compression FROM parquet_metadata('" + smallEvents + "')"))
        .isEqualTo("SNAPPY");
    assertThat(Integer.parseInt(duckOne("SELECT COUNT(DISTINCT row_group_id) FROM parquet_metadata('"
        + smallEvents + "')"))).isGreaterThan(3);
    assertThat(duckOne("SELECT COUNT(*) FROM '" + smallEvents + "'"))
        .isEqualTo(duckOne("SELECT COUNT(*) FROM '" + events + "'"));
  }

  @Test
  void badArgumentsGiveOneClearLine() throws IOException {
    String out = dir.resolve("out").toString();
    String cap = capture("syscall.scap");
    assertBad(run("--out", out, cap), "--format is required (parquet)");
    assertBad(run("--format", "csv", "--out", out, cap), "unknown format 'csv': only parquet is written");
    assertBad(run("--format", "parquet", cap), "--out DIR is required: the folder the tables are written under");
    assertBad(run("--format", "parquet", "--out", out), "no capture given");
    assertBad(run("--format", "parquet", "--out", out, "--tables", "events,nope", cap),
        "unknown table 'nope': the tables are events, io_chunks, processes, threads, fds, connections, containers,"
            + " users, user_groups, interfaces, threads_at_end, capture, event_types");
    assertBad(run("--format", "parquet", "--out", out, "--tables", "events", "--query", "SELECT 1", cap),
        "--tables and --query do not go together: a query's result is exported as table 'query'");
    assertBad(run("--format", "parquet", "--out", out, "--compression", "lz5", cap),
        "unknown compression 'lz5': use zstd, snappy, gzip or none");
    assertBad(run("--format", "parquet", "--out", out, "--row-group-size", "big", cap),
        "bad size 'big': use bytes or a number with k, m or g (128m)");
    assertBad(run("--format", "parquet", "--out", out, "--row-group-size", "4k", cap),
        "row group size must be between 1m and 2047m");
    assertBad(run("--format", "parquet", "--out", out, "--threads", "0", cap),
        "--threads must be a whole number above 0, not '0'");
    assertBad(run("--format", "parquet", "--out", out, "--frobnicate", cap), "unknown option --frobnicate");
    assertBad(run("--format", "parquet", "--out"), "--out needs a value");
    assertThat(Path.of(out)).doesNotExist();
  }

  private static void assertBad(Run r, String message) {
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("scapsql export: " + message + System.lineSeparator() + ExportOptions.USAGE
        + System.lineSeparator());
  }

  @Test
  void unreadableInputIsRefusedWithoutAStackTrace() throws IOException {
    Path out = dir.resolve("out");
    Path missing = dir.resolve("missing.scap");
    Run r = run("--format", "parquet", "--out", out.toString(), missing.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("scapsql export: " + missing + ": no such file or directory"
        + System.lineSeparator());

    Path text = Files.writeString(dir.resolve("notes.scap"), "not a capture\n");
    r = run("--format", "parquet", "--out", out.toString(), capture("syscall.scap"), text.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("scapsql export: " + text + ": cannot read it as a capture: ")
        .doesNotContain("\tat ").hasLineCount(1);
    assertThat(out).doesNotExist();

    Path file = Files.writeString(dir.resolve("file"), "x");
    r = run("--format", "parquet", "--out", file.toString(), capture("syscall.scap"));
    assertThat(r.err()).isEqualTo("scapsql export: " + file + " is not a directory: --out names the folder the"
        + " tables are written under" + System.lineSeparator());
  }

  @Test
  void aFailingQueryNamesTheCaptureAndLeavesNoPart() throws IOException {
    Path out = dir.resolve("out");
    Run r = run("--format", "parquet", "--out", out.toString(), "--query", "SELECT no_such_column FROM events",
        capture("syscall.scap"));
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("scapsql export: syscall.scap: ").contains("no_such_column")
        .doesNotContain("\tat ").hasLineCount(1);
    assertThat(r.out()).startsWith("exported 0 of 1 captures to " + out + ": 0 files, 0 rows");
    assertThat(out.toFile().exists() ? files(out) : List.of()).isEmpty();
  }

  @Test
  void aTruncatedCaptureIsWrittenUpToTheDamageWithAWarning() throws IOException {
    byte[] whole = Files.readAllBytes(Fixtures.capture("syscall.scap"));
    Path cut = Files.write(dir.resolve("cut.scap"), java.util.Arrays.copyOf(whole, whole.length - 1000));
    Path out = dir.resolve("out");
    Run r = run("--format", "parquet", "--out", out.toString(), "--tables", "events", cut.toString());
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err()).startsWith("scapsql export: warning: ").contains("cut.scap").hasLineCount(1);
    long rows = Long.parseLong(duckOne("SELECT COUNT(*) FROM '" + out
        + "/events/host=ubuntu/date=2018-04-12/part-0000.parquet'"));
    // Fewer than the 368 events of the whole file, and not none.
    assertThat(rows).isBetween(1L, 367L);
  }

  @Test
  void partitionValuesAreEscapedAsHiveDoes() {
    assertThat(Partitions.escape("web-1.example.com")).isEqualTo("web-1.example.com");
    assertThat(Partitions.escape("a/b=c d%")).isEqualTo("a%2Fb%3Dc%20d%25");
    assertThat(Partitions.escape("..")).isEqualTo("%2E%2E");
    assertThat(Partitions.escape("")).isEqualTo("__HIVE_DEFAULT_PARTITION__");
    assertThat(Partitions.escape(null)).isEqualTo("__HIVE_DEFAULT_PARTITION__");
  }

  @Test
  void helpPrintsTheUsage() {
    Run r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo(ExportOptions.USAGE + System.lineSeparator());
  }

  @Test
  void progressIsDrawnOnTheTerminalAndErased() throws Exception {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    Path out = dir.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    long tick = ExportProgress.tickMillis;
    // A quick export on a fast machine can end before the first half-second tick.
    ExportProgress.tickMillis = 5;
    int status;
    try {
      status = ExportCommand.run(new String[] {"--format", "parquet", "--out", out.toString(), "--tables",
          "events", capture("modern-small.scap.gz")}, new PrintStream(stdout, true), System.err,
          new PrintStream(terminal, true));
    } finally {
      ExportProgress.tickMillis = tick;
    }
    assertThat(status).isZero();
    String drawn = terminal.toString(StandardCharsets.UTF_8);
    // The line was drawn at least once, and it ends erased.
    assertThat(drawn).contains("\r  export: ").contains(" captures, ").contains(" rows, ");
    assertThat(drawn.substring(drawn.lastIndexOf("\r", drawn.length() - 2))).matches("\r *\r");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
  }

  private static String duckOne(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      List<String> rows = ExportDuckDbTest.rows(c, sql);
      assertThat(rows).hasSize(1);
      return rows.get(0);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
