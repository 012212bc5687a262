package org.scapsql.views;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real captures and the csysdig reference output shipped in testdata/. */
final class Fixtures {
  private Fixtures() {}

  static Path root() {
    String p = System.getProperty("scapsql.root");
    return (p != null ? Path.of(p) : Path.of("..")).toAbsolutePath().normalize();
  }

  /** A real capture from testdata/captures; a missing one fails the test rather than skipping it. */
  static Path capture(String name) {
    String p = System.getProperty("scapsql.captures");
    Path dir = p != null ? Path.of(p) : root().resolve("testdata/captures");
    Path f = dir.resolve(name);
    if (!Files.exists(f)) {
      throw new AssertionError("real capture " + f + " is missing: the tests read testdata/captures");
    }
    return f;
  }

  /** The folder of csysdig and sysdig output for the two reference captures. */
  static Path references() {
    Path dir = root().resolve("testdata/reference");
    if (!Files.isDirectory(dir)) {
      throw new AssertionError("reference output " + dir + " is missing");
    }
    return dir;
  }
}
