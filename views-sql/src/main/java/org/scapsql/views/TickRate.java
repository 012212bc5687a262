package org.scapsql.views;

/**
 * {@code inspect.tick_rate(ticks, evt_num)}: a thread's CPU use as csysdig's views
 * show it, the average over its procinfo samples of the ticks added since the sample
 * before (0 for its first sample and after a sample of 0 ticks, at most 100; a sample
 * without ticks counts for nothing and leaves the next one without a previous value).
 *
 * <p>It is {@code AVG} over {@code LAG(ticks)} made one pass: the window sorted and
 * held every procinfo row of the capture (3.4 M rows, most of a 512 MiB heap, on a
 * 4 GiB capture) where this keeps two numbers a group. It needs its rows in event
 * order, as a scan hands them; a row that comes out of order stops the query rather
 * than give a wrong figure.
 */
public final class TickRate {
  /** What a group has seen so far. */
  public static final class Samples {
    private long lastEvent = Long.MIN_VALUE;
    private boolean seen;
    private Long previous;
    private double sum;
    private long count;
  }

  public Samples init() {
    return new Samples();
  }

  public Samples add(Samples s, Long ticks, Long evtNum) {
    if (evtNum != null) {
      if (evtNum < s.lastEvent) {
        throw new IllegalStateException("inspect.tick_rate needs its rows in event order: event " + evtNum
            + " came after event " + s.lastEvent + " (over several captures, group by capture too)");
      }
      s.lastEvent = evtNum;
    }
    if (ticks != null) {
      double delta;
      if (!s.seen || s.previous == null || s.previous == 0) {
        delta = 0.0;
      } else if (ticks - s.previous > 100) {
        delta = 100.0;
      } else {
        delta = ticks - s.previous;
      }
      s.sum += delta;
      s.count++;
    }
    s.seen = true;
    s.previous = ticks;
    return s;
  }

  public Double result(Samples s) {
    return s.count == 0 ? null : s.sum / s.count;
  }
}
