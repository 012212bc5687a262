package org.scapsql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The test data every module's tests share: the real captures, sysdig's
 * expected output and the csysdig reference, all under {@code testdata/}. A
 * missing file fails its test rather than skipping it, so a clone that lost
 * its test data cannot pass by checking nothing.
 */
public final class Fixtures {
  private Fixtures() {}

  /** The project root (holds bin/ and testdata/). */
  public static Path root() {
    String p = System.getProperty("scapsql.root");
    if (p != null) {
      return Path.of(p).toAbsolutePath().normalize();
    }
    // Maven runs tests from the module folder, an IDE often from the root.
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("testdata")) ? here : here.getParent();
  }

  public static Path capturesDir() {
    String p = System.getProperty("scapsql.captures");
    return (p != null ? Path.of(p) : root().resolve("testdata/captures")).toAbsolutePath().normalize();
  }

  /**
   * The file names of every capture in testdata/captures ({@code .scap} and
   * {@code .scap.gz}), sorted: the parameters of a test that must hold on each.
   */
  public static java.util.List<String> captureNames() {
    try (java.util.stream.Stream<Path> files = Files.list(capturesDir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".scap") || n.endsWith(".scap.gz"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(capturesDir() + ": " + e.getMessage(), e);
    }
  }

  /** A real capture from testdata/captures. */
  public static Path capture(String name) {
    return existing(capturesDir().resolve(name));
  }

  /** The text of a file sysdig 0.29.3 printed for a fixture, from testdata/expected. */
  public static String expected(String name) {
    return read(existing(root().resolve("testdata/expected").resolve(name)));
  }

  /** The folder of csysdig/sysdig output for the Inspect views. */
  public static Path references() {
    return existing(root().resolve("testdata/reference"));
  }

  /** A file of csysdig/sysdig output for the Inspect views, from testdata/reference. */
  public static Path reference(String name) {
    return existing(root().resolve("testdata/reference").resolve(name));
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

  /**
   * A directory of {@code copies} links to one uncompressed copy of
   * run_as_user_0_container.scap: tens of millions of events to scan without
   * using the disk, for tests that need a query no machine finishes quickly.
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

  private static Path existing(Path f) {
    if (!Files.exists(f)) {
      throw new AssertionError(f + " is missing: the tests read the project's testdata/ folder");
    }
    return f;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
