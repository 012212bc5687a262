package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.FdEntry;

/** Closed fds and exited threads stay for the event that ends them and leave before the next. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PendingRemovalsTest {
  @TempDir
  Path dir;

  @Test
  void aClosedFdLeavesAtTheNextEvent() throws IOException {
    Path f = dir.resolve("fd.scap");
    Scenarios.fdCalls(f);
    try (Replay r = new Replay(f)) {
      r.to(24);
      assertThat(r.state.fd().name).isEqualTo("/home/alice/notes.txt");
      assertThat(r.fd(400, 3)).isNotNull();
      r.to(25);
      assertThat(r.fd(400, 3)).isNull();
      assertThat(r.state.fdNum()).isEqualTo(3);
      assertThat(r.state.fd()).isNull();
      // Its dup is another fd and stays.
      assertThat(r.fd(400, 6).name).isEqualTo("/home/alice/notes.txt");
    }
  }

  @Test
  void anExitedThreadLeavesAtTheNextEvent() throws IOException {
    Path f = dir.resolve("proc.scap");
    Scenarios.processCalls(f);
    try (Replay r = new Replay(f)) {
      r.to(17);
      ThreadInfo t = r.state.thread(602);
      assertThat(t.dead).isTrue();
      assertThat(r.state.thread()).isSameAs(t);
      r.to(18);
      assertThat(r.state.thread(602)).isNull();
      assertThat(r.state.thread(601).process.threadCount()).isEqualTo(1);
      r.to(20);
      assertThat(r.state.thread(601)).isNotNull();
      r.to(21);
      assertThat(r.state.thread(601)).isNull();
      assertThat(r.state.threads()).extracting(x -> x.tid).containsExactlyInAnyOrder(1L, 600L);
    }
  }

  @Test
  void pendingWorkIsDoneWhenAppliedAndOnlyOnce() {
    ThreadTable threads = new ThreadTable();
    ThreadInfo t = threads.placeholder(900);
    FdInfo fd = new FdInfo(3, FdEntry.FILE_V2);
    t.process.put(fd, t);
    DialectRules rules = DialectRules.of(Dialect.SYSDIG_0_29);
    PendingRemovals p = new PendingRemovals();
    assertThat(p.isEmpty()).isTrue();
    p.closeFd(t.process, 3);
    assertThat(p.isEmpty()).isFalse();
    assertThat(t.process.get(3)).isSameAs(fd);
    p.apply(threads, rules);
    assertThat(t.process.get(3)).isNull();
    assertThat(threads.get(900)).isSameAs(t);
    assertThat(p.isEmpty()).isTrue();
    // A new fd 3 is not taken by the removal already done.
    FdInfo again = new FdInfo(3, FdEntry.FILE_V2);
    t.process.put(again, t);
    p.apply(threads, rules);
    assertThat(t.process.get(3)).isSameAs(again);
    t.dead = true;
    p.removeThread(t);
    assertThat(threads.get(900)).isSameAs(t);
    p.apply(threads, rules);
    assertThat(threads.get(900)).isNull();
    p.closeFd(t.process, 3);
    p.clear();
    assertThat(p.isEmpty()).isTrue();
  }
}
