package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.scapsql.Fixtures;

/**
 * A progress display follows the statement its thread runs: two queries running at
 * once on two threads each count their own events, not the sum the JVM-wide totals see.
 */
class StatementProgressTest {
  @Test
  void twoConcurrentQueriesDoNotMixTheirCounts() throws Exception {
    LongSupplier mine = ScanCounters.eventsReadBy(Thread.currentThread());
    long mineBefore = mine.getAsLong();
    CyclicBarrier start = new CyclicBarrier(2);
    AtomicReference<Object> ten = new AtomicReference<>();
    AtomicReference<Object> three = new AtomicReference<>();
    // The 10th 'open' event is event 2612, the 3rd is 2207 (ScanCountersTest): each scan stops there.
    Thread a = query(start, ten, "SELECT evt_num FROM events WHERE evt_type = 'open' LIMIT 10");
    Thread b = query(start, three, "SELECT evt_num FROM events WHERE evt_type = 'open' LIMIT 3");
    org.scapsql.adapter.entity.EntityCache.awaitPrefetches(60_000);
    long totalBefore = ScanCounters.EVENTS_READ.get();
    a.start();
    b.start();
    a.join(60_000);
    b.join(60_000);
    assertThat(ten.get()).isEqualTo(
        List.of("2192", "2195", "2207", "2209", "2543", "2544", "2565", "2566", "2611", "2612"));
    assertThat(three.get()).isEqualTo(List.of("2192", "2195", "2207"));
    assertThat(ScanCounters.eventsReadBy(a).getAsLong()).isEqualTo(2612);
    assertThat(ScanCounters.eventsReadBy(b).getAsLong()).isEqualTo(2207);
    // What a JVM-wide counter would have shown either display: both queries at once.
    assertThat(ScanCounters.EVENTS_READ.get() - totalBefore).isGreaterThanOrEqualTo(2612 + 2207);
    assertThat(mine.getAsLong()).as("this thread ran no query meanwhile").isEqualTo(mineBefore);
  }

  private static Thread query(CyclicBarrier start, AtomicReference<Object> result, String query) {
    return new Thread(() -> {
      try (Sql sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"))) {
        start.await();
        result.set(sql.rows(query));
      } catch (Exception e) {
        result.set(e);
      }
    }, "query: " + query);
  }
}
