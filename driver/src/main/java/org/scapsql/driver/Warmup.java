package org.scapsql.driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Plans and runs a throwaway query in the background while the user types the
 * first one (or while a server waits for its first client). Calcite's first query in a JVM pays seconds for loading and
 * compiling its planner's machinery; measured here, that moves the first real
 * query from about 3 s to under half a second. The query touches no capture.
 */
public final class Warmup {
  static final String QUERY = "SELECT x, count(*) FROM (VALUES (1), (2)) AS t(x) WHERE x > 1 GROUP BY x ORDER BY 2";

  private Warmup() {}

  /** Starts warming up a local scapsql connection; other URLs (a server's too) are left alone. */
  public static void start(String url) {
    if (!ScapUrl.accepts(url) || RemoteConnection.accepts(url)) {
      return;
    }
    Thread t = new Thread(() -> {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(QUERY)) {
        while (rs.next()) {
          // Drain: execution compiles the generated code too.
        }
      } catch (SQLException | RuntimeException ignored) {
        // Only an optimisation: the user's own query reports any real problem.
      }
    }, "scapsql-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }
}
