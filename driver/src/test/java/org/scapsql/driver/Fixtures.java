package org.scapsql.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Locates the real captures shipped in testdata/, and builds a large one from them. */
public final class Fixtures {
  private Fixtures() {}

  public static Path capturesDir() {
    String p = System.getProperty("scapsql.captures");
    // Run from a module folder (Maven) or from the project root (an IDE).
    Path dir = p != null ? Path.of(p) : Path.of("../testdata/captures");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("testdata/captures");
    }
    return dir.toAbsolutePath().normalize();
  }

  /** A real capture from testdata/; a missing one fails the test rather than skipping it. */
  public static Path capture(String name) {
    Path f = capturesDir().resolve(name);
    if (!Files.exists(f)) {
      throw new AssertionError("real capture " + f + " is missing: the tests read testdata/captures");
    }
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
