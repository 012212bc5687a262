package org.scapsql.generate;

import java.util.SplittableRandom;

/**
 * The generator's only source of randomness: one {@link SplittableRandom}
 * seeded from {@code --seed} and consumed in a fixed order, so the same seed
 * gives the same capture byte for byte.
 */
final class Rng {
  private final SplittableRandom r;

  Rng(long seed) {
    this.r = new SplittableRandom(seed);
  }

  int nextInt(int bound) {
    return r.nextInt(bound);
  }

  /** Uniform in [lo, hi]. */
  int between(int lo, int hi) {
    return lo + r.nextInt(hi - lo + 1);
  }

  long nextLong() {
    return r.nextLong();
  }

  double nextDouble() {
    return r.nextDouble();
  }

  boolean chance(double p) {
    return r.nextDouble() < p;
  }

  /** Exponentially distributed with the given mean (a Poisson process's gaps). */
  long exp(double mean) {
    double u = r.nextDouble();
    return (long) (-Math.log(1.0 - u) * mean);
  }

  /**
   * A syscall latency around {@code typical} ns: never below half of it, with
   * an exponential tail, which is the shape real syscall latencies have.
   */
  long lat(long typical) {
    return typical / 2 + exp(typical / 2.0) + 1;
  }

  /** A pause in user space (between two syscalls of one thread). */
  long gap(long typical) {
    return typical / 2 + exp(typical / 2.0) + 1;
  }

  <T> T pick(T[] items) {
    return items[r.nextInt(items.length)];
  }

  void bytes(byte[] out, int off, int len) {
    for (int i = 0; i < len; i += 8) {
      long v = r.nextLong();
      for (int k = 0; k < 8 && i + k < len; k++) {
        out[off + i + k] = (byte) (v >>> (8 * k));
      }
    }
  }
}
