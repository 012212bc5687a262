package org.scapsql.generate;

/**
 * A part of the story that acts at points in time. When the clock reaches
 * its key the simulation calls {@link #act()}, which stages events on threads
 * (never earlier than now) and sets the key to the next time it wants to act,
 * or to {@link Long#MAX_VALUE} when it is done.
 */
abstract class Actor extends Source {
  static final long DONE = Long.MAX_VALUE;

  abstract void act();
}
