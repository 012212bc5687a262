package org.scapsql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapsql.Fixtures;

/**
 * The last event's time read from a capture's end equals the one a whole forward read
 * finds, on every capture uncompressed and on several sections in one file; a file the
 * walk cannot trust (gzip, cut inside a block, not a capture) gives no answer.
 */
class LastEventTest {
  /** Container events do not count, as for the overview's clock. */
  private static final IntPredicate CONTAINER = id -> {
    EventInfo i = EventTable.standard().get(id);
    return i == null || i.name().equals("container");
  };

  @TempDir
  Path dir;

  private static OptionalLong forward(Path capture) throws IOException {
    long last = Long.MIN_VALUE;
    try (CaptureReader r = CaptureReader.open(capture)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        if (!e.info().name().equals("container")) {
          last = e.ts();
        }
      }
    }
    return last == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(last);
  }

  private Path plain(String name) throws IOException {
    return CaptureBytes.write(dir, name, CaptureBytes.of(Fixtures.capture(name)).bytes);
  }

  @ParameterizedTest
  @MethodSource("org.scapsql.Fixtures#captureNames")
  void equalsTheForwardReadOnEveryCapture(String name) throws IOException {
    if (!name.endsWith(".scap")) {
      return; // the compressed 2026 capture is covered by the gzip case below
    }
    Path p = plain(name);
    OptionalLong walked = LastEvent.time(p, CONTAINER);
    OptionalLong read = forward(p);
    if (walked.isPresent()) {
      assertThat(walked).isEqualTo(read);
    } else {
      // Only a capture without an event may leave the walk without an answer.
      assertThat(read).isEmpty();
    }
  }

  @Test
  void severalSectionsInOneFile() throws IOException {
    Path big = Fixtures.big(dir, 3);
    assertThat(LastEvent.time(big, CONTAINER)).isPresent().isEqualTo(forward(big));
  }

  @Test
  void noAnswerWhereTheEndCannotBeTrusted() throws IOException {
    assertThat(LastEvent.time(Fixtures.capture("cat_write.scap"), CONTAINER)).as("gzip").isEmpty();
    byte[] whole = CaptureBytes.of(Fixtures.capture("cat_write.scap")).bytes;
    for (int cut = 1; cut < 64; cut += 7) {
      Path p = CaptureBytes.write(dir, "cut" + cut + ".scap", Arrays.copyOf(whole, whole.length - cut));
      assertThat(LastEvent.time(p, CONTAINER)).as("cut " + cut + " bytes short").isEmpty();
    }
    Path text = Files.writeString(dir.resolve("notes.scap"), "not a capture at all, just some words");
    assertThat(LastEvent.time(text, CONTAINER)).isEmpty();
    assertThat(LastEvent.time(Files.write(dir.resolve("tiny.scap"), new byte[3]), CONTAINER)).isEmpty();
  }
}
