package org.scapsql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// The progress line is drawn by a thread of its own, which must stop.
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProgressTest {
  private static final long S = 1_000_000_000L;

  @Test
  void showsAfterASecondOfScanningAndGivesWayToOutput() {
    ByteArrayOutputStream term = new ByteArrayOutputStream();
    AtomicLong events = new AtomicLong();
    // Not started: the test is the clock.
    try (Progress p = new Progress(new PrintStream(term, true, StandardCharsets.UTF_8), events::get)) {
      long t = System.nanoTime();
      events.set(1000);
      p.tick(t);
      assertThat(p.showing()).as("not in the first second").isFalse();
      events.set(2_000_000);
      p.tick(t + S + 1);
      assertThat(p.showing()).isTrue();
      assertThat(term.toString(StandardCharsets.UTF_8)).contains("scanning: 2,000,000 events read");
      // Output erases the line first and keeps it away for a second.
      PrintStream out = p.wrap(new ByteArrayOutputStream());
      out.print("row");
      assertThat(p.showing()).isFalse();
      events.set(3_000_000);
      p.tick(t + S + 2);
      assertThat(p.showing()).isFalse();
      events.set(4_000_000);
      p.tick(t + 3 * S);
      assertThat(p.showing()).isTrue();
      // The scan ends: the counter stops and the line goes.
      p.tick(t + 4 * S);
      assertThat(p.showing()).isFalse();
    }
    assertThat(term.toString(StandardCharsets.UTF_8)).endsWith("\r");
  }
}
