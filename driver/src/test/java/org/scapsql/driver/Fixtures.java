package org.scapsql.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Locates the real captures shipped in testdata/, and builds a huge one from them. */
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
   * A directory of {@code copies} captures that no machine scans in seconds: links
   * to one uncompressed copy of run_as_user_0_container.scap (4,143 events), so that
   * it costs no disk. 10,000 copies are 41 million events.
   */
  public static Path manyCopies(Path dir, int copies) throws IOException {
    Path one = dir.resolve("one.scap.data");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(capture("run_as_user_0_container.scap")));
        OutputStream out = Files.newOutputStream(one)) {
      in.transferTo(out);
    }
    Path copiesDir = Files.createDirectory(dir.resolve("copies"));
    for (int i = 0; i < copies; i++) {
      Files.createSymbolicLink(copiesDir.resolve(String.format("c%06d.scap", i)), one);
    }
    return copiesDir;
  }
}
