package org.scapsql;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared real captures next to the project. */
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

  /** The project root (holds bin/ and the expected-output files). */
  public static Path root() {
    String p = System.getProperty("scapsql.root");
    return (p != null ? Path.of(p) : Path.of("..")).toAbsolutePath().normalize();
  }
}
