package org.scapsql.shell;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.driver.ScapDriver;

class ShellTest {
  @TempDir
  Path dir;

  private static String cat() {
    return Fixtures.capture("cat_write.scap").toString();
  }

  @Test
  void oneQueryAsCsv() {
    Run r = Run.of("-e", "SELECT count(*) AS n FROM events", "--format", "csv", cat());
    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("n\n345\n");
  }

  @Test
  void csvQuotesWhatNeedsIt() {
    Run r = Run.of("--format=csv", "-e", "SELECT 'a,b' AS x, CAST(NULL AS VARCHAR) AS y, '' AS z,"
        + " 'say \"hi\"' AS w, ' pad' AS v FROM capture", cat());
    assertThat(r.out()).isEqualTo("x,y,z,w,v\n\"a,b\",,\"\",\"say \"\"hi\"\"\",\" pad\"\n");
  }

  @Test
  void oneQueryAsJson() {
    Run r = Run.of("-e", "SELECT evt_num, evt_type, evt_failed, evt_params, evt_rawres FROM events"
        + " WHERE evt_num <= 2 ORDER BY evt_num", "--format", "json", cat());
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("[\n"
        + "{\"evt_num\":1,\"evt_type\":\"procinfo\",\"evt_failed\":false,"
        + "\"evt_params\":{\"cpu_usr\":\"19\",\"cpu_sys\":\"192\"},\"evt_rawres\":null},\n"
        + "{\"evt_num\":2,\"evt_type\":\"procinfo\",\"evt_failed\":false,"
        + "\"evt_params\":{\"cpu_usr\":\"0\",\"cpu_sys\":\"426\"},\"evt_rawres\":null}\n"
        + "]\n");
    assertThat(Run.of("-e", "SELECT * FROM events WHERE evt_num < 0", "--format", "json", cat()).out())
        .isEqualTo("[]\n");
  }

  @Test
  void oneQueryAsATableIsTheDefault() {
    Run r = Run.of("-e", "SELECT evt_num, evt_type FROM events WHERE evt_num <= 2 ORDER BY 1", cat());
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo(String.join("\n",
        "+---------+----------+",
        "| evt_num | evt_type |",
        "+---------+----------+",
        "|       1 | procinfo |",
        "|       2 | procinfo |",
        "+---------+----------+",
        "2 rows", ""));
  }

  @Test
  void aBadQueryExitsNonZeroWithTheMessageAndNoStackTrace() {
    Run r = Run.of("-e", "SELECT nope FROM events", "--format", "csv", cat());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("scapsql: ").contains("Column 'nope' not found in any table")
        .doesNotContain("\tat ", "Exception").hasLineCount(1);
    Run write = Run.of("-e", "DROP TABLE events", cat());
    assertThat(write.status()).isEqualTo(1);
    assertThat(write.err()).isEqualTo("scapsql: scapsql is read-only: DROP is not allowed (captures are never changed)\n");
  }

  @Test
  void aTrailingSemicolonAndBlanksAreFine() {
    Run r = Run.of("-e", "SELECT count(*) AS n FROM events; \n", "--format", "csv", cat());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("n\n345\n");
    assertThat(Run.of("-e", "SELECT count(*) AS n FROM events;;", "--format", "csv", cat()).out()).isEqualTo("n\n345\n");
    Run empty = Run.of("-e", " ; -- nothing\n", cat());
    assertThat(empty.status()).isEqualTo(2);
    assertThat(empty.err()).isEqualTo("scapsql: -e needs a query\n");
  }

