package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.EventTable;
import org.scapsql.reader.FdEntry;
import org.scapsql.writer.BlockBuffer;
import org.scapsql.writer.CaptureWriter;
import org.scapsql.writer.EventEncoder;

/**
 * The rules that differ between sysdig 0.29.3 and current libsinsp
 * ({@link DialectRules}): the same capture read under each dialect.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DialectRulesTest {
  @TempDir
  Path dir;

  @Test
  void eachDialectHasItsRules() {
    for (Dialect d : Dialect.values()) {
      assertThat(DialectRules.of(d).dialect()).isEqualTo(d);
    }
    StateTracker s = new StateTracker();
    assertThat(s.dialect()).isEqualTo(Dialect.SYSDIG_0_29);
    assertThat(s.dialect(Dialect.CURRENT).dialect()).isEqualTo(Dialect.CURRENT);
  }

  @Test
  void aParentOutsideTheTableIsAPpidOnlyTo029() throws IOException {
    Path f = dir.resolve("fd.scap");
    Scenarios.fdCalls(f);
    try (Replay r = new Replay(f)) {
      r.to(1);
      assertThat(r.state.ppid(r.state.thread())).isEqualTo(1L);
    }
    try (Replay r = new Replay(f, Dialect.CURRENT)) {
      r.to(1);
      assertThat(r.state.ppid(r.state.thread())).isNull();
    }
  }

  @Test
  void onlySysdig029KeepsFcntlsEnter() throws IOException {
    Path f = dir.resolve("fd.scap");
    Scenarios.fdCalls(f);
    try (Replay r = new Replay(f)) {
      r.to(10);
      assertThat(r.fd(400, 7)).isNotNull();
    }
    // Current libsinsp's fcntl exit carries cmd itself; without it and without the enter, nothing is copied.
    try (Replay r = new Replay(f, Dialect.CURRENT)) {
      r.to(10);
      assertThat(r.state.pairedEnter()).isNull();
      assertThat(r.fd(400, 7)).isNull();
    }
  }

  @Test
  void setIdReadsTheEnterIn029AndTheExitInCurrent() throws IOException {
    Path f = dir.resolve("proc.scap");
    Scenarios.processCalls(f);
    try (Replay r = new Replay(f)) {
      r.to(5);
      assertThat(r.state.thread(601).uid).isZero();
    }
    try (Replay r = new Replay(f, Dialect.CURRENT)) {
      r.to(5);
      assertThat(r.state.thread(601).uid).isEqualTo(1000);
    }
  }

  @Test
  void aFailedAcceptNamesItsErrorOnlyIn029() throws IOException {
    Path f = dir.resolve("accepts.scap");
    Scenarios.currentAccepts(f);
    try (Replay r = new Replay(f)) {
      r.to(1);
      assertThat(r.state.fdNum()).isEqualTo(StateTracker.NO_FD);
    }
    try (Replay r = new Replay(f, Dialect.SYSDIG_0_29)) {
      r.to(1);
      assertThat(r.state.fdNum()).isEqualTo(-11);
    }
  }

  @Test
  void containerEventsHaveAStandInThreadOnlyIn029() throws IOException {
    Path f = dir.resolve("containers.scap");
    Scenarios.containerEvents(f);
    try (Replay r = new Replay(f)) {
      r.to(4);
      assertThat(r.state.thread().comm).isEqualTo("container:0123456789ab");
      assertThat(r.state.container("0123456789ab").name()).isEqualTo("web2");
    }
    try (Replay r = new Replay(f, Dialect.CURRENT)) {
      r.to(4);
      assertThat(r.state.thread()).isNull();
      assertThat(r.state.container("0123456789ab").name()).isEqualTo("web2");
    }
  }

  /** A leading useradded event, then epoll_create by tid 900, in the current format. */
  private Path currentUsersAndEpoll() throws IOException {
    Path f = dir.resolve("epoll.scap");
    try (CaptureWriter w = CaptureWriter.create(f)) {
      w.processList(List.of(Scenarios.thread(900, 900, 1, "nginx", List.of(), 0, List.of())));
      BlockBuffer staging = new BlockBuffer(256);
      EventEncoder current = new EventEncoder(staging, EventTable.standard().size());
      long ts = Scenarios.T0;
      int n = current.begin(EventIds.USERADDED_E, 6, ts += 1_000, 900, 0).u32(1001).u32(1001).str(utf8("bob"))
          .str(utf8("/home/bob")).str(utf8("/bin/sh")).str(utf8("")).end();
      w.eventBlock(staging.array(), 0, n);
      staging.clear();
      n = current.begin(374, 1, ts += 1_000, 900, 0).u32(16).end();
      w.eventBlock(staging.array(), 0, n);
      staging.clear();
      n = current.begin(375, 2, ts += 1_000, 900, 0).i64(7).u32(16).end();
      w.eventBlock(staging.array(), 0, n);
    }
    return f;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void currentHidesLeadingUserEventsAndKeepsEpollFds() throws IOException {
    Path f = currentUsersAndEpoll();
    try (Replay r = new Replay(f)) {
      r.to(1);
      assertThat(r.state.dialect()).isEqualTo(Dialect.CURRENT);
      assertThat(r.state.hidden()).isTrue();
      assertThat(r.state.user(1001).name()).isEqualTo("bob");
      r.to(3);
      assertThat(r.fd(900, 7).type).isEqualTo(FdEntry.EVENTPOLL);
    }
    try (Replay r = new Replay(f, Dialect.SYSDIG_0_29)) {
      r.to(1);
      assertThat(r.state.hidden()).isFalse();
      assertThat(r.state.user(1001).name()).isEqualTo("bob");
      r.to(3);
      assertThat(r.fd(900, 7)).isNull();
      assertThat(r.state.fdNum()).isEqualTo(StateTracker.NO_FD);
    }
  }
}
