package org.scapsql.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;

/**
 * {@code scapsql generate [--size 100m] [--seed N] [--duration 60s] OUT.scap[.gz]}:
 * writes a synthetic capture (see docs/generated-capture.md).
 */
public final class Generate {
  static final String USAGE = "usage: scapsql generate [--size 10m] [--seed N] [--duration 60s] OUT.scap[.gz]";

  private Generate() {}

  public static int main(String[] args, PrintStream stdout, PrintStream stderr) {
    long size = GeneratorOptions.DEFAULT_SIZE;
    long seed = GeneratorOptions.DEFAULT_SEED;
    Long duration = null;
    String out = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--size":
            size = GeneratorOptions.parseSize(value(args, ++i, a));
            break;
          case "--seed":
            String v = value(args, ++i, a);
            try {
              seed = Long.parseLong(v);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("bad seed '" + v + "': it must be a whole number");
            }
            break;
          case "--duration":
            duration = GeneratorOptions.parseDuration(value(args, ++i, a));
            break;
          case "-h":
          case "--help":
            stdout.println(USAGE);
            return 0;
          default:
            if (a.startsWith("-")) {
              throw new IllegalArgumentException("unknown option " + a);
            }
            if (out != null) {
              throw new IllegalArgumentException("one output file at a time");
            }
            out = a;
        }
      }
    } catch (IllegalArgumentException e) {
      stderr.println("scapsql generate: " + e.getMessage());
      stderr.println(USAGE);
      return 2;
    }
    if (out == null) {
      stderr.println(USAGE);
      return 2;
    }
    GeneratorOptions options = new GeneratorOptions(size, seed,
        duration != null ? duration : GeneratorOptions.defaultDuration(size));
    Path path = Path.of(out);
    if (Files.isDirectory(path)) {
      stderr.println("scapsql generate: " + out + " is a directory; give a file name such as " + out
          + "/demo.scap");
      return 1;
    }
    long t0 = System.nanoTime();
    try {
      Generator.Stats s = new Generator(options).generate(path);
      double secs = (System.nanoTime() - t0) / 1e9;
      stdout.println(String.format(Locale.ROOT,
          "wrote %s: %,d bytes (uncompressed), %,d events, %.1f s simulated, seed %d, in %.2f s (%.0f MB/s)",
          out, s.bytes(), s.events(), s.spanNanos() / 1e9, seed, secs, s.bytes() / 1e6 / secs));
      if (s.droppedArrivals() > 0) {
        stdout.println(String.format(Locale.ROOT, "note: the simulated servers could not keep up with that pace; "
            + "%,d arrivals were turned away and the capture may span a little more than --duration", s.droppedArrivals()));
      }
      return 0;
    } catch (IOException e) {
      stderr.println("scapsql generate: " + describe(out, e));
      return 1;
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** A one-line reason without a stack trace. */
  static String describe(String file, IOException e) {
    Throwable c = e;
    while (c.getCause() instanceof IOException && !(c instanceof FileSystemException)) {
      c = c.getCause();
    }
    if (c instanceof NoSuchFileException) {
      Path parent = Path.of(file).toAbsolutePath().getParent();
      return "cannot write " + file + (parent != null && !Files.isDirectory(parent)
          ? ": directory " + parent + " does not exist" : ": no such file or directory");
    }
    if (c instanceof AccessDeniedException) {
      return "cannot write " + file + ": permission denied";
    }
    if (c instanceof FileSystemException) {
      String reason = ((FileSystemException) c).getReason();
      return "cannot write " + file + (reason != null ? ": " + reason : "");
    }
    String m = e.getMessage();
    return m != null && m.startsWith("cannot write") ? m : "cannot write " + file + ": " + m;
  }

  public static void main(String[] args) {
    System.exit(main(args, System.out, System.err));
  }
}
