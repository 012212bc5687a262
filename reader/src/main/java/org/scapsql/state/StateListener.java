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

  default void fdAdded(ProcessFds process, FdInfo fd) {}

  default void fdRemoved(ProcessFds process, FdInfo fd) {}
}
