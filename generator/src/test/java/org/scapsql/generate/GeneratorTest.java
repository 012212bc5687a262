package org.scapsql.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.reader.BlockType;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Event;
import org.scapsql.writer.CaptureWriter;

class GeneratorTest {
  private static byte[] generate(long size, long seed, long duration) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = new CaptureWriter("memory", out)) {
      new Generator(new GeneratorOptions(size, seed, duration)).generate(w);
    }
    return out.toByteArray();
  }

  @Test
  void theSameSeedGivesTheSameBytes() throws IOException {
    byte[] a = generate(2L << 20, 5, 10_000_000_000L);
    byte[] b = generate(2L << 20, 5, 10_000_000_000L);
    assertThat(a.length).isEqualTo(b.length);
    assertThat(Arrays.mismatch(a, b)).as("first differing byte").isEqualTo(-1);
  }

  @Test
  void anotherSeedGivesAnotherCapture() throws IOException {
    byte[] a = generate(2L << 20, 5, 10_000_000_000L);
    byte[] b = generate(2L << 20, 6, 10_000_000_000L);
    // The host is the same (the tables and the container event that open the capture); what
    // happens on it is not.
    int events = firstEventEnd(a);
    assertThat(Arrays.mismatch(a, b)).isGreaterThanOrEqualTo(events);
    assertThat(Arrays.mismatch(a, b)).isNotEqualTo(-1);
  }

  /** The offset just past the first event block. */
  private static int firstEventEnd(byte[] c) {
    ByteBuffer bb = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
    int p = 0;
    while (bb.getInt(p) != BlockType.EV_V2) {
      p += bb.getInt(p + 4);
    }
    return p + bb.getInt(p + 4);
  }

  @Test
  void theCaptureStopsAtTheFirstWholeBlockPastTheSize(@TempDir Path dir) throws IOException {
    long size = 3L << 20;
    Path f = dir.resolve("c.scap");
    Generator.Stats s = new Generator(GeneratorOptions.of(size, 1)).generate(f);
    assertThat(Files.size(f)).isEqualTo(s.bytes());
    assertThat(s.bytes()).isGreaterThanOrEqualTo(size).isLessThan(size + 65_536 + 12);
    long events = 0;
    long lastOffset = 0;
    try (CaptureReader r = CaptureReader.open(f)) {
      for (Event e; (e = r.next()) != null; ) {
        events++;
        lastOffset = e.offset();
      }
      assertThat(r.warning()).isNull();
      assertThat(r.position()).isEqualTo(s.bytes());
    }
    assertThat(events).isEqualTo(s.events());
    assertThat(lastOffset).isLessThan(size);
  }

  @Test
  void timeRunsForwardAndTheSpanFollowsTheDuration() throws IOException {
    byte[] c = generate(4L << 20, 2, 20_000_000_000L);
    long prev = 0;
    long first = -1;
    long last = 0;
    try (CaptureReader r = CaptureReader.of(org.scapsql.reader.BlockReader.of("memory",
        new java.io.ByteArrayInputStream(c)), null)) {
      for (Event e; (e = r.next()) != null; ) {
        assertThat(e.ts()).as("event %d", e.num()).isGreaterThanOrEqualTo(prev);
        prev = e.ts();
        if (first < 0) {
          first = e.ts();
        }
        last = e.ts();
      }
    }
    assertThat(first).isEqualTo(Host.START);
    assertThat(last - first).isBetween(18_000_000_000L, 23_000_000_000L);
  }

  @Test
  void tinyCapturesStillHoldEvents() throws IOException {
    byte[] c = generate(1, 1, 1_000_000_000L);
    try (CaptureReader r = CaptureReader.of(org.scapsql.reader.BlockReader.of("memory",
        new java.io.ByteArrayInputStream(c)), null)) {
      assertThat(r.next()).isNotNull();
      assertThat(r.next()).isNull();
    }
  }

  @Test
  void optionsAreRequired() {
    assertThatThrownBy(() -> new Generator(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailedRunLeavesNoFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("missing-dir").resolve("c.scap");
    assertThatThrownBy(() -> new Generator(GeneratorOptions.of(1 << 20, 1)).generate(f))
        .isInstanceOf(IOException.class);
    assertThat(Files.exists(f)).isFalse();
  }
}
