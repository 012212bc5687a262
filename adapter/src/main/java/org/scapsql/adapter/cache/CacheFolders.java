package org.scapsql.adapter.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What every folder of the cache directory shares (the column files, the kept
 * results): which state of a capture a file is made from, a size bound kept by deleting
 * the least recently used files, and settings read from system properties.
 */
public final class CacheFolders {
  /** How long a capture must be left unmodified before anything is made from it. */
  public static final long SETTLE_MILLIS = 2_000;

  private CacheFolders() {}

  /**
   * Deletes the least recently used files of {@code dir} whose names end with one of
   * {@code suffixes} (never {@code keep}) until they fit in {@code maxBytes}, and the
   * temporary files ({@code .tmp}) older than an hour, which a process that died left.
   * A file's modification time is its last use: readers touch what they use.
   */
  public static void evict(Path dir, Path keep, long maxBytes, Set<String> suffixes) throws IOException {
    long staleTmp = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
    List<Path> files = new ArrayList<>();
    Map<Path, Long> used = new HashMap<>();
    long total = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        try {
          if (n.endsWith(".tmp")) {
            if (Files.getLastModifiedTime(p).toMillis() < staleTmp) {
              Files.deleteIfExists(p);
            }
          } else if (suffixes.stream().anyMatch(n::endsWith)) {
            used.put(p, Files.getLastModifiedTime(p).toMillis());
            total += Files.size(p);
            files.add(p);
          }
        } catch (NoSuchFileException gone) {
          // Another process evicted it first.
          used.remove(p);
        }
      }
    }
    files.sort(Comparator.comparingLong(used::get));
    for (Path p : files) {
      if (total <= maxBytes) {
        break;
      }
      if (p.equals(keep)) {
        continue;
      }
      try {
        long size = Files.size(p);
        Files.deleteIfExists(p);
        total -= size;
      } catch (NoSuchFileException gone) {
        // Already gone.
      }
    }
  }

  /**
   * A capture as it is now, for a key of what is made from it: its real path, size and
   * modification time; null when it is not a regular file, is smaller than
   * {@code minBytes}, or was modified in the last two seconds (it may still be written,
   * and what is made from it now would not be what it holds when done).
   */
  public static String settledState(Path capture, long minBytes) {
    try {
      Path real = capture.toRealPath();
      BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
      if (!a.isRegularFile() || a.size() < minBytes
          || System.currentTimeMillis() - a.lastModifiedTime().toMillis() < SETTLE_MILLIS) {
        return null;
      }
      return real + "|" + a.size() + "|" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** A whole-number system property, or {@code fallback} when it is unset or not a number. */
  public static long longProperty(String name, long fallback) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * A switch that is on unless the system property {@code name}, or when that is unset
   * the environment variable {@code env}, says {@code off}, {@code false} or {@code 0}.
   */
  public static boolean switchedOn(String name, String env) {
    String v = System.getProperty(name);
    if (v == null) {
      v = System.getenv(env);
    }
    return v == null || !(v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false") || v.equals("0"));
  }
}
