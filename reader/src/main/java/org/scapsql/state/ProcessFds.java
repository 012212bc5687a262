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

  /**
   * Adds an fd that thread {@code by} of this process opened (null: it came
   * from the capture's fd table); one already open under that number ends its
   * life here.
   */
  public void put(FdInfo info, ThreadInfo by) {
    if (by != null && by.process != this) {
      throw new IllegalArgumentException("thread " + by.tid + " does not belong to process lifetime " + lifetimeId);
    }
    FdInfo old = fds.put(info.fd, info);
    if (old != null && old != info) {
      listener.fdRemoved(this, old);
    }
    listener.fdAdded(this, info, by);
  }

  public FdInfo remove(long fd) {
    FdInfo old = fds.remove(fd);
    if (old != null) {
      listener.fdRemoved(this, old);
    }
    return old;
  }

  /** The process is gone (its last thread left the table): its fds end with it. */
  void closeAll() {
    // One clear, not a removal per fd: a section's start ends every process of the last
    // one, and removing fd by fd was a tenth of a multi-section scan. Listeners are told
    // in the same order; none of them reads the table.
    List<FdInfo> all = fds.values();
    fds.clear();
    for (FdInfo f : all) {
      listener.fdRemoved(this, f);
    }
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

  /**
   * The process of a forked child: the parent's working directory and no fds
   * yet. The child's copies of the parent's fds come with {@link #inherit},
   * once the child thread is in the table, so that they are the child's from
   * the start rather than the parent's.
   */
  public ProcessFds fork(long newLifetimeId) {
    ProcessFds c = new ProcessFds(newLifetimeId, listener);
    c.cwd = cwd;
    return c;
  }

  /** Gives {@code child} (a thread of this process) copies of the parent's fds, as they were at time {@code ts}. */
  public void inherit(ProcessFds parent, ThreadInfo child, long ts) {
    if (parent == this) {
      throw new IllegalArgumentException("a process cannot inherit its own fds");
    }
    parent.fds.forEachValue(f -> {
      FdInfo c = f.copy(f.fd);
      c.openTs = ts;
      put(c, child);
    });
  }
}
