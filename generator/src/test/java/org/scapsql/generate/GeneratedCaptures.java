package org.scapsql.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Captures generated once per test run and shared by the test classes that read them. */
final class GeneratedCaptures {
  static final long TEN_MB = 10L << 20;
  private static Path ten;

  private GeneratedCaptures() {}

  /** The default capture: 10 MiB, seed 1, one simulated minute. */
  static synchronized Path tenMegabytes() throws IOException {
    if (ten == null) {
      Path dir = Files.createTempDirectory("scapsql-generated");
      dir.toFile().deleteOnExit();
      Path f = dir.resolve("seed1-10m.scap");
      f.toFile().deleteOnExit();
      new Generator(GeneratorOptions.of(TEN_MB, 1)).generate(f);
      ten = f;
    }
    return ten;
  }

  static boolean sysdigInstalled() {
    return Files.isExecutable(Path.of("/usr/bin/sysdig"));
  }

  /** Runs {@code TZ=UTC sysdig [-D] -r capture} into {@code out}; returns the exit code. */
  static int sysdig(Path capture, boolean internal, Path out) throws IOException, InterruptedException {
    ProcessBuilder pb = internal ? new ProcessBuilder("/usr/bin/sysdig", "-D", "-r", capture.toString())
        : new ProcessBuilder("/usr/bin/sysdig", "-r", capture.toString());
    pb.environment().put("TZ", "UTC");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("sysdig did not finish reading " + capture);
    }
    return p.exitValue();
  }
}
