package org.scapsql.generate;

/**
 * Something the {@link Sim} merges by time: a thread's staged events (the key
 * is the time of its next event) or an actor (the key is when it next acts).
 */
abstract class Source {
  /** Nanoseconds since the epoch. */
  long key;
  /** Position in the scheduler's heap, -1 when not in it. */
  int heapIndex = -1;
}
