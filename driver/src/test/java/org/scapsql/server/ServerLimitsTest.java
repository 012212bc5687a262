package org.scapsql.server;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.adapter.ScanCounters;
import org.scapsql.driver.Errors;
import org.scapsql.driver.Jdbc;

/**
 * What keeps one client from hurting the others: a client's timeout and cancel stop
 * the query on the server; the server's own limits on time, rows, memory and request
 * size hold whatever the client does; and a big ORDER BY ... LIMIT leaves the other
 * clients answered.
 */
class ServerLimitsTest {
  /** A query that would run for hours: every event against every event type, by LIKE. */
  private static final String ENDLESS = "SELECT count(*) FROM events a, events b"
      + " WHERE a.capture = 'big.scap' AND b.capture = 'big.scap' AND a.evt_args LIKE '%' || b.evt_type || ' nothing%'";

  @TempDir
  static Path dir;
  private static ScapServer server;
  private static ScapServer strict;

  @BeforeAll
  static void start() throws Exception {
    Path big = Fixtures.big(dir, 20);
    Files.copy(Fixtures.capture("run_as_user_0_container.scap"), dir.resolve("run.scap"));
    assertThat(big.getFileName().toString()).isEqualTo("big.scap");
    server = ScapServer.start(List.of(dir), ScapServer.LOOPBACK, 0);
    strict = ScapServer.start(List.of(dir), ScapServer.LOOPBACK, 0,
        ServerLimits.DEFAULT.withMaxQuerySeconds(2).withMaxRows(1000).withMaxRequestBytes(64 * 1024));
  }

  @AfterAll
  static void stop() {
    for (ScapServer s : new ScapServer[] {server, strict}) {
      if (s != null) {
        s.close();
      }
    }
  }

  /** The server does no more work on the query: nothing runs, and no event is read any more. */
  private static void assertServerIdle(ScapServer s) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (s.running() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(s.running()).isZero();
    org.scapsql.adapter.entity.EntityCache.awaitPrefetches(60_000);
    long before = ScanCounters.EVENTS_READ.get();
    Thread.sleep(700);
    assertThat(ScanCounters.EVENTS_READ.get()).isEqualTo(before);
  }

