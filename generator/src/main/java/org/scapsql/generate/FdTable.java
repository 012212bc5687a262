package org.scapsql.generate;

import java.util.Arrays;

/**
 * The descriptor numbers a process has open. New descriptors take the lowest
 * free number, as the kernel gives them. Because the story stages one thread's
 * work ahead of another's, a number is only free at a time after its last
 * close, wherever in the generation order that close was staged: two threads
 * of a process never hold the same fd at overlapping times.
 */
final class FdTable {
  private static final long OPEN = Long.MAX_VALUE;

  /** Per fd: from when on it is free (0: always), or {@link #OPEN}. */
  private long[] freeFrom;

  FdTable() {
    freeFrom = new long[16];
  }

  private FdTable(long[] freeFrom) {
    this.freeFrom = freeFrom;
  }

  /** The lowest number free at time {@code now}, marked open. */
  int allocate(long now) {
    for (int fd = 0; fd < freeFrom.length; fd++) {
      if (freeFrom[fd] <= now) {
        freeFrom[fd] = OPEN;
        return fd;
      }
    }
    int fd = freeFrom.length;
    use(fd);
    return fd;
  }

  /** Marks a specific number open (inherited descriptors, dup2 targets). */
  void use(int fd) {
    if (fd >= freeFrom.length) {
      freeFrom = Arrays.copyOf(freeFrom, Math.max(freeFrom.length * 2, fd + 1));
    }
    freeFrom[fd] = OPEN;
  }

  /** The descriptor is closed at time {@code at}. */
  void free(int fd, long at) {
    if (fd >= 0 && fd < freeFrom.length) {
      freeFrom[fd] = at;
    }
  }

  boolean isOpen(int fd) {
    return fd >= 0 && fd < freeFrom.length && freeFrom[fd] == OPEN;
  }

  /** The table a forked child starts with. */
  FdTable copy() {
    return new FdTable(freeFrom.clone());
  }
}
