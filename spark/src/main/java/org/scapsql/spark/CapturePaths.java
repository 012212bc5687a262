package org.scapsql.spark;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.scapsql.adapter.Captures;

/**
 * What {@code load(...)} names, as capture files: globs ({@code /captures/*.scap.gz},
 * {@code /fleet/*}{@code /host-?.scap}), directories (their captures, as the shell reads
 * them) and files. They are expanded once, on the driver, and every task opens its file
 * by that absolute path: the files must be where every executor can read them (a
 * local disk in local mode, a shared mount on a cluster).
 */
final class CapturePaths {
  private CapturePaths() {}

  static List<Path> resolve(List<String> named) throws IOException {
    if (named.isEmpty()) {
      throw new IOException("no capture given: load(\"/captures/*.scap.gz\") or option(\"path\", ...) names them");
    }
    List<Path> found = new ArrayList<>();
    for (String n : named) {
      found.addAll(expand(local(n)));
    }
    // The same checks as the shell's: directories stand for their captures, two files may not share a name.
    return Captures.resolve(found);
  }

  /** A path without its {@code file:} scheme; other file systems are refused by name. */
  static String local(String name) throws IOException {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("file://")) {
      return name.substring("file://".length());
    }
    if (lower.startsWith("file:")) {
      return name.substring("file:".length());
    }
    int colon = name.indexOf("://");
    if (colon > 0) {
      throw new IOException(name + ": the scap data source reads captures from a file system every executor mounts"
          + " (a local path or a shared mount); " + name.substring(0, colon) + ":// is not one");
    }
    return name;
  }

  private static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }

  /** The files a glob matches, in name order; a name without glob characters as it is. */
  static List<Path> expand(String name) throws IOException {
    if (!isGlob(name)) {
      return List.of(Path.of(name));
    }
    Path abs = Path.of(name).toAbsolutePath();
    int first = 0;
    while (first < abs.getNameCount() && !isGlob(abs.getName(first).toString())) {
      first++;
    }
    Path base = abs.getRoot().resolve(first == 0 ? "" : abs.subpath(0, first).toString());
    int depth = abs.getNameCount() - first;
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + abs);
    if (!Files.isDirectory(base)) {
      throw new IOException(name + ": no such directory " + base);
    }
    try (Stream<Path> s = Files.walk(base, depth)) {
      List<Path> out = s.filter(p -> p.getNameCount() == abs.getNameCount() && matcher.matches(p))
          .filter(p -> !Files.isDirectory(p) || hasCaptures(p))
          .sorted()
          .toList();
      if (out.isEmpty()) {
        throw new IOException(name + ": no file matches");
      }
      return out;
    }
  }

  private static boolean hasCaptures(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().contains(".scap"));
    } catch (IOException e) {
      return false;
    }
  }
}
