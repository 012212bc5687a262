package org.scapsql.generate;

/**
 * Hands out host pids the way Linux does: the next number after the last one
 * given, skipping numbers in use, wrapping from {@code pid_max} back to 300.
 * A long capture therefore reuses the pids of processes that ended earlier.
 * As with fds, a pid is only free after the time its owner was reaped, so a
 * reused pid never overlaps its previous life in the capture.
 */
final class Pids {
  static final int PID_MAX = 32768;
  private static final int WRAP_TO = 300;
  private static final long IN_USE = Long.MAX_VALUE;

  /** Per pid: from when on it is free (0: always), or {@link #IN_USE}. */
  private final long[] freeFrom = new long[PID_MAX];
  private int last;
  private long wraps;

  Pids(int last) {
    this.last = last;
  }

  /** Marks a pid of the initial process table as taken. */
  void reserve(int pid) {
    freeFrom[pid] = IN_USE;
  }

  /** The next pid free at time {@code now}. */
  int next(long now) {
    for (int tries = 0; tries < PID_MAX; tries++) {
      int p = last + 1;
      if (p >= PID_MAX) {
        p = WRAP_TO;
        wraps++;
      }
      last = p;
      if (freeFrom[p] <= now) {
        freeFrom[p] = IN_USE;
        return p;
      }
    }
    throw new IllegalStateException("no free pid: the simulated host has " + PID_MAX + " live threads");
  }

  /** The pid's owner is gone (reaped) at time {@code at}. */
  void release(int pid, long at) {
    freeFrom[pid] = at;
  }

  long wraps() {
    return wraps;
  }
}
