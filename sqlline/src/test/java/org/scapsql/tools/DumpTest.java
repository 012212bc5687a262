package org.scapsql.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;
import org.scapsql.reader.Dialect;
import org.scapsql.render.SysdigDump;

/**
 * {@code scapsql dump} against sysdig 0.29.3 on every real old-format capture:
 * against the output kept in the repository, and against sysdig itself when it
 * is installed.
 */
class DumpTest {
  private static final String[] CAPTURES = {"cat_write", "connect_localhost", "empty", "open-multiple-files",
      "ping_sendto", "syscall", "run_as_user_0_container"};

  static String dump(Path f, boolean internal) throws IOException {
    StringWriter w = new StringWriter();
    String warning = new SysdigDump(internal, null, ZoneOffset.UTC).run(f, w);
    assertThat(warning).isNull();
    return w.toString();
  }

  static String resource(String name) throws IOException {
    return Fixtures.expected(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void defaultOutputEqualsSysdig(String name) throws IOException {
    Path f = Fixtures.capture(name + ".scap");
    assertLines(dump(f, false), resource(name + ".sysdig.txt"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void internalOutputEqualsSysdigWithD(String name) throws IOException {
    Path f = Fixtures.capture(name + ".scap");
    assertLines(dump(f, true), resource(name + ".sysdig-D.txt"));
  }

  @Test
  void equalsLiveSysdigWhenInstalled() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sysdig")), "sysdig is not installed");
    for (String name : CAPTURES) {
      Path f = Fixtures.capture(name + ".scap");
      for (boolean internal : new boolean[] {false, true}) {
        ProcessBuilder pb = internal ? new ProcessBuilder("sysdig", "-D", "-r", f.toString())
            : new ProcessBuilder("sysdig", "-r", f.toString());
        pb.environment().put("TZ", "UTC");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("sysdig exit code on " + name).isZero();
        assertLines(dump(f, internal), new String(out, StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void theDialectIsChosenFromTheFirstEvent() throws IOException {
    StringWriter w = new StringWriter();
    new SysdigDump(false, Dialect.SYSDIG_0_29, ZoneOffset.UTC).run(Fixtures.capture("cat_write.scap"), w);
    assertThat(w.toString()).isEqualTo(dump(Fixtures.capture("cat_write.scap"), false));
  }

  @Test
  void commandLineReportsAMissingFile() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = Dump.main(new String[] {"/nonexistent/x.scap"}, new PrintStream(out), new PrintStream(err));
    assertThat(rc).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("scapsql: /nonexistent/x.scap: no such file\n");
  }

  @Test
  void withoutACaptureTheDemoCaptureIsDumped(@TempDir Path cache) {
    String old = System.getProperty("scapsql.cache");
    System.setProperty("scapsql.cache", cache.toString());
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rc = Dump.main(new String[0], new PrintStream(out), new PrintStream(err));
      assertThat(rc).isZero();
      Path demo = cache.resolve("demo-v" + org.scapsql.generate.Generator.VERSION + "-seed1-10485760.scap");
      assertThat(err.toString(StandardCharsets.UTF_8))
          .isEqualTo("scapsql: no capture given; dumping the demo capture " + demo + "\n");
      assertThat(out.toString(StandardCharsets.UTF_8).lines().count()).isGreaterThan(100_000);
    } finally {
      if (old == null) {
        System.clearProperty("scapsql.cache");
      } else {
        System.setProperty("scapsql.cache", old);
      }
    }
  }

  @Test
  void commandLineRejectsUnknownOptions() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = Dump.main(new String[] {"--bogus", "x"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err));
    assertThat(rc).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("scapsql dump: unknown option --bogus\n");
  }

  @Test
  void modernCaptureDumpsEveryReturnedEvent() throws IOException {
    String out = dump(Fixtures.capture("modern-small.scap.gz"), false);
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(41709);
    assertThat(lines.get(0)).startsWith("72 ");
  }

  private static void assertLines(String actual, String expected) {
    List<String> a = actual.lines().toList();
    List<String> e = expected.lines().toList();
    for (int i = 0; i < Math.min(a.size(), e.size()); i++) {
      assertThat(a.get(i)).as("line " + (i + 1)).isEqualTo(e.get(i));
    }
    assertThat(a.size()).as("number of lines").isEqualTo(e.size());
  }
}
