package org.scapsql.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;

/**
 * Feeds a capture to a {@link StateTracker} one event at a time, so a test
 * can look at the state right after a given event. The dialect is the
 * capture's, or one the test imposes to see the other dialect's rules.
 */
final class Replay implements AutoCloseable {
  final StateTracker state = new StateTracker();
  private final CaptureReader reader;
  private final Dialect forced;

  Replay(Path f) throws IOException {
    this(f, null);
  }

  Replay(Path f, Dialect forced) throws IOException {
    this.reader = CaptureReader.open(f);
    this.forced = forced;
    reader.listener(state);
  }

  /** Processes events up to and including number {@code num}, and returns that event. */
  Event to(long num) throws IOException {
    for (Event e; (e = reader.next()) != null; ) {
      if (e.num() == 1 && forced != null) {
        // Over the dialect the reader announced: the test looks at the other dialect's rules.
        state.dialect(forced);
      }
      state.process(e);
      if (e.num() == num) {
        return e;
      }
    }
    throw new AssertionError("the capture has no event " + num);
  }

  /** The process's fd {@code fd} of thread {@code tid} now, or null. */
  FdInfo fd(long tid, long fd) {
    ThreadInfo t = state.thread(tid);
    return t == null ? null : t.process.get(fd);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /** What sysdig prints for the capture, against what we print, when sysdig is installed. */
  static void assertSameAsSysdig(Path f) throws Exception {
    List<String> fields = StateFieldsTest.lines(f);
    org.assertj.core.api.Assertions.assertThat(fields).isEqualTo(
        SysdigBehavioursTest.sysdig(f, "-D", "-p", StateFieldsTest.FORMAT).lines().toList());
    java.io.StringWriter w = new java.io.StringWriter();
    new org.scapsql.render.SysdigDump(false, null, java.time.ZoneOffset.UTC).run(f, w);
    org.assertj.core.api.Assertions.assertThat(w.toString().lines().toList())
        .isEqualTo(SysdigBehavioursTest.sysdig(f).lines().toList());
  }
}
