package org.scapsql.generate;

/**
 * The story's calendar. The story repeats in cycles of one simulated minute
 * (cron's period); in a capture shorter than a minute one cycle fills the
 * whole span and every pause a person makes (typing, thinking) is shortened
 * by the same factor, while syscall latencies keep their real size.
 */
final class Timeline {
  static final long MINUTE = 60_000_000_000L;

  final long start;
  final long duration;
  final long end;
  final long cycle;
  /** Factor for human pauses: 1 when a cycle is a full minute. */
  final double scale;

  Timeline(long start, long duration) {
    if (duration <= 0) {
      throw new IllegalArgumentException("duration must be positive");
    }
    this.start = start;
    this.duration = duration;
    this.end = start + duration;
    this.cycle = Math.min(MINUTE, duration);
    this.scale = cycle / (double) MINUTE;
  }

  /** The time {@code seconds} into cycle {@code k} (seconds of a full minute, scaled). */
  long at(long k, double seconds) {
    return start + k * cycle + (long) (seconds * 1e9 * scale);
  }

  /** A human pause of about {@code ms} milliseconds, scaled. */
  long human(Rng rng, long ms) {
    return (long) (rng.gap(ms * 1_000_000L) * scale) + 1;
  }
}
