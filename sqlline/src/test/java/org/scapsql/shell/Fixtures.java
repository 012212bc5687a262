package org.scapsql.shell;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real captures shipped in testdata/. */
final class Fixtures {
  private Fixtures() {}

  static Path capture(String name) {
    String p = System.getProperty("scapsql.captures");
    // Run from a module folder (Maven) or from the project root (an IDE).
    Path dir = p != null ? Path.of(p) : Path.of("../testdata/captures");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("testdata/captures");
    }
    Path f = dir.toAbsolutePath().normalize().resolve(name);
    if (!Files.exists(f)) {
      throw new AssertionError("real capture " + f + " is missing: the tests read testdata/captures");
    }
    return f;
  }
}
