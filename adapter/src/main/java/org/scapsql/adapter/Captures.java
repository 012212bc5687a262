package org.scapsql.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.scapsql.reader.CaptureReader;

/** Turns what a user names (files and directories) into the list of capture files to open. */
public final class Captures {
  /** Pipes and devices opened so far: a second read would find them empty. */
  private static final Set<Path> STREAMS_READ = ConcurrentHashMap.newKeySet();

  private Captures() {}

  /**
   * Opens a capture for one pass. A pipe (or other non-regular file, such as
   * {@code /dev/stdin}) can be read once: a second pass, by a later query or by a
   * query that needs two (a join with an entity table), gets an error that says so
   * instead of "empty file".
   */
  public static CaptureReader open(Path capture) throws IOException {
    Path abs = capture.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs) && Files.exists(abs) && !Files.isDirectory(abs) && !STREAMS_READ.add(abs)) {
      throw new IOException(abs + ": is a pipe or device, which can be read only once, and an earlier pass"
          + " already read it; save the capture to a file to run more than one pass over it");
    }
    return CaptureReader.open(capture);
  }

  /**
   * What a capture file is known by while it stays the same: its absolute path, size and
   * modification time. Rows computed from a capture in this JVM are kept under it, so a
   * capture that grows or is replaced is read again.
   */
  public static String fileKey(Path capture) throws IOException {
    Path abs = capture.toAbsolutePath().normalize();
    return abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis();
  }

  /**
   * Files stay as they are; a directory stands for the captures directly in it
   * (names containing ".scap", e.g. {@code x.scap}, {@code x.scap.gz}), in name order.
   */
  public static List<Path> resolve(List<Path> named) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : named) {
      Path abs = p.toAbsolutePath().normalize();
      if (Files.isDirectory(abs)) {
        try (Stream<Path> s = Files.list(abs)) {
          List<Path> found = s.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().contains(".scap"))
              .sorted()
              .toList();
          if (found.isEmpty()) {
            throw new IOException(abs + ": no capture files (*.scap, *.scap.gz) in this directory");
          }
          out.addAll(found);
        }
      } else if (Files.isRegularFile(abs)) {
        out.add(abs);
      } else if (!Files.exists(abs)) {
        throw new IOException(abs + ": no such file or directory");
      } else {
        // FIFOs and devices are read as streams.
        out.add(abs);
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no capture given");
    }
    List<String> names = new ArrayList<>();
    for (Path p : out) {
      String n = p.getFileName().toString();
      if (names.contains(n)) {
        throw new IOException("two captures are named " + n + "; the capture column could not tell them apart");
      }
      names.add(n);
    }
    return out;
  }
}
