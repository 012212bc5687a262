package org.scapsql.driver;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.adapter.ScanCounters;
import org.scapsql.adapter.entity.EntityCache;

/**
 * The entity tables of a capture are computed once, by the first query that needs
 * them, while later ones wait. Cancelling that first query must not fail the ones
 * waiting for its work: they compute it themselves.
 */
class CancelIsolationTest {
  @TempDir
  Path dir;

  @Test
  void cancellingTheQueryThatComputesTheEntitiesLeavesTheWaitingOneAnswered() throws Exception {
    Path big = Fixtures.big(dir, 300);
    String url = "jdbc:scap:" + big;
    EntityCache.clear();
    String sql = "SELECT count(*) FROM processes";
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
        PreparedStatement first = a.prepareStatement(sql); PreparedStatement second = b.prepareStatement(sql)) {
      AtomicReference<Object> computing = new AtomicReference<>();
      AtomicReference<Object> waiting = new AtomicReference<>();
      long before = ScanCounters.EVENTS_READ.get();
      Thread ta = run(first, computing);
      // The first query's pass is under way...
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ScanCounters.EVENTS_READ.get() == before && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      // ...the second waits for it...
      Thread tb = run(second, waiting);
      while (tb.getState() != Thread.State.TIMED_WAITING && tb.isAlive() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      // ...and the first is cancelled while both are in the pass.
      first.cancel();
      ta.join(120_000);
      tb.join(120_000);
      assertThat(computing.get()).as("the first query was still computing when cancelled")
          .isInstanceOf(SQLException.class);
      assertThat(((SQLException) computing.get()).getMessage()).isEqualTo("query cancelled");
      assertThat(waiting.get()).as("the waiting query's answer").isInstanceOf(List.class);
      // The same count a query now gets from the cache.
      assertThat(waiting.get()).isEqualTo(Jdbc.rows(a, sql));
    } finally {
      EntityCache.clear();
    }
  }

  private static Thread run(PreparedStatement s, AtomicReference<Object> outcome) {
    Thread t = new Thread(() -> {
      try {
        outcome.set(Jdbc.rows(s.executeQuery()));
      } catch (SQLException e) {
        outcome.set(e);
      }
    });
    t.start();
    return t;
  }
}
