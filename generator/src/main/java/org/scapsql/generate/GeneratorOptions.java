package org.scapsql.generate;

import java.util.Locale;

/**
 * What to generate: the target size of the uncompressed capture, the seed,
 * and the simulated time span.
 *
 * @param sizeBytes the capture ends with the first whole block at or past this size
 * @param seed the same seed gives the same capture, byte for byte
 * @param durationNanos the simulated span the story is paced to
 */
public record GeneratorOptions(long sizeBytes, long seed, long durationNanos) {
  public static final long DEFAULT_SIZE = 10L << 20;
  public static final long DEFAULT_SEED = 1;
  /** Without --duration the story advances 6 simulated seconds per MiB: 10m spans a minute. */
  public static final long NANOS_PER_MIB = 6_000_000_000L;

  public GeneratorOptions {
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("size must be positive, not " + sizeBytes);
    }
    if (durationNanos < 1_000_000L) {
      throw new IllegalArgumentException("duration must be at least 1 ms");
    }
    if (durationNanos > 365L * 24 * 3_600 * 1_000_000_000L) {
      throw new IllegalArgumentException("duration must be at most a year");
    }
  }

  /** The size and seed with the default pace. */
  public static GeneratorOptions of(long sizeBytes, long seed) {
    return new GeneratorOptions(sizeBytes, seed, defaultDuration(sizeBytes));
  }

  public static long defaultDuration(long sizeBytes) {
    double mib = sizeBytes / (double) (1 << 20);
    return Math.max(1_000_000_000L, (long) (mib * NANOS_PER_MIB));
  }

  /**
   * Parses a size: a whole number with an optional k, m, g or t suffix
   * (powers of 1024; {@code 100m} is 100 MiB), optionally followed by b.
   */
  public static long parseSize(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("ib")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    long mult = 1;
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'k': mult = 1L << 10; break;
        case 'm': mult = 1L << 20; break;
        case 'g': mult = 1L << 30; break;
        case 't': mult = 1L << 40; break;
        default: break;
      }
    }
    String digits = mult == 1 ? s : s.substring(0, s.length() - 1);
    long n;
    try {
      n = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad size '" + text + "': use a whole number with an optional k, m, g or t "
          + "suffix, e.g. 100m or 1g");
    }
    if (n <= 0) {
      throw new IllegalArgumentException("bad size '" + text + "': it must be positive");
    }
    if (n > Long.MAX_VALUE / mult) {
      throw new IllegalArgumentException("bad size '" + text + "': too large");
    }
    return n * mult;
  }

  /** Parses a duration: a whole number with ms, s, m or h (seconds when there is no unit). */
  public static long parseDuration(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    long mult;
    String digits;
    if (s.endsWith("ms")) {
      mult = 1_000_000L;
      digits = s.substring(0, s.length() - 2);
    } else if (s.endsWith("s")) {
      mult = 1_000_000_000L;
      digits = s.substring(0, s.length() - 1);
    } else if (s.endsWith("m")) {
      mult = 60_000_000_000L;
      digits = s.substring(0, s.length() - 1);
    } else if (s.endsWith("h")) {
      mult = 3_600_000_000_000L;
      digits = s.substring(0, s.length() - 1);
    } else {
      mult = 1_000_000_000L;
      digits = s;
    }
    long n;
    try {
      n = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad duration '" + text + "': use a whole number with ms, s, m or h, "
          + "e.g. 60s or 2h");
    }
    if (n <= 0 || n > Long.MAX_VALUE / mult) {
      throw new IllegalArgumentException("bad duration '" + text + "': it must be positive and at most a year");
    }
    return n * mult;
  }
}
