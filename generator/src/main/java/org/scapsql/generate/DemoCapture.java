package org.scapsql.generate;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The capture scapsql uses when it is given none: a generated one, made on
 * first use and kept in the user's cache directory ({@code $XDG_CACHE_HOME/scapsql},
 * else {@code ~/.cache/scapsql}; system property {@code scapsql.cache} overrides
 * both). The file name carries the generator version, seed and size, so a new
 * generator makes a new file instead of reusing a stale one.
 */
public final class DemoCapture {
  public static final long SIZE = 10L << 20;
  public static final long SEED = 1;

  private DemoCapture() {}

  /** The demo capture's path, generating it first if the cache does not hold it yet. */
  public static Path path() throws IOException {
    return path(cacheDir());
  }

  static Path path(Path dir) throws IOException {
    Path target = dir.resolve(fileName());
    if (Files.isRegularFile(target) && Files.size(target) > 0) {
      return target;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException("cannot create the cache directory " + dir + " for the demo capture: " + e, e);
    }
    // Written under a temporary name and renamed, so that a reader (or a second scapsql
    // generating at the same time) never sees half a file.
    Path tmp = Files.createTempFile(dir, "demo-", ".tmp");
    try {
      new Generator(GeneratorOptions.of(SIZE, SEED)).generate(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  static String fileName() {
    return "demo-v" + Generator.VERSION + "-seed" + SEED + "-" + SIZE + ".scap";
  }

  /** Where cached files go (see {@link org.scapsql.reader.CacheDirectory}). */
  public static Path cacheDir() {
    return org.scapsql.reader.CacheDirectory.path();
  }
}
