package org.scapsql.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared real captures next to the project. */
final class Fixtures {
  private Fixtures() {}

  static Path capture(String name) {
    String p = System.getProperty("scapsql.captures");
    Path dir = p != null ? Path.of(p) : Path.of("../../shared/captures");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("../shared/captures");
    }
    Path f = dir.toAbsolutePath().normalize().resolve(name);
    Assumptions.assumeTrue(Files.exists(f), "real capture " + f + " not present");
    return f;
  }
}
