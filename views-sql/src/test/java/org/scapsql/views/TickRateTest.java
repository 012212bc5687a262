package org.scapsql.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tick_rate is AVG of the clamped difference with LAG(ticks) over one thread's samples
 * in event order; these cases are that window's, worked by hand.
 */
class TickRateTest {
  private static Double rate(Long... ticks) {
    TickRate f = new TickRate();
    TickRate.Samples s = f.init();
    long n = 1;
    for (Long t : ticks) {
      s = f.add(s, t, n++);
    }
    return f.result(s);
  }

  @Test
  void theFirstSampleAndSamplesAfterZeroCountZeroAndJumpsStopAt100() {
    // 0 (first), 5, 100 (400 clamped), then a fall of 415 counted as it is.
    assertThat(rate(10L, 15L, 415L, 0L)).isEqualTo((0 + 5 + 100 - 415) / 4.0);
    // After a sample of 0 ticks: 0 again.
    assertThat(rate(0L, 7L, 9L)).isEqualTo((0 + 0 + 2) / 3.0);
  }

  @Test
  void aSampleWithoutTicksCountsForNothingAndLeavesTheNextWithoutAPrevious() {
    List<Long> ticks = new ArrayList<>(List.of(10L, 12L));
    ticks.add(null);
    ticks.add(20L);
    ticks.add(23L);
    // 0, 2, (none), 0 (previous NULL), 3
    assertThat(rate(ticks.toArray(new Long[0]))).isEqualTo((0 + 2 + 0 + 3) / 4.0);
    List<Long> none = new ArrayList<>();
    none.add(null);
    assertThat(rate(none.toArray(new Long[0]))).isNull();
    assertThat(rate()).isNull();
  }

  @Test
  void rowsOutOfEventOrderStopTheQuery() {
    TickRate f = new TickRate();
    TickRate.Samples s = f.add(f.init(), 5L, 10L);
    assertThatThrownBy(() -> f.add(s, 6L, 9L)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("event 9 came after event 10");
  }

  /** threads_tick_rate: each thread's tick_rate over its own rows, interleaved as a process's threads are, summed. */
  @Test
  void threadsTickRateSumsEachThreadsRateOverItsOwnSamples() {
    ThreadsTickRate f = new ThreadsTickRate();
    ThreadsTickRate.Threads s = f.init();
    long n = 1;
    // Thread 1: 10, 15, 25 -> (0 + 5 + 10) / 3; thread 2: 0, 7 -> (0 + 0) / 2; thread 3: no ticks, no figure.
    s = f.add(s, 1L, 10L, n++);
    s = f.add(s, 2L, 0L, n++);
    s = f.add(s, 1L, 15L, n++);
    s = f.add(s, 3L, null, n++);
    s = f.add(s, 2L, 7L, n++);
    s = f.add(s, 1L, 25L, n++);
    assertThat(f.result(s)).isEqualTo(rate(10L, 15L, 25L) + rate(0L, 7L)).isEqualTo(5.0);
    ThreadsTickRate.Threads none = f.add(f.init(), 3L, null, 1L);
    assertThat(f.result(none)).isNull();
    assertThat(f.result(f.init())).isNull();
    ThreadsTickRate.Threads late = f.add(f.init(), 1L, 5L, 10L);
    assertThatThrownBy(() -> f.add(late, 1L, 6L, 9L)).isInstanceOf(IllegalStateException.class);
  }
}
