package org.scapsql.views;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** threads_max_sum is SUM over a per-thread subquery of MAX(value): worked by hand. */
class ThreadsMaxSumTest {
  @Test
  void eachThreadsLargestValueIsSummedAndNullsCountForNothing() {
    ThreadsMaxSum f = new ThreadsMaxSum();
    ThreadsMaxSum.Maxima m = f.init();
    m = f.add(m, 1L, 100L);
    m = f.add(m, 2L, null);
    m = f.add(m, 1L, 300L);
    m = f.add(m, 2L, 40L);
    m = f.add(m, 1L, 200L);
    m = f.add(m, 3L, null);
    // Thread 1: 300; thread 2: 40; thread 3: no value, so nothing.
    assertThat(f.result(m)).isEqualTo(340L);
    assertThat(f.result(f.add(f.init(), 3L, null))).isNull();
    assertThat(f.result(f.init())).isNull();
  }
}