  @Test
  void severalStatementsRunInOrder() {
    Run r = Run.of("-e", "SELECT 1 AS a; SELECT 'x;y' AS b", "--format", "csv", cat());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("a\n1\nb\nx;y\n");
    Run bad = Run.of("-e", "SELECT 1 AS a; SELECT nope FROM events; SELECT 3 AS c", "--format", "csv", cat());
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.out()).as("the first ran, the third did not").isEqualTo("a\n1\n");
    // The position counts in the whole -e text: 'nope' is at column 23 of it.
    assertThat(bad.err()).isEqualTo(
        "scapsql: statement 2: From line 1, column 23 to line 1, column 26: Column 'nope' not found in any table\n");
  }

  @Test
  void aParseErrorIsOneLineWithItsPosition() {
    Run eof = Run.of("-e", "SELECT evt_num FROM events WHERE", cat());
    assertThat(eof.status()).isEqualTo(1);
    assertThat(eof.out()).isEmpty();
    assertThat(eof.err()).isEqualTo("scapsql: Encountered \"<EOF>\" at line 1, column 32.\n");
    // Calcite words this one without a position; the shell adds it.
    assertThat(Run.of("-e", "SELEC 1", cat()).err())
        .isEqualTo("scapsql: Non-query expression encountered in illegal context at line 1, column 1\n");
    // The statement is not repeated, so a statement of several lines still gives one line.
    Run lines = Run.of("-e", "SELECT evt_num\nFROM events\nWHERE nope = 1", cat());
    assertThat(lines.err()).isEqualTo(
        "scapsql: From line 3, column 7 to line 3, column 10: Column 'nope' not found in any table\n");
  }

  @Test
  void aFailureInsideTheEngineIsOneLine() {
    Run r = Run.of("-e", "SELECT 1 / 0 FROM capture", cat());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("scapsql: division by zero\n");
  }

  @Test
  void versionPrintsTheVersion() {
    Run r = Run.of("--version");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("scapsql " + ScapDriver.VERSION + "\n");
    // The version comes from the build (Maven filters it in), not a placeholder.
    assertThat(ScapDriver.VERSION).matches("\\d+\\.\\d+\\.\\d+.*").isNotEqualTo("0.0.0");
  }

  @Test
  void aScriptRunsItsStatementsInOrder() throws Exception {
    Path script = dir.resolve("q.sql");
    Files.writeString(script, String.join("\n",
        "-- how many events; and of which types",
        "SELECT count(*) AS n FROM events;",
        "",
        "/* a comment; with a semicolon */",
        "SELECT evt_type, count(*) AS n FROM events",
        "WHERE evt_type <> 'a;b' AND evt_type <> 'it''s'",
        "GROUP BY evt_type ORDER BY 2 DESC, 1 LIMIT 2;",
        "SELECT \"evt_num\" AS \"x;y\" FROM events WHERE evt_num = 7",
        ""));
    Run r = Run.of("-f", script.toString(), "--format", "csv", cat());
    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("n\n345\nevt_type,n\nprocinfo,260\nmmap,20\nx;y\n7\n");
  }

  @Test
  void aScriptStopsAtTheFirstFailingStatementAndNamesItsLine() throws Exception {
    Path script = dir.resolve("bad.sql");
    Files.writeString(script, String.join("\n",
        "SELECT 1 AS a;",
        "",
        "-- the next one fails",
        "SELECT evt_num,",
        "  nope",
        "FROM events;",
        "SELECT 2 AS b;",
        ""));
    Run r = Run.of("-f", script.toString(), "--format", "csv", cat());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("a\n1\n");
    assertThat(r.err()).isEqualTo("scapsql: " + script
        + ":4: From line 5, column 3 to line 5, column 6: Column 'nope' not found in any table\n");
    Files.writeString(script, "SELECT 1 AS a;\n  SELECT 2 FROM events WHERE;\n");
    assertThat(Run.of("-f", script.toString(), cat()).err()).isEqualTo("scapsql: " + script
        + ":2: Encountered \"<EOF>\" at line 2, column 28.\n");
  }

  @Test
  void aScriptComesFromAFileOrStandardInput() {
    Run stdin = Run.withInput("SELECT 1 AS a;\nSELECT 2 AS b;\n", "-f", "-", "--format", "json", cat());
    assertThat(stdin.err()).isEmpty();
    assertThat(stdin.out()).isEqualTo("[\n{\"a\":1}\n]\n[\n{\"b\":2}\n]\n");
    Run missing = Run.of("-f", dir.resolve("none.sql").toString(), cat());
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("scapsql: " + dir.resolve("none.sql") + ": cannot read the script: no such file\n");
    Run both = Run.of("-e", "SELECT 1", "-f", "x.sql", cat());
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("scapsql: give either -e or -f, not both\n");
  }

  @Test
  void postgresqlFunctionsAreOnAndFunAddsLibraries() {
    String q = "SELECT regexp_replace('a-a-a', 'a', 'b') AS r, split_part('x/y/z', '/', 2) AS p";
    // PostgreSQL's regexp_replace replaces the first match.
    assertThat(Run.of("-e", q, "--format", "csv", cat()).out()).isEqualTo("r,p\nb-a-a,y\n");
    // With BigQuery's library added, its regexp_replace (every match) wins; PostgreSQL's split_part stays.
    Run bq = Run.of("-e", q + ", timestamp_seconds(0) AS t", "--fun", "bigquery", "--format", "csv", cat());
    assertThat(bq.err()).isEmpty();
    assertThat(bq.out()).isEqualTo("r,p,t\nb-b-b,y,1970-01-01 00:00:00\n");
    Run unknown = Run.of("-e", "SELECT 1", "--fun", "cobol", cat());
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("scapsql: bad connection property fun='cobol': not a function library;"
        + " known: standard, ").hasLineCount(1);
    assertThat(Run.of("--url", "jdbc:scap:" + cat(), "--fun", "bigquery", "-e", "SELECT 1").err())
        .isEqualTo("scapsql: --fun applies to captures; with --url, add ;fun=... to a jdbc:scap: URL\n");
  }

  @Test
  void aMissingCaptureOrNoneIsExplained() {
    Run missing = Run.of("-e", "SELECT 1", dir.resolve("nope.scap").toString());
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("scapsql: " + dir.resolve("nope.scap") + ": no such file or directory\n");
  }

  @Test
  void withoutACaptureTheDemoCaptureIsQueried() {
    String before = System.getProperty("scapsql.cache");
    System.setProperty("scapsql.cache", dir.resolve("cache").toString());
    try {
      Run none = Run.of("-e", "SELECT capture, events > 0 AS has_events FROM capture", "--format", "csv");
      assertThat(none.status()).isZero();
      assertThat(none.out()).isEqualTo("capture,has_events\ndemo-v1-seed1-10485760.scap,true\n");
    } finally {
      if (before == null) {
        System.clearProperty("scapsql.cache");
      } else {
        System.setProperty("scapsql.cache", before);
      }
    }
  }

  @Test
  void aDemoCaptureThatCannotBeMadeIsOneLine() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("cache"), "a file where the cache directory should be");
    String before = System.getProperty("scapsql.cache");
    System.setProperty("scapsql.cache", notADirectory.toString());
    try {
      Run r = Run.of("-e", "SELECT 1");
      assertThat(r.status()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("scapsql: cannot make the demo capture: cannot create the cache directory "
          + notADirectory).hasLineCount(1);
    } finally {
      if (before == null) {
        System.clearProperty("scapsql.cache");
      } else {
        System.setProperty("scapsql.cache", before);
      }
    }
  }

  /** Only a query given on the command line hands its cache build to another process; a session builds its own. */
  @Test
  void aOneShotRunIsAQueryGivenOnTheCommandLine() {
    assertThat(Main.oneShot(new String[] {"-e", "SELECT 1"})).isTrue();
    assertThat(Main.oneShot(new String[] {"x.scap", "--file", "q.sql"})).isTrue();
    assertThat(Main.oneShot(new String[] {"x.scap"})).isFalse();
    assertThat(Main.oneShot(new String[] {})).isFalse();
    assertThat(Main.oneShot(new String[] {"serve", "-e"})).isFalse();
    assertThat(Main.oneShot(new String[] {"--", "-e"})).isFalse();
  }

  @Test
  void usageErrors() {
    assertThat(Run.of("--bogus", cat()).err()).isEqualTo("scapsql: unknown option --bogus\n");
    assertThat(Run.of("--url", "jdbc:scap:" + cat(), cat()).err())
        .isEqualTo("scapsql: give either --url or captures, not both\n");
    assertThat(Run.of("-e", "SELECT 1", "--format", "xml", cat()).err())
        .isEqualTo("scapsql: unknown format 'xml'; use table, csv or json\n");
    Run typo = Run.of("dupm", cat());
    assertThat(typo.status()).isEqualTo(2);
    assertThat(typo.err()).startsWith("scapsql: unknown command 'dupm'\nusage: scapsql");
    assertThat(Run.of("--help").out()).contains("-e SQL [--format table|csv|json]", "-f FILE", "--fun LIST",
        "--version", "serve [--host", "export --format parquet --out DIR");
  }

  @Test
  void exportIsACommand(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Run bad = Run.of("export", "--out", dir.toString(), cat());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("scapsql export: --format is required (parquet)\n"
        + org.scapsql.export.ExportOptions.USAGE + "\n");
    Run r = Run.of("export", "--format", "parquet", "--out", dir.toString(), "--tables", "capture", cat());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("exported 1 of 1 captures to " + dir + ": 1 files, 1 rows, ");
    assertThat(dir.resolve("capture/host=ubuntu/date=2016-08-04/part-0000.parquet")).isRegularFile();
  }

  @Test
  void anyJdbcUrl() {
    Run r = Run.of("--url", "jdbc:scap:file=" + cat(), "-e", "SELECT count(*) FROM events", "--format", "csv");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("EXPR$0\n345\n");
  }

  @Test
  void severalCapturesAndDirectories() throws Exception {
    Files.copy(Fixtures.capture("syscall.scap"), dir.resolve("syscall.scap"));
    Run r = Run.of("-e", "SELECT capture, count(*) FROM events GROUP BY capture ORDER BY 1", "--format", "csv",
        cat(), dir.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("capture,EXPR$1\ncat_write.scap,345\nsyscall.scap,368\n");
  }

  @Test
  void theInteractiveShellReadsStatements() {
    Run r = Run.withInput("select count(*) as n from events;\n!quit\n", cat());
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("|  n  |", "| 345 |");
  }

  @Test
  void theInteractiveShellOnAMissingCaptureSaysSoInOneLine() {
    Path missing = dir.resolve("nope.scap");
    Run r = Run.withInput("select 1;\n!quit\n", missing.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("scapsql: " + missing + ": no such file or directory\n");
    Run url = Run.withInput("select 1;\n!quit\n", "--url", "jdbc:scap:" + missing);
    assertThat(url.status()).isEqualTo(1);
    assertThat(url.err()).isEqualTo("scapsql: " + missing + ": no such file or directory\n");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void serveRunsUntilInterrupted() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    int[] status = {-1};
    Thread t = new Thread(() -> status[0] = Main.run(new String[] {"serve", "--port", "0", cat()}, o, o));
    t.start();
    String url = null;
    for (int i = 0; i < 200 && url == null; i++) {
      Thread.sleep(50);
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        if (line.strip().startsWith("jdbc:avatica:remote:url=http://127.0.0.1:")) {
          url = line.strip();
        }
      }
    }
    assertThat(url).as("the URL serve prints").isNotNull();
    try (Connection c = DriverManager.getConnection(url)) {
      ResultSet rs = c.createStatement().executeQuery("select count(*) from events");
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(345);
    }
    Run remote = Run.of("--url", url, "-e", "select count(*) from events", "--format", "csv");
    assertThat(remote.out()).isEqualTo("EXPR$0\n345\n");
    t.interrupt();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(status[0]).isZero();
  }

  /** As a script runs it: a real process, stdout redirected to a file, exit status from the JVM. */
  @Test
  void asAScriptUsesIt() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    Path okOut = dir.resolve("ok.csv");
    Path badOut = dir.resolve("bad.csv");
    Process ok = new ProcessBuilder(java, "-cp", cp, Main.class.getName(),
        "-e", "SELECT count(*) FROM events", "--format", "csv", cat())
        .redirectOutput(okOut.toFile()).redirectError(dir.resolve("ok.err").toFile()).start();
    Process bad = new ProcessBuilder(java, "-cp", cp, Main.class.getName(),
        "-e", "SELECT count(*) FROM no_such_table", "--format", "csv", cat())
        .redirectOutput(badOut.toFile()).redirectError(dir.resolve("bad.err").toFile()).start();
    assertThat(ok.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ok.exitValue()).isZero();
    assertThat(Files.readString(okOut)).isEqualTo("EXPR$0\n345\n");
    // No progress line: stdout is not a terminal.
    assertThat(Files.readString(dir.resolve("ok.err"))).isEmpty();
    assertThat(bad.exitValue()).isEqualTo(1);
    assertThat(Files.readString(badOut)).isEmpty();
    List<String> err = new ArrayList<>(Files.readAllLines(dir.resolve("bad.err")));
    assertThat(err).hasSize(1);
    assertThat(err.get(0)).startsWith("scapsql: ").contains("Object 'no_such_table' not found");
  }
}
