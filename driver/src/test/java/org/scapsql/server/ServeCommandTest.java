package org.scapsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's limits on the command line: values are checked before anything listens. */
class ServeCommandTest {
  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ServeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> List.of(Path.of("unused.scap")));
    return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void badLimitsAreUsageErrors() {
    String[] r = run("--max-memory", "150%", "x.scap");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("scapsql serve: the memory limit is a share of the heap, 1 to 100 percent"
        + " (0: none), not 150\n");
    assertThat(run("--max-query-time", "soon", "x.scap")[2])
        .startsWith("scapsql serve: not a duration: 'soon' (e.g. 90s, 15m, 2h)\n");
    assertThat(run("--max-rows", "-5", "x.scap")[2]).startsWith("scapsql serve: the row limit cannot be negative: -5");
    assertThat(run("--max-request-size", "1k", "x.scap")[2])
        .startsWith("scapsql serve: a request size limit below 4 KiB would refuse ordinary requests: 1024");
  }

  @Test
  void limitsParseFromTheirUsualSpellings() {
    assertThat(ServerLimits.parseDuration("90")).isEqualTo(90);
    assertThat(ServerLimits.parseDuration("15m")).isEqualTo(900);
    assertThat(ServerLimits.parseDuration("2h")).isEqualTo(7200);
    assertThat(ServerLimits.parsePercent("85%")).isEqualTo(85);
    assertThat(ServerLimits.parseSize("512k")).isEqualTo(512 * 1024);
    assertThat(ServerLimits.parseSize("4m")).isEqualTo(4 * 1024 * 1024);
    assertThat(ServerLimits.parseCount("10,000,000")).isEqualTo(10_000_000L);
    assertThat(ServerLimits.DEFAULT.describe())
        .isEqualTo("limits: query time 600 s, rows 10,000,000, memory 85% of the heap, request 1,048,576 bytes");
  }
}
