package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.reader.Dialect;
import org.scapsql.render.SysdigFields;

/**
 * Memory sizes, page faults, thread counts and namespace ids as the tracker keeps
 * them, on {@link Scenarios#memoryAndThreads}: which event moves which figure, and on
 * which thread it lands.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemoryAndThreadsTest {
  static final String FORMAT = "*%evt.num|%proc.vpid|%thread.vtid|%proc.nthreads|%proc.nchilds|%thread.vmsize"
      + "|%thread.vmrss|%proc.vmsize|%proc.vmrss|%proc.vmswap|%thread.pfmajor|%thread.pfminor";

  @TempDir
  Path dir;

  private Path capture() throws IOException {
    Path f = dir.resolve("memory.scap");
    Scenarios.memoryAndThreads(f);
    return f;
  }

  @Test
  void aChildStartsFromTheFiguresOfTheCloneExit() throws IOException {
    try (Replay r = new Replay(capture())) {
      r.to(2);
      ThreadInfo child = r.state.thread(601);
      assertThat(List.of(child.vmsizeKb, child.vmrssKb, child.vmswapKb, child.pfmajor, child.pfminor))
          .containsExactly(9000L, 1500L, 0L, 0L, 1L);
    }
  }

  @Test
  void threadsCountOnTheirMainThreadWhileTheyAreInTheTable() throws IOException {
    try (Replay r = new Replay(capture())) {
      r.to(9);
      assertThat(r.state.thread(601).nchilds).isEqualTo(2);
      assertThat(r.state.thread(603).nchilds).isZero();
      r.to(15);
      // The exited thread leaves at the next event, and stops counting then.
      assertThat(r.state.thread(601).nchilds).isEqualTo(2);
      r.to(16);
      assertThat(r.state.thread(601).nchilds).isEqualTo(1);
    }
  }

  @Test
  void brkMovesTheThreadsOwnSizesASwitchTheFaultsAndTheProcesssSizes() throws IOException {
    try (Replay r = new Replay(capture())) {
      r.to(11);
      ThreadInfo thread = r.state.thread(602);
      assertThat(List.of(thread.vmsizeKb, thread.vmrssKb, thread.vmswapKb)).containsExactly(9500L, 1700L, 3L);
      assertThat(r.state.thread(601).vmsizeKb).isEqualTo(9000);
      r.to(12);
      ThreadInfo switched = r.state.thread(603);
      ThreadInfo main = r.state.thread(601);
      assertThat(List.of(switched.pfmajor, switched.pfminor)).containsExactly(2L, 77L);
      assertThat(List.of(main.vmsizeKb, main.vmrssKb, main.vmswapKb)).containsExactly(9800L, 1800L, 4L);
      SysdigFields f = new SysdigFields(r.state);
      assertThat(List.of(f.threadVmsize(), f.procVmsize(), f.procNthreads(), f.procNchilds()))
          .containsExactly(0L, 9000L, 3L, 0L);
    }
  }

  @Test
  void execveTakesTheNewProgramsFigures() throws IOException {
    try (Replay r = new Replay(capture())) {
      r.to(21);
      ThreadInfo t = r.state.thread(601);
      assertThat(List.of(t.vmsizeKb, t.vmrssKb, t.pfminor)).containsExactly(12000L, 2000L, 40L);
    }
  }

  @Test
  void anExecveByAThreadTheTableInventedGivesItHostIdsInCurrentCapturesOnly() throws IOException {
    try (Replay r = new Replay(capture(), Dialect.CURRENT)) {
      r.to(25);
      assertThat(List.of(r.state.thread(900).vtid, r.state.thread(900).vpid)).containsExactly(900L, 900L);
    }
    try (Replay r = new Replay(capture(), Dialect.SYSDIG_0_29)) {
      r.to(25);
      assertThat(List.of(r.state.thread(900).vtid, r.state.thread(900).vpid)).containsExactly(-1L, -1L);
    }
  }

  @Test
  void everyFigureEqualsSysdigWhenInstalled() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sysdig")), "sysdig is not installed");
    Path f = capture();
    assertThat(lines(f)).isEqualTo(SysdigBehavioursTest.sysdig(f, "-D", "-p", FORMAT).lines().toList());
  }

  private static List<String> lines(Path f) throws IOException {
    return StateFieldsTest.visibleLines(f, (e, x) -> String.join("|", String.valueOf(e.num()), na(x.procVpid()),
        na(x.threadVtid()),
            na(x.procNthreads()), na(x.procNchilds()), na(x.threadVmsize()), na(x.threadVmrss()),
            na(x.procVmsize()), na(x.procVmrss()), na(x.procVmswap()), na(x.threadPfmajor()),
            na(x.threadPfminor())));
  }

  private static String na(Object o) {
    return o == null ? "<NA>" : o.toString();
  }
}
