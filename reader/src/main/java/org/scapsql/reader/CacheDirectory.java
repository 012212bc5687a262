package org.scapsql.reader;

import java.nio.file.Path;

/**
 * Where scapsql keeps what it can make again (the demo capture, the column caches):
 * the {@code scapsql.cache} system property, else {@code $XDG_CACHE_HOME/scapsql},
 * else {@code ~/.cache/scapsql}. Never next to a capture: captures are evidence, and
 * their folders are not scapsql's to write.
 */
public final class CacheDirectory {
  private CacheDirectory() {}

  /** The directory (it may not exist yet). */
  public static Path path() {
    String prop = System.getProperty("scapsql.cache");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "scapsql");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "scapsql");
  }
}
