package org.scapsql.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.render.SysdigDump;

/**
 * The generated capture against the reference reader: sysdig 0.29.3 reads it
 * without complaint and prints exactly what {@code scapsql dump} prints.
 */
class GeneratedCaptureTest {
  @TempDir
  Path dir;

  private static Path dump(Path capture, boolean internal, Path out) throws IOException {
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      assertThat(new SysdigDump(internal, null, ZoneOffset.UTC).run(capture, w)).isNull();
    }
    return out;
  }

  /** Compares two files line by line, reporting the first difference. */
  static long assertSameLines(Path actual, Path expected) throws IOException {
    try (BufferedReader a = Files.newBufferedReader(actual, StandardCharsets.UTF_8);
        BufferedReader e = Files.newBufferedReader(expected, StandardCharsets.UTF_8)) {
      long n = 0;
      while (true) {
        String la = a.readLine();
        String le = e.readLine();
        n++;
        if (la == null || le == null) {
          assertThat(la).as("line " + n + ": one output ends before the other").isEqualTo(le);
          return n - 1;
        }
        if (!la.equals(le)) {
          assertThat(la).as("line " + n).isEqualTo(le);
        }
      }
    }
  }

  private void compareWithSysdig(Path capture, boolean internal) throws Exception {
    Assumptions.assumeTrue(GeneratedCaptures.sysdigInstalled(), "sysdig is not installed");
    Path expected = dir.resolve(internal ? "sysdig-D.txt" : "sysdig.txt");
    assertThat(GeneratedCaptures.sysdig(capture, internal, expected)).as("sysdig exit code").isZero();
    long lines = assertSameLines(dump(capture, internal, dir.resolve("dump.txt")), expected);
    assertThat(lines).isGreaterThan(100_000);
  }

  @Test
  void dumpEqualsSysdigLineForLine() throws Exception {
    compareWithSysdig(GeneratedCaptures.tenMegabytes(), false);
  }

  @Test
  void internalDumpEqualsSysdigWithD() throws Exception {
    compareWithSysdig(GeneratedCaptures.tenMegabytes(), true);
  }

  @Test
  void gzipHoldsTheSameCaptureAndSysdigReadsIt() throws Exception {
    GeneratorOptions o = new GeneratorOptions(1L << 20, 3, 4_000_000_000L);
    Path plain = dir.resolve("c.scap");
    Path gz = dir.resolve("c.scap.gz");
    new Generator(o).generate(plain);
    new Generator(o).generate(gz);
    byte[] unzipped;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      unzipped = in.readAllBytes();
    }
    assertThat(unzipped).isEqualTo(Files.readAllBytes(plain));
    assertThat(Files.size(gz)).isLessThan(Files.size(plain) / 2);
    Assumptions.assumeTrue(GeneratedCaptures.sysdigInstalled(), "sysdig is not installed");
    Path out = dir.resolve("gz.txt");
    assertThat(GeneratedCaptures.sysdig(gz, false, out)).isZero();
    assertSameLines(dump(gz, false, dir.resolve("gzdump.txt")), out);
  }
}
