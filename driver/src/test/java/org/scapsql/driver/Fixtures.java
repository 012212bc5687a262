package org.scapsql.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared real captures next to the project, and builds a large one from them. */
public final class Fixtures {
  private Fixtures() {}

  public static Path capturesDir() {
    String p = System.getProperty("scapsql.captures");
    Path dir = p != null ? Path.of(p) : Path.of("../../shared/captures");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("../shared/captures");
    }
    return dir.toAbsolutePath().normalize();
  }

  /** A real capture; the test is skipped (not passed) when the captures folder is absent. */
  public static Path capture(String name) {
    Path f = capturesDir().resolve(name);
    Assumptions.assumeTrue(Files.exists(f), "real capture " + f + " not present");
    return f;
  }

  /**
   * A capture that takes seconds to scan with a parameter predicate: {@code copies}
   * sections of run_as_user_0_container.scap, each with its own header and state.
   */
  public static Path big(Path dir, int copies) throws IOException {
    byte[] one;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(capture("run_as_user_0_container.scap")))) {
      one = in.readAllBytes();
    }
    Path big = dir.resolve("big.scap");
    try (OutputStream out = Files.newOutputStream(big)) {
      for (int i = 0; i < copies; i++) {
        out.write(one);
      }
    }
    return big;
  }
}
