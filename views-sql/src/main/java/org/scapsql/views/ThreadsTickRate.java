package org.scapsql.views;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code inspect.threads_tick_rate(thread_tid, ticks, evt_num)}: the CPU use of a group
 * of threads (a process, a container) as csysdig's views add it up, the sum over the
 * threads of each one's {@link TickRate} (threads with no figure add nothing; NULL when
 * none has one).
 *
 * <p>It lets a view take its CPU figures in the same {@code GROUP BY} as the rest of its
 * columns, with {@code FILTER (WHERE evt_type = 'procinfo')}: the two-level aggregate
 * over a second subquery read the capture a second time, with state, on every first
 * query. Like {@code tick_rate}, it needs its rows in event order.
 */
public final class ThreadsTickRate {
  private final TickRate rate = new TickRate();

  /** Each thread's samples so far, in the order the threads first came. */
  public static final class Threads {
    private final Map<Long, TickRate.Samples> byTid = new LinkedHashMap<>();
  }

  public Threads init() {
    return new Threads();
  }

  public Threads add(Threads s, Long tid, Long ticks, Long evtNum) {
    TickRate.Samples samples = s.byTid.get(tid);
    if (samples == null) {
      samples = rate.init();
      s.byTid.put(tid, samples);
    }
    rate.add(samples, ticks, evtNum);
    return s;
  }

  public Double result(Threads s) {
    Double sum = null;
    for (TickRate.Samples samples : s.byTid.values()) {
      Double r = rate.result(samples);
      if (r != null) {
        sum = sum == null ? r : sum + r;
      }
    }
    return sum;
  }
}
