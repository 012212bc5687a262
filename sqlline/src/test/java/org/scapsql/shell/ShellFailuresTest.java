package org.scapsql.shell;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.server.ScapServer;

/**
 * {@code scapsql -e} on hostile queries and damaged captures: a failure is one line
 * on stderr and exit status 1, never a stack trace, whatever failed and wherever
 * (locally or on a server); rows from a damaged capture come with one warning line
 * per damaged capture and exit status 3.
 */
class ShellFailuresTest {
  @TempDir
  Path dir;

  private static String cat() {
    return Fixtures.capture("cat_write.scap").toString();
  }

  private static void assertOneLine(Run r, String line) {
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(line + "\n");
  }

  @Test
  void everyFailureIsOneLine() {
    assertOneLine(Run.of("-e", "SELECT 1/0", cat()), "scapsql: division by zero");
    assertOneLine(Run.of("-e", "SELECT CAST('abc' AS INTEGER)", cat()), "scapsql: invalid number: \"abc\"");
    assertOneLine(Run.of("-e", "SELECT evt_num / (evt_num - 100) FROM events", cat()), "scapsql: division by zero");
    assertOneLine(Run.of("-e", "EXPLAIN PLAN FOR INSERT INTO events (evt_num) VALUES (1)", cat()),
        "scapsql: scapsql is read-only: INSERT is not allowed (captures are never changed)");
    StringBuilder or = new StringBuilder("SELECT count(*) FROM events WHERE evt_num = 0");
    for (int i = 1; i < 1000; i++) {
      or.append(" OR evt_num = ").append(i);
    }
    Run deep = Run.of("-e", or.toString(), cat());
    assertThat(deep.status()).isEqualTo(1);
    assertThat(deep.err()).startsWith("scapsql: statement too complex: expressions nest 1,001 deep").endsWith("\n")
        .hasLineCount(1);
    Run huge = Run.of("-e", "SELECT 0" + "+1".repeat(500_000), cat());
    assertOneLine(huge, "scapsql: statement too long: 1,000,008 characters (the limit is 100,000;"
        + " property scapsql.maxSqlLength)");
  }

  @Test
  void aRemoteFailureIsTheSameLine() throws Exception {
    try (ScapServer server = ScapServer.start(List.of(Path.of(cat())), ScapServer.LOOPBACK, 0)) {
      for (String url : new String[] {server.url(), server.scapUrl()}) {
        assertOneLine(Run.of("--url", url, "-e", "SELECT 1/0"), "scapsql: division by zero");
        assertOneLine(Run.of("--url", url, "-e", "SELECT nope FROM events"),
            "scapsql: From line 1, column 8 to line 1, column 11: Column 'nope' not found in any table");
        assertOneLine(Run.of("--url", url, "-e", "DELETE FROM events"),
            "scapsql: scapsql is read-only: DELETE is not allowed (captures are never changed)");
        // An error after the first frame reached the client.
        assertOneLine(Run.of("--url", url, "-e", "SELECT evt_num, 1 / (evt_num - 300) FROM events", "--format", "csv")
            .withoutOut(), "scapsql: division by zero");
      }
    }
  }

  @Test
  void aDamagedCapturePrintsItsRowsAndOneWarningLine() throws Exception {
    byte[] run;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.capture("run_as_user_0_container.scap")))) {
      run = in.readAllBytes();
    }
    Path cut = dir.resolve("cut.scap");
    Files.write(cut, java.util.Arrays.copyOf(run, run.length / 2));
    Run r = Run.of("-e", "SELECT count(*) AS n FROM events", "--format", "csv", cut.toString());
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.out()).startsWith("n\n").hasLineCount(2);
    assertThat(Long.parseLong(r.out().strip().split("\n")[1])).isBetween(1L, 4142L);
    assertThat(r.err()).startsWith("scapsql: warning: " + cut + ": at byte ").contains("capture is truncated")
        .endsWith("; rows of cut.scap stop there\n").hasLineCount(1);
    // Another capture beside it answers in full, and a query that does not read the damaged one is clean.
    Files.copy(Fixtures.capture("cat_write.scap"), dir.resolve("good.scap"));
    Run both = Run.of("-e", "SELECT capture, count(*) AS n FROM events GROUP BY capture ORDER BY 1", "--format", "csv",
        dir.toString());
    assertThat(both.status()).isEqualTo(3);
    assertThat(both.out()).contains("good.scap,345\n");
    assertThat(both.err()).hasLineCount(1);
    Run good = Run.of("-e", "SELECT count(*) AS n FROM events WHERE capture = 'good.scap'", "--format", "csv",
        dir.toString());
    assertThat(good.status()).isZero();
    assertThat(good.out()).isEqualTo("n\n345\n");
    assertThat(good.err()).isEmpty();
  }
}
