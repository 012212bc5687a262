package org.scapsql.state;

import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;

/**
 * What the event being processed touched, as the handlers find it out: its
 * thread, its fd, its latency and whether it pairs with an enter. The tracker
 * resets it before each event and reads it back through its accessors.
 */
final class EventContext {
  /** The rules of the capture's dialect, for the handlers to ask. */
  DialectRules rules = DialectRules.of(Dialect.SYSDIG_0_29);
  ThreadInfo thread;
  long fdNum = StateTracker.NO_FD;
  FdInfo fd;
  long latency = StateTracker.NO_LATENCY;
  /** The event is an exit whose thread's last event was its enter. */
  boolean paired;
  boolean hidden;
  /** The fd number is known but sysdig does not attach the fd to the event. */
  boolean fdDetached;

  void reset() {
    thread = null;
    fd = null;
    fdNum = StateTracker.NO_FD;
    latency = StateTracker.NO_LATENCY;
    paired = false;
    hidden = false;
    fdDetached = false;
  }

  /** The enter event of the current exit when the two are paired and it was kept, else null. */
  Event pairedEnter() {
    return paired && thread != null ? thread.storedEnter : null;
  }

  /** Whether the event names an fd of the thread's process. */
  boolean hasFd() {
    return fdNum != StateTracker.NO_FD;
  }
}
