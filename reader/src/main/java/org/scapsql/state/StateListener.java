package org.scapsql.state;

/**
 * Told when the tracker's tables change, so that whoever builds entity tables
 * (processes, threads, fds) sees every lifetime begin and end without the
 * tracker keeping history.
 */
public interface StateListener {
  StateListener NONE = new StateListener() {};

  default void threadAdded(ThreadInfo t) {}

  default void threadRemoved(ThreadInfo t) {}

  /**
   * An fd entered {@code process}'s table: opened by thread {@code by} (or
   * inherited by it at fork), or from the capture's fd table when {@code by}
   * is null.
   */
  default void fdAdded(ProcessFds process, FdInfo fd, ThreadInfo by) {}

  default void fdRemoved(ProcessFds process, FdInfo fd) {}
}
