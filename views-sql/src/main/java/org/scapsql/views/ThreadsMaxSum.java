package org.scapsql.views;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code inspect.threads_max_sum(thread_tid, value)}: the sum over a group's threads of
 * each thread's largest non-NULL value (NULL when no thread has one), as
 * {@code SUM(MAX(value))} over a per-thread subquery. Inspect adds up a container's
 * memory that way; one aggregate in the view's own {@code GROUP BY} spares that
 * subquery a scan of its own.
 */
public final class ThreadsMaxSum {
  /** Each thread's largest value so far. */
  public static final class Maxima {
    private final Map<Long, Long> byTid = new LinkedHashMap<>();
  }

  public Maxima init() {
    return new Maxima();
  }

  public Maxima add(Maxima m, Long tid, Long value) {
    if (value != null) {
      m.byTid.merge(tid, value, Math::max);
    }
    return m;
  }

  public Long result(Maxima m) {
    if (m.byTid.isEmpty()) {
      return null;
    }
    long sum = 0;
    for (long v : m.byTid.values()) {
      sum += v;
    }
    return sum;
  }
}
