package org.scapsql.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Event;
import org.scapsql.render.SysdigDump;

/**
 * A big capture against sysdig, too slow for the normal suite. Run it with
 * {@code mvn -B -o -pl adapter test -Dtest=BigCaptureTest -Dscapsql.bigCapture=1g}
 * (needs about twice the size in temporary disk space per output).
 */
@EnabledIfSystemProperty(named = "scapsql.bigCapture", matches = ".+")
// Run by hand on a capture of gigabytes: the default bound of the suite does not fit it.
@Timeout(value = 4, unit = TimeUnit.HOURS)
class BigCaptureTest {
  @TempDir
  Path dir;

  @Test
  void sysdigReadsABigCaptureExactlyAsDumpDoes() throws Exception {
    long size = GeneratorOptions.parseSize(System.getProperty("scapsql.bigCapture"));
    Path capture = dir.resolve("big.scap");
    long t0 = System.nanoTime();
    Generator.Stats s = new Generator(GeneratorOptions.of(size, 1)).generate(capture);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("generated %,d bytes, %,d events in %.1f s (%.0f MB/s)%n", s.bytes(), s.events(), secs,
        s.bytes() / 1e6 / secs);

    // Long captures reuse pids: some tid is created (child side of clone) more than once.
    Set<Long> born = new HashSet<>();
    long reborn = 0;
    try (CaptureReader r = CaptureReader.open(capture)) {
      for (Event e; (e = r.next()) != null; ) {
        if (e.type() == 223 && e.paramLong(0) == 0 && !born.add(e.tid())) {
          reborn++;
        }
      }
    }
    System.out.printf("%,d threads got a tid that an earlier thread of the capture had%n", reborn);
    if (size >= 512L << 20) {
      assertThat(reborn).as("tids that were reused").isPositive();
    }

    Assumptions.assumeTrue(GeneratedCaptures.sysdigInstalled(), "sysdig is not installed");
    Path expected = dir.resolve("sysdig.txt");
    assertThat(GeneratedCaptures.sysdig(capture, false, expected)).as("sysdig exit code").isZero();
    Path actual = dir.resolve("dump.txt");
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(actual, StandardCharsets.UTF_8), 1 << 16)) {
      assertThat(new SysdigDump(false, null, ZoneOffset.UTC).run(capture, w)).isNull();
    }
    Files.delete(capture);
    GeneratedCaptureTest.assertSameLines(actual, expected);
  }
}