  @Test
  void aRemoteQueryTimeoutStopsTheScanOnTheServer() throws Exception {
    try (Connection c = DriverManager.getConnection(server.scapUrl()); Statement s = c.createStatement()) {
      s.setQueryTimeout(3);
      long start = System.nanoTime();
      assertThatThrownBy(() -> Jdbc.rows(s.executeQuery(ENDLESS)))
          .isInstanceOf(SQLTimeoutException.class).hasMessage("query timed out after 3 s")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).isBetween(2_900L, 15_000L);
      assertServerIdle(server);
      // The statement is still usable: a cancelled statement's next execution runs.
      s.setQueryTimeout(0);
      assertThat(Jdbc.rows(s.executeQuery("SELECT count(*) FROM events WHERE capture = 'run.scap'")))
          .containsExactly("4143");
    }
  }

  @Test
  void aRemoteCancelStopsTheScanOnTheServer() throws Exception {
    try (Connection c = DriverManager.getConnection(server.scapUrl()); Statement s = c.createStatement()) {
      Thread canceller = new Thread(() -> {
        try {
          Thread.sleep(1_000);
          s.cancel();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long start = System.nanoTime();
      canceller.start();
      assertThatThrownBy(() -> Jdbc.rows(s.executeQuery(ENDLESS)))
          .isInstanceOf(SQLException.class).hasMessage("query cancelled")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
      canceller.join();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(12_000L);
      assertServerIdle(server);
      assertThat(Jdbc.rows(s.executeQuery("SELECT count(*) FROM events WHERE capture = 'run.scap'")))
          .containsExactly("4143");
    }
  }

  @Test
  void aClientCannotCancelAnotherClientsQuery() throws Exception {
    try (Connection c = DriverManager.getConnection(server.scapUrl()); Statement s = c.createStatement()) {
      int id = s.unwrap(org.apache.calcite.avatica.AvaticaStatement.class).handle.id;
      String own = c.unwrap(org.apache.calcite.avatica.AvaticaConnection.class).id;
      Future<Throwable> running = Executors.newSingleThreadExecutor()
          .submit(() -> catching(() -> Jdbc.rows(s.executeQuery(ENDLESS))));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.running() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      HttpClient http = HttpClient.newHttpClient();
      for (String other : new String[] {"someone-else", own + "x"}) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
            + "/scapsql/cancel?connection=" + other + "&statement=" + id)).POST(HttpRequest.BodyPublishers.noBody())
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("no such statement");
      }
      Thread.sleep(500);
      assertThat(running.isDone()).isFalse();
      assertThat(server.running()).isPositive();
      s.cancel();
      Throwable stopped = running.get(15, TimeUnit.SECONDS);
      assertThat(stopped).isInstanceOf(SQLException.class).hasMessage("query cancelled");
      assertServerIdle(server);
    }
  }

  @Test
  void theServerStopsALongQueryWhateverTheClient() throws Exception {
    for (String url : new String[] {strict.url(), strict.scapUrl()}) {
      try (Connection c = DriverManager.getConnection(url)) {
        long start = System.nanoTime();
        SQLException e = Errors.toSqlException(catching(() -> Jdbc.rows(c, ENDLESS)));
        assertThat(e.getSQLState()).as(url).isEqualTo("57014");
        assertThat(e.getMessage()).as(url)
            .isEqualTo("query timed out: the server stops a query after 2 s (serve --max-query-time)");
        assertThat((System.nanoTime() - start) / 1_000_000).as(url).isBetween(1_900L, 15_000L);
        assertServerIdle(strict);
      }
    }
  }

  @Test
  void theServerLimitsTheRowsOfOneResult() throws Exception {
    for (String url : new String[] {strict.url(), strict.scapUrl()}) {
      try (Connection c = DriverManager.getConnection(url)) {
        SQLException e = Errors.toSqlException(catching(
            () -> Jdbc.rows(c, "SELECT evt_num FROM events WHERE capture = 'run.scap'")));
        assertThat(e.getSQLState()).as(url).isEqualTo("54000");
        assertThat(e.getMessage()).as(url).isEqualTo("result too large: more than 1,000 rows (the server's limit,"
            + " serve --max-rows); add a LIMIT or a filter");
        assertThat(Jdbc.rows(c, "SELECT evt_num FROM events WHERE capture = 'run.scap' LIMIT 1000")).hasSize(1000);
      }
    }
  }

  @Test
  void aRequestLargerThanTheLimitIsRefusedAndTheServerLivesOn() throws Exception {
    String sql = "SELECT '" + "x".repeat(80_000) + "'";
    try (Connection c = DriverManager.getConnection(strict.url())) {
      SQLException e = Errors.toSqlException(catching(() -> Jdbc.rows(c, sql)));
      assertThat(e.getSQLState()).isEqualTo("54000");
      assertThat(e.getMessage())
          .isEqualTo("request too large: more than 65,536 bytes (the server's limit, serve --max-request-size)");
    }
    // 50 MB of body, streamed without a length: refused after the first 64 KiB, not read into memory.
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Iterator<byte[]> chunks = new Iterator<>() {
      private int left = 50 * 16;

      @Override
      public boolean hasNext() {
        return left > 0;
      }

      @Override
      public byte[] next() {
        left--;
        return new byte[64 * 1024];
      }
    };
    HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + strict.port() + "/"))
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArrays(() -> chunks)).build();
    int status;
    try {
      status = http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException closedEarly) {
      // The server answered and closed while the body was still being sent: refused as well.
      status = 500;
    }
    assertThat(status).isEqualTo(500);
    try (Connection c = DriverManager.getConnection(strict.scapUrl())) {
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events WHERE capture = 'run.scap'")).containsExactly("4143");
    }
  }

  @Test
  void readOnlyStaysTrueRemotely() throws SQLException {
    for (String url : new String[] {server.url(), server.scapUrl()}) {
      try (Connection c = DriverManager.getConnection(url)) {
        c.setReadOnly(false);
        assertThat(c.isReadOnly()).as(url).isTrue();
        assertThat(c.getMetaData().isReadOnly()).as(url).isTrue();
      }
    }
  }

  @Test
  void sixteenClientsKeepTheirAnswersWhileOneSortsTheBigCapture() throws Exception {
    String topN = "SELECT * FROM events WHERE capture = 'big.scap' ORDER BY evt_rawtime DESC LIMIT 5";
    String small = "SELECT evt_type, count(*) FROM events WHERE capture = 'run.scap' GROUP BY evt_type ORDER BY 2 DESC, 1";
    List<String> expectedTop;
    List<String> expectedSmall;
    try (Connection c = DriverManager.getConnection("jdbc:scap:" + dir)) {
      expectedTop = Jdbc.rows(c, topN.replace("SELECT *", "SELECT evt_num, evt_rawtime, evt_type, proc_name"));
      expectedSmall = Jdbc.rows(c, small);
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      done.add(pool.submit(() -> {
        try (Connection c = DriverManager.getConnection(server.scapUrl())) {
          for (int i = 0; i < 2; i++) {
            assertThat(Jdbc.rows(c, topN.replace("SELECT *", "SELECT evt_num, evt_rawtime, evt_type, proc_name")))
                .isEqualTo(expectedTop);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(topN)) {
              assertThat(Jdbc.rows(rs)).hasSize(5);
            }
          }
        }
        return null;
      }));
      for (int client = 0; client < 15; client++) {
        String url = client % 2 == 0 ? server.scapUrl() : server.url();
        done.add(pool.submit(() -> {
          try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 0; i < 4; i++) {
              assertThat(Jdbc.rows(c, small)).isEqualTo(expectedSmall);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(300, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aQueryThatFillsTheHeapIsStoppedAndTheServerAnswersTheNext() throws Exception {
    // A server of its own, with a small heap, so running it short of memory harms no other test.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx192m", "-cp", System.getProperty("java.class.path"),
        ServeCommand.class.getName(), "--port", "0", "--max-memory", "70%", dir.resolve("run.scap").toString())
        .redirectErrorStream(true).start();
    try {
      String url = serverUrl(p.getInputStream());
      try (Connection c = DriverManager.getConnection(url)) {
        // Every pair of events, sorted: about 17 million rows held at once.
        SQLException e = Errors.toSqlException(catching(() -> Jdbc.rows(c,
            "SELECT a.evt_num, b.evt_num, a.evt_args FROM events a, events b ORDER BY 3, 1, 2")));
        assertThat(e.getSQLState()).isEqualTo("53200");
        assertThat(e.getMessage()).satisfiesAnyOf(
            m -> assertThat(m).startsWith("query stopped by the server: its memory is short"),
            m -> assertThat(m).startsWith("out of memory: "));
        assertThat(Jdbc.rows(c, "SELECT count(*) FROM events")).containsExactly("4143");
      }
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String serverUrl(InputStream out) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (String line; System.nanoTime() < deadline && (line = r.readLine()) != null; ) {
      int at = line.indexOf("jdbc:scap:http://");
      if (at >= 0) {
        String url = line.substring(at).replaceAll("\\)$", "");
        Thread drain = new Thread(() -> {
          try {
            while (r.readLine() != null) {
              // Keep the pipe from filling.
            }
          } catch (java.io.IOException ignored) {
            // The server is gone.
          }
        });
        drain.setDaemon(true);
        drain.start();
        return url;
      }
    }
    throw new AssertionError("the server did not print its URL");
  }

  private interface Action {
    void run() throws Exception;
  }

  private static Throwable catching(Action a) {
    try {
      a.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("no error");
  }
}
