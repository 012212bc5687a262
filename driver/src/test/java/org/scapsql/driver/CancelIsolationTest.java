package org.scapsql.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    Path big = Fixtures.big(dir, 150);
    String url = "jdbc:scap:" + big;
    EntityCache.clear();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
        Statement first = a.createStatement(); Statement second = b.createStatement()) {
      Future<Object> computing = pool.submit(() -> {
        try {
          return Jdbc.rows(first.executeQuery("SELECT count(*) FROM processes"));
        } catch (SQLException e) {
          return e;
        }
      });
      Thread.sleep(300);
      Future<List<String>> waiting = pool.submit(() -> Jdbc.rows(second.executeQuery("SELECT count(*) FROM processes")));
      Thread.sleep(300);
      first.cancel();
      Object outcome = computing.get(120, TimeUnit.SECONDS);
      assertThat(outcome).as("the first query was still computing when cancelled").isInstanceOf(SQLException.class);
      assertThat(((SQLException) outcome).getMessage()).isEqualTo("query cancelled");
      List<String> answer = waiting.get(120, TimeUnit.SECONDS);
      // The same count a query now gets from the cache.
      assertThat(answer).isEqualTo(Jdbc.rows(a, "SELECT count(*) FROM processes"));
      assertThat(Long.parseLong(answer.get(0))).isPositive();
    } finally {
      pool.shutdownNow();
      EntityCache.clear();
    }
  }
}
