package org.scapsql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;
import org.scapsql.render.SysdigDump;

/**
 * Real captures with random damage (flipped bytes, overwritten words, cuts):
 * reading and dumping them either works or fails with a {@link CaptureFormatException}
 * that names the file; nothing else may escape (no index errors, no OutOfMemoryError).
 * A larger corpus runs with -Dscapsql.fuzzRounds=N (above some 20,000 rounds, also raise the
 * suite's time bound: -Djunit.jupiter.execution.timeout.default=1h).
 */
class MutationFuzzTest {
  private static final int ROUNDS = Integer.getInteger("scapsql.fuzzRounds", 150);

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"cat_write.scap", "ping_sendto.scap", "run_as_user_0_container.scap"})
  void damagedCapturesFailCleanly(String name) throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture(name));
    SplittableRandom r = new SplittableRandom(name.hashCode());
    List<String> escaped = new ArrayList<>();
    int clean = 0;
    int rejected = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] b = c.copy();
      int kind = r.nextInt(3);
      int at = r.nextInt(b.length);
      if (kind == 0) {
        for (int k = 0; k < 1 + r.nextInt(8); k++) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
      } else if (kind == 1 && at + 4 <= b.length) {
        int[] words = {0, -1, 0x7FFFFFFF, 0x10000, r.nextInt()};
        CaptureBytes.putInt(b, at & ~3, words[r.nextInt(words.length)]);
      } else {
        b = java.util.Arrays.copyOf(b, at);
      }
      Path f = CaptureBytes.write(dir, "m" + round + ".scap", b);
      try {
        new SysdigDump(true, null, ZoneOffset.UTC).run(f, new StringWriter());
        clean++;
      } catch (CaptureFormatException e) {
        assertThat(e.getMessage()).startsWith(f + ": at byte ");
        rejected++;
      } catch (Throwable t) {
        escaped.add("round " + round + " (kind " + kind + " at " + at + "): " + t);
      }
    }
    assertThat(escaped).isEmpty();
    assertThat(clean + rejected).isEqualTo(ROUNDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write.scap", "run_as_user_0_container.scap"})
  void damagedGzipStreamsFailCleanly(String name) throws IOException {
    byte[] gz = java.nio.file.Files.readAllBytes(Fixtures.capture(name));
    SplittableRandom r = new SplittableRandom(name.hashCode() * 31L);
    List<String> escaped = new ArrayList<>();
    for (int round = 0; round < ROUNDS / 3; round++) {
      byte[] b = gz.clone();
      // Keep the gzip magic so the reader takes the gzip path.
      for (int k = 0; k < 1 + r.nextInt(4); k++) {
        b[2 + r.nextInt(b.length - 2)] ^= (byte) (1 << r.nextInt(8));
      }
      Path f = CaptureBytes.write(dir, "g" + round + ".scap.gz", b);
      try {
        new SysdigDump(true, null, ZoneOffset.UTC).run(f, new StringWriter());
      } catch (CaptureFormatException e) {
        assertThat(e.getMessage()).startsWith(f + ": at byte ");
      } catch (Throwable t) {
        escaped.add("round " + round + ": " + t);
      }
    }
    assertThat(escaped).isEmpty();
  }
}
