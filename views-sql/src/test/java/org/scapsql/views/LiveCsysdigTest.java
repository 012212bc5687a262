package org.scapsql.views;

import org.scapsql.adapter.connection.ScapConnections;
import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The views against csysdig run here and now (Debian's sysdig 0.29.3, when
 * installed) on the other real captures, and drill-downs as WHERE clauses against
 * csysdig run with the same filter.
 */
class LiveCsysdigTest {
  private static final Path CSYSDIG = Path.of("/usr/bin/csysdig");

  @TempDir
  static Path out;

  @BeforeAll
  static void needsCsysdig() {
    Assumptions.assumeTrue(Files.isExecutable(CSYSDIG), "csysdig is not installed");
  }

  /** csysdig's JSON output for one view, saved with a first comment line as the reference files are. */
  private static Path csysdig(Path capture, String view, boolean pc, String filter) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(CSYSDIG.toString(), "-r", capture.toString(), "-v", view, "-j"));
    if (pc) {
      cmd.add("-pc");
    }
    if (filter != null) {
      cmd.add(filter);
    }
    Path file = Files.createTempFile(out, view, ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(file.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TZ", "UTC");
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("csysdig did not finish on " + capture);
    }
    assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    Files.writeString(file, "# " + String.join(" ", cmd) + "\n" + Files.readString(file));
    return file;
  }

  @ParameterizedTest
  @ValueSource(strings = {"connect_localhost", "open-multiple-files", "syscall", "ping_sendto", "empty"})
  void everyViewEqualsCsysdigOnTheOtherCaptures(String name) throws Exception {
    Path capture = Fixtures.capture(name + ".scap");
    List<String> diffs = new ArrayList<>();
    try (Connection c = ScapConnections.connect(List.of(capture))) {
      for (CsysdigViews.Check check : CsysdigViews.CHECKS) {
        Path nopc = check.pcDropsUnknownVpid() ? csysdig(capture, check.csysdig(), false, null) : null;
        diffs.addAll(CsysdigViews.differences(c, csysdig(capture, check.csysdig(), true, null), nopc, check, ""));
      }
      if (name.equals("open-multiple-files")) {
        // Documented difference: csysdig merges its per-thread rows in hash order and prints the raw
        // sample count (13) of this one-thread container as PROCS and THREADS; we count the thread.
        String samples = ViewsMatchCsysdigTest.rows(c, "SELECT COUNT(*) FROM inspect.view_events"
            + " WHERE evt_type = 'procinfo' AND container_id = '5ea733068030'").get(0);
        assertThat(diffs).containsExactlyInAnyOrder(
            "containers 5ea733068030 procs: ours 1, csysdig " + samples,
            "containers 5ea733068030 threads: ours 1, csysdig " + samples);
        return;
      }
    }
    assertThat(diffs).isEmpty();
  }

  /**
   * A web host made by the project's capture generator (nginx, PostgreSQL, ssh,
   * cron, a container): HTTP, DNS, accepted connections, log writes, deletions and
   * failed connects that the real captures lack.
   */
  @Test
  void aGeneratedWebHostEqualsCsysdigAndWsysdigSummary() throws Exception {
    Path capture = out.resolve("web.scap");
    new Generator(GeneratorOptions.of(2L << 20, 7)).generate(capture);
    List<String> diffs = new ArrayList<>();
    try (Connection c = ScapConnections.connect(List.of(capture))) {
      for (CsysdigViews.Check check : CsysdigViews.CHECKS) {
        if (List.of("files", "directories", "io_by_type").contains(check.csysdig())) {
          // Left out until scap.events stops giving fchmod an fd (sysdig 0.29.3 gives it none): reported.
          continue;
        }
        Path nopc = check.pcDropsUnknownVpid() ? csysdig(capture, check.csysdig(), false, null) : null;
        diffs.addAll(CsysdigViews.differences(c, csysdig(capture, check.csysdig(), true, null), nopc, check, ""));
      }
      assertThat(diffs).isEmpty();
      JsonNode summary = OverviewTest.summaryOf(sysdig(capture, "wsysdig_summary", "40"));
      assertThat(summary.path("metrics").size()).as("tiles shown").isGreaterThan(25);
      OverviewTest.checkSummary(c, "generated", summary, 40, OverviewTest.natives(c));
    }
  }

  private static String sysdig(Path capture, String chisel, String arg) throws Exception {
    Path file = Files.createTempFile(out, chisel, ".txt");
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/sysdig", "-r", capture.toString(), "-c", chisel, arg)
        .redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TZ", "UTC");
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("sysdig did not finish on " + capture);
    }
    return Files.readString(file);
  }

  @ParameterizedTest(name = "{0} WHERE {2}")
  @CsvSource(delimiter = ';', value = {
      "files; proc.pid=32052; proc_pid = 32052",
      "files; thread.tid=25689; thread_tid = 25689",
      "procs; container.id=697956520d89; container_id = '697956520d89'",
      "procs; fd.type=file; fd_type = 'file'",
      "threads; proc.pid=1787; proc_pid = 1787",
      "errors; container.id=697956520d89; container_id = '697956520d89'",
      "syscalls; proc.pid=13794; proc_pid = 13794",
      "syscall_procs; evt.type=read; evt_type = 'read'",
      "io_by_type; proc.name=sshd; proc_name = 'sshd'",
      "procs_errors; evt.res=ENOENT; evt_res = 'ENOENT'",
      "directories; proc.pid=32052; proc_pid = 32052",
      "connections; proc.name=sshd; proc_name = 'sshd'",
      "sports; proc.name=sshd or proc.name=bash; proc_name IN ('sshd', 'bash')",
      "containers; evt.res=ENOENT; evt_res = 'ENOENT'",
      "files; evt.rawtime >= 1562711472000000000 and evt.rawtime <= 1562711472500000000;"
          + " evt_rawtime BETWEEN 1562711472000000000 AND 1562711472500000000",
      "procs_cpu; evt.rawtime >= 1562711471000000000 and evt.rawtime < 1562711473000000000;"
          + " evt_rawtime >= 1562711471000000000 AND evt_rawtime < 1562711473000000000"})
  void drillDownsEqualCsysdigWithTheSameFilter(String view, String filter, String where) throws Exception {
    Path capture = Fixtures.capture("run_as_user_0_container.scap");
    CsysdigViews.Check check = CsysdigViews.check(view);
    try (Connection c = ScapConnections.connect(List.of(capture))) {
      Path nopc = check.pcDropsUnknownVpid() ? csysdig(capture, view, false, filter) : null;
      List<String> diffs = CsysdigViews.differences(c, csysdig(capture, view, true, filter), nopc, check,
          " WHERE " + where);
      assertThat(diffs).isEmpty();
      // And the drill-down found something to compare.
      assertThat(CsysdigViews.reference(csysdig(capture, view, true, filter))).isNotEmpty();
    }
  }
}
