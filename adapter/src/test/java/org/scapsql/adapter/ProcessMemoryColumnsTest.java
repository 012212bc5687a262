package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.Fixtures;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;

/**
 * The ids inside a pid namespace, the thread count, the memory sizes and the
 * page-fault counters of every event, checked against sysdig 0.29.3 on the real
 * captures (process list, clone, execve, brk/mmap and context-switch events all
 * move them) and against live sysdig on a generated capture with containers.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProcessMemoryColumnsTest {
  static final String FORMAT = "*%evt.num|%proc.vpid|%thread.vtid|%proc.nthreads|%proc.nchilds|%thread.vmsize"
      + "|%thread.vmrss|%proc.vmsize|%proc.vmrss|%proc.vmswap|%thread.pfmajor|%thread.pfminor";
  static final String QUERY = "SELECT evt_num, proc_vpid, thread_vtid, proc_nthreads, proc_nchilds, thread_vmsize,"
      + " thread_vmrss, proc_vmsize, proc_vmrss, proc_vmswap, thread_pfmajor, thread_pfminor FROM events";

  @TempDir
  static Path dir;

  /** Events whose sysdig line differs from ours, keyed by number: "sysdig ... scapsql ...". */
  static Map<Long, String> mismatches(List<String> want, Map<Long, String> actual) {
    Map<Long, String> out = new TreeMap<>();
    for (String line : want) {
      int bar = line.indexOf('|');
      long num = Long.parseLong(line.substring(0, bar));
      String expected = line.substring(bar + 1);
      if (!expected.equals(actual.get(num))) {
        out.put(num, "sysdig " + expected + " scapsql " + actual.get(num));
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void namespaceIdsThreadCountMemoryAndFaultsEqualSysdig(String name) throws Exception {
    List<String> want = ForensicColumnsTest.expected(name + ".memory_fields.txt");
    try (Sql sql = Sql.of(Fixtures.capture(name + ".scap"))) {
      Map<Long, String> actual = ForensicColumnsTest.byEventNumber(sql, QUERY);
      assertThat(mismatches(want, actual)).as(name).isEmpty();
      assertThat(want).hasSizeLessThanOrEqualTo(actual.size()).isNotEmpty();
    }
  }

  /** The CPU counters of the procinfo events, against sysdig's {@code evt.arg.cpu_usr} and {@code cpu_sys}. */
  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void procinfoCpuTicksEqualSysdigAndAreNullElsewhere(String name) throws Exception {
    List<String> want = ForensicColumnsTest.expected(name + ".procinfo_ticks.txt");
    try (Sql sql = Sql.of(Fixtures.capture(name + ".scap"))) {
      Map<Long, String> actual = ForensicColumnsTest.byEventNumber(sql, "SELECT evt_num, thread_cpu_user_ticks,"
          + " thread_cpu_system_ticks FROM events WHERE evt_type = 'procinfo'");
      assertThat(mismatches(want, actual)).as(name).isEmpty();
      assertThat(actual).as(name).hasSameSizeAs(want);
      assertThat(want).isNotEmpty();
      assertThat(sql.rows("SELECT count(*) FROM events WHERE evt_type <> 'procinfo'"
          + " AND (thread_cpu_user_ticks IS NOT NULL OR thread_cpu_system_ticks IS NOT NULL)")).containsExactly("0");
    }
  }

  @Test
  void aContainerProcessHasItsOwnPidAndItsThreadsAreCounted() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"))) {
      // nginx's shell inside the container: pid 25754 on the host, 1 inside it.
      assertThat(sql.rows("SELECT DISTINCT proc_pid, proc_vpid, thread_vtid FROM events"
          + " WHERE container_id = '697956520d89' AND thread_tid = 25754"))
          .containsExactly("25754|1|1");
      // A thread of a multi-threaded process: memory on the main thread only, the count on every thread.
      assertThat(sql.rows("SELECT DISTINCT thread_vmsize, proc_vmsize, proc_nthreads, proc_nchilds FROM events"
          + " WHERE thread_tid = 1127 AND evt_num = 232"))
          .containsExactly("0|256392|4|0");
    }
  }

  @Test
  void generatedCaptureEqualsLiveSysdigWhenInstalled() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sysdig")),
        "sysdig is not installed");
    Path generated = dir.resolve("seed7.scap");
    new Generator(GeneratorOptions.of(1L << 20, 7)).generate(generated);
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/sysdig", "-D", "-r", generated.toString(), "-p", FORMAT);
    pb.environment().put("TZ", "UTC");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    List<String> want = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isZero();
    try (Sql sql = Sql.of(generated)) {
      assertThat(mismatches(want, ForensicColumnsTest.byEventNumber(sql, QUERY))).isEmpty();
      assertThat(want).hasSizeGreaterThan(5_000);
    }
  }
}
