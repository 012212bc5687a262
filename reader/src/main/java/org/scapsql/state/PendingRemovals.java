package org.scapsql.state;

/**
 * Removals libsinsp defers to the next event: a closed fd and an exited
 * thread stay visible to the event that ends them (its fields still show
 * them) and leave the tables before the following event is applied.
 */
final class PendingRemovals {
  private ThreadInfo thread;
  private ProcessFds fdFrom;
  private long fd;

  /** Takes {@code fdNum} out of {@code process} before the next event. */
  void closeFd(ProcessFds process, long fdNum) {
    this.fdFrom = process;
    this.fd = fdNum;
  }

  /** Takes the dead thread {@code t} out of the table before the next event. */
  void removeThread(ThreadInfo t) {
    this.thread = t;
  }

  /** Does what is pending: the fd first, then the thread (whose process may close with it). */
  void apply(ThreadTable threads, DialectRules rules) {
    if (fdFrom != null) {
      fdFrom.remove(fd);
      fdFrom = null;
    }
    if (thread != null) {
      threads.removeDead(thread, rules);
      thread = null;
    }
  }

  /** Forgets what is pending (a new section starts over). */
  void clear() {
    thread = null;
    fdFrom = null;
  }

  boolean isEmpty() {
    return thread == null && fdFrom == null;
  }
}
