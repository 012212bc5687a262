package org.scapsql;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real captures shipped in testdata/. */
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

  /** The project root (holds bin/ and the expected-output files). */
  public static Path root() {
    String p = System.getProperty("scapsql.root");
    return (p != null ? Path.of(p) : Path.of("..")).toAbsolutePath().normalize();
  }
}
