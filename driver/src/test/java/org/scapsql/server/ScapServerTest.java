package org.scapsql.server;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.driver.Jdbc;

/** The Avatica server on an ephemeral loopback port, read by several remote clients at once. */
// A server that stops answering would leave a client waiting: each test has a tight bound.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScapServerTest {
  private static final List<String> QUERIES = List.of(
      "SELECT count(*) FROM events",
      "SELECT capture, evt_type, count(*) AS n FROM events GROUP BY capture, evt_type ORDER BY n DESC, 1, 2",
      "SELECT evt_num, evt_time, evt_rawtime, evt_args, fd_name FROM events WHERE evt_type = 'openat' ORDER BY 1",
      "SELECT proc_pid, proc_name, proc_args FROM processes ORDER BY capture, proc_pid, proc_lifetime",
      "SELECT capture, fd_name, bytes_read, bytes_written FROM fds ORDER BY 1, 2, 3, 4",
      "SELECT capture, hostname, events FROM capture ORDER BY 1");

  @TempDir
  static Path served;
  @TempDir
  static Path elsewhere;
  private static ScapServer server;
  private static Map<String, List<String>> local;

  @BeforeAll
  static void start() throws Exception {
    Files.copy(Fixtures.capture("cat_write.scap"), served.resolve("cat_write.scap"));
    Files.copy(Fixtures.capture("syscall.scap"), served.resolve("syscall.scap"));
    Files.copy(Fixtures.capture("connect_localhost.scap"), elsewhere.resolve("secret.scap"));
    server = ScapServer.start(List.of(served), ScapServer.LOOPBACK, 0);
    local = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:scap:" + served)) {
      for (String q : QUERIES) {
        local.put(q, Jdbc.rows(c, q));
      }
    }
    assertThat(local.get(QUERIES.get(0))).containsExactly(String.valueOf(345 + 368));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Connection remote() throws SQLException {
    return DriverManager.getConnection(server.url());
  }

  @Test
  void itListensOnLoopbackOnly() throws Exception {
    assertThat(server.url()).isEqualTo(
        "jdbc:avatica:remote:url=http://127.0.0.1:" + server.port() + ";serialization=protobuf");
    // The kernel's table of sockets tells what address the listening socket is bound to.
    String port = String.format(Locale.ROOT, ":%04X", server.port());
    List<String> listening = new ArrayList<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path p = Path.of(table);
      if (!Files.isReadable(p)) {
        continue;
      }
      for (String line : Files.readAllLines(p)) {
        String[] f = line.strip().split("\\s+");
        if (f.length > 3 && f[1].endsWith(port) && f[3].equals("0A")) {
          listening.add(f[1].substring(0, f[1].length() - port.length()));
        }
      }
    }
    Assumptions.assumeFalse(listening.isEmpty(), "no readable socket table");
    // 127.0.0.1 in the kernel's byte order, plain or IPv4-mapped; all zeros would be every interface.
    assertThat(listening).allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F"));
  }

  @Test
  void concurrentRemoteClientsSeeWhatALocalConnectionSees() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Map<String, List<String>>>> results = new ArrayList<>();
      for (int client = 0; client < 4; client++) {
        int offset = client;
        results.add(pool.submit(() -> {
          Map<String, List<String>> got = new LinkedHashMap<>();
          try (Connection c = remote()) {
            // Each client asks in its own order, so queries overlap on the server.
            for (int i = 0; i < QUERIES.size(); i++) {
              String q = QUERIES.get((i + offset) % QUERIES.size());
              got.put(q, Jdbc.rows(c, q));
            }
          }
          return got;
        }));
      }
      for (Future<Map<String, List<String>>> f : results) {
        Map<String, List<String>> got = f.get(60, TimeUnit.SECONDS);
        for (String q : QUERIES) {
          assertThat(got.get(q)).as(q).isEqualTo(local.get(q));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void remoteErrorsCarryTheDatabasesMessage() throws SQLException {
    try (Connection c = remote()) {
      assertThatThrownBy(() -> Jdbc.rows(c, "SELECT nope FROM events"))
          .isInstanceOf(SQLException.class).hasMessageContaining("Column 'nope' not found in any table");
      assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM events"))
          .isInstanceOf(SQLException.class).hasMessageContaining("scapsql is read-only: DELETE is not allowed");
      assertThatThrownBy(() -> c.createStatement().execute("CREATE FOREIGN SCHEMA x TYPE 'file' OPTIONS (d '/')"))
          .isInstanceOf(SQLException.class).hasMessageContaining("read-only: CREATE");
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events")).containsExactly(String.valueOf(345 + 368));
      c.setAutoCommit(false);
      c.commit();
      c.rollback();
      c.setReadOnly(false);
    }
  }

  @Test
  void aClientCannotReachAFileTheServerWasNotGiven() throws SQLException {
    Path secret = elsewhere.resolve("secret.scap");
    String model = "inline:{version:'1.0',defaultSchema:'scap',schemas:[{name:'scap',type:'custom',"
        + "factory:'org.scapsql.adapter.ScapSchemaFactory',operand:{captures:['" + secret + "']}}]}";
    Map<String, String> asks = new LinkedHashMap<>();
    asks.put("model", model);
    asks.put("file", secret.toString());
    asks.put("schemaFactory", "org.scapsql.adapter.ScapSchemaFactory");
    asks.put("schema.captures", secret.toString());
    asks.put("schema", "other");
    asks.put("fun", "postgresql");
    // Through the JDBC client, as a property of the remote URL and as a connect() property.
    for (Map.Entry<String, String> a : asks.entrySet()) {
      Properties info = new Properties();
      info.setProperty(a.getKey(), a.getValue());
      for (Connection c : new Connection[] {
          DriverManager.getConnection(server.url() + ";" + a.getKey() + "=" + a.getValue()),
          DriverManager.getConnection(server.url(), info)}) {
        try (c) {
          assertThat(Jdbc.rows(c, "SELECT capture FROM capture ORDER BY 1")).as(a.getKey())
              .containsExactly("cat_write.scap", "syscall.scap");
        }
      }
    }
    // On the wire, all at once, with the keys the JDBC client would keep to itself.
    Map<String, String> all = new LinkedHashMap<>(asks);
    all.put("url", "jdbc:scap:" + secret);
    all.put("factory", "org.apache.calcite.jdbc.CalciteJdbc41Factory");
    try (RawClient raw = new RawClient(server.port(), all)) {
      assertThat(raw.query("SELECT capture FROM capture ORDER BY 1"))
          .containsExactly(List.of("cat_write.scap"), List.of("syscall.scap"));
      assertThat(raw.query("SELECT count(*) FROM events")).containsExactly(List.of(345L + 368L));
    }
    try (Connection c = remote()) {
      assertThat(Jdbc.column(c.getMetaData().getSchemas(), "TABLE_SCHEM"))
          .containsExactlyInAnyOrder("inspect", "metadata", "scap");
      assertThatThrownBy(() -> Jdbc.rows(c, "SELECT * FROM other.events"))
          .isInstanceOf(SQLException.class).hasMessageContaining("not found");
    }
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> ScapServer.start(List.of(served), "", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a host to listen on is required");
    assertThatThrownBy(() -> ScapServer.start(List.of(served), ScapServer.LOOPBACK, 70000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> ScapServer.start(List.of(elsewhere.resolve("none.scap")), ScapServer.LOOPBACK, 0))
        .hasMessageContaining("no such file or directory");
    assertThatThrownBy(() -> ScapServer.start(List.of(served), ScapServer.LOOPBACK, server.port()))
        .hasMessageContaining("cannot listen on 127.0.0.1:" + server.port());
  }
}
