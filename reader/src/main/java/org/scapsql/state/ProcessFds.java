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
  private final StateListener listener;
  /** Free for whoever builds entity tables to hang its record on. */
  public Object attachment;
  public String cwd = "";
  int threadCount;

  public ProcessFds(long lifetimeId) {
    this(lifetimeId, StateListener.NONE);
  }

  public ProcessFds(long lifetimeId, StateListener listener) {
    this.fds = new LongMap<>();
    this.lifetimeId = lifetimeId;
    this.listener = listener;
  }

  public FdInfo get(long fd) {
    return fds.get(fd);
  }

  /** Adds an fd; one already open under that number ends its life here. */
  public void put(FdInfo info) {
    FdInfo old = fds.put(info.fd, info);
    if (old != null && old != info) {
      listener.fdRemoved(this, old);
    }
    listener.fdAdded(this, info);
  }

  public FdInfo remove(long fd) {
    FdInfo old = fds.remove(fd);
    if (old != null) {
      listener.fdRemoved(this, old);
    }
    return old;
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
    ProcessFds c = new ProcessFds(newLifetimeId, listener);
    c.cwd = cwd;
    fds.forEachValue(f -> c.put(f.copy(f.fd)));
    return c;
  }
}
