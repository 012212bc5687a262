package org.scapsql.state;

import java.util.List;

/**
 * What a process's threads share: the fd table, the working directory, and how
 * many of its threads the tracker holds (so a dead main thread knows when it
 * may go).
 */
public final class ProcessFds {
  private final LongMap<FdInfo> fds;
  private final long lifetimeId;
  public String cwd = "";
  int threadCount;

  public ProcessFds(long lifetimeId) {
    this.fds = new LongMap<>();
    this.lifetimeId = lifetimeId;
  }

  private ProcessFds(long lifetimeId, LongMap<FdInfo> fds, String cwd) {
    this.fds = fds;
    this.cwd = cwd;
    this.lifetimeId = lifetimeId;
  }

  public FdInfo get(long fd) {
    return fds.get(fd);
  }

  public void put(FdInfo info) {
    fds.put(info.fd, info);
  }

  public FdInfo remove(long fd) {
    return fds.remove(fd);
  }

  /** A snapshot of the open fds. */
  public List<FdInfo> all() {
    return fds.values();
  }

  public int size() {
    return fds.size();
  }

  /**
   * Identifies this process lifetime within its capture: a fork makes a new one,
   * an execve keeps it. The same capture always gives the same ids.
   */
  public long lifetimeId() {
    return lifetimeId;
  }

  /** Threads of this process the tracker currently holds. */
  public int threadCount() {
    return threadCount;
  }

  /** A forked child starts with copies of its parent's descriptors. */
  public ProcessFds copy(long newLifetimeId) {
    LongMap<FdInfo> m = new LongMap<>(Math.max(16, fds.size()));
    fds.forEachValue(f -> m.put(f.fd, f.copy(f.fd)));
    return new ProcessFds(newLifetimeId, m, cwd);
  }
}
