package org.scapsql.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns what a user names (files and directories) into the list of capture files to open. */
public final class Captures {
  private Captures() {}

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
