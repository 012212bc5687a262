package org.scapsql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scapsql.Fixtures;

/**
 * The reader tells its listener the capture's dialect once, before the first event,
 * so that a state tracker listening to it needs no one else to set its rules.
 */
class DialectAnnouncementTest {
  /** What the listener heard, in order: metadata blocks, the dialect, and events as the test reads them. */
  private static final class Heard implements CaptureListener {
    final List<String> log = new ArrayList<>();

    @Override
    public void onSection(SectionHeader header) {
      log.add("section");
    }

    @Override
    public void onThreads(List<ThreadEntry> threads) {
      log.add("threads");
    }

    @Override
    public void onDialect(Dialect dialect) {
      log.add("dialect " + dialect);
    }
  }

  // modern-small was written by current falcosecurity/libs: its first event is a user event sysdig 0.29.3
  // does not know (ModernCaptureTest); the others were written by sysdig itself.
  @ParameterizedTest
  @CsvSource({
      "syscall.scap, SYSDIG_0_29",
      "cat_write.scap, SYSDIG_0_29",
      "run_as_user_0_container.scap, SYSDIG_0_29",
      "modern-small.scap.gz, CURRENT"})
  void chosenAtTheFirstEventAndAnnouncedBeforeIt(String capture, Dialect expected) throws IOException {
    Heard heard = new Heard();
    try (CaptureReader r = CaptureReader.open(Fixtures.capture(capture))) {
      r.listener(heard);
      assertThat(heard.log).isEmpty();
      for (Event e; (e = r.next()) != null; ) {
        heard.log.add("event");
      }
      assertThat(r.dialect()).isEqualTo(expected);
    }
    List<String> log = heard.log;
    assertThat(log).containsOnlyOnce("dialect " + expected);
    int announced = log.indexOf("dialect " + expected);
    assertThat(log.indexOf("event")).isEqualTo(announced + 1);
    assertThat(log.subList(0, announced)).contains("section", "threads").doesNotContain("event");
  }

  @Test
  void aFixedDialectIsAnnouncedWhenTheListenerIsSet() throws IOException {
    Heard heard = new Heard();
    try (CaptureReader r = CaptureReader.open(Fixtures.capture("syscall.scap"), Dialect.CURRENT)) {
      r.listener(heard);
      assertThat(heard.log).containsExactly("dialect CURRENT");
      while (r.next() != null) {
        heard.log.add("event");
      }
      assertThat(r.dialect()).isEqualTo(Dialect.CURRENT);
    }
    assertThat(heard.log).containsOnlyOnce("dialect CURRENT").startsWith("dialect CURRENT", "section");
  }

  @Test
  void aCaptureWithoutEventsAnnouncesNothing(@TempDir Path dir) throws IOException {
    // empty.scap's metadata blocks alone: the file ends where its first event would begin.
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("empty.scap"));
    int firstEvent = c.blocks.stream().filter(b -> BlockType.isEvent(b[1])).findFirst().orElseThrow()[0];
    Path metadataOnly = CaptureBytes.write(dir, "metadata-only.scap", Arrays.copyOf(c.bytes, firstEvent));
    Heard heard = new Heard();
    try (CaptureReader r = CaptureReader.open(metadataOnly)) {
      r.listener(heard);
      assertThat(r.next()).isNull();
      assertThat(r.dialect()).isNull();
    }
    assertThat(heard.log).contains("section", "threads").noneMatch(s -> s.startsWith("dialect"));
  }
}
