package org.scapsql.driver;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapsql.server.ScapServer;

/**
 * Queries a hostile but fair user sends: each fails with one SQLException carrying a
 * SQLSTATE and a one-line message, never an unchecked exception, an Error or a wall of
 * text. Locally, through scapsql's remote driver (the same message and SQLSTATE, also
 * for prepared statements) and through Avatica's own driver (the same SQLSTATE, and
 * the message inside Avatica's wording).
 */
class HostileQueryTest {
  @TempDir
  static Path dir;
  private static ScapServer server;

  @BeforeAll
  static void start() throws Exception {
    Files.copy(Fixtures.capture("run_as_user_0_container.scap"), dir.resolve("run.scap"));
    server = ScapServer.start(List.of(dir), ScapServer.LOOPBACK, 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String local() {
    return "jdbc:scap:" + dir.resolve("run.scap");
  }

  /** A failure as a caller sees it. */
  record Failure(String state, String message) {}

  private static Failure failure(Connection c, String sql, boolean prepared) {
    return failure(c, sql, prepared, false);
  }

  /**
   * {@code avatica}: Avatica's own driver throws its unchecked AvaticaClientRuntimeException
   * from {@code ResultSet.next} when a later frame fails; that is its behaviour, and
   * {@link Errors} (used by the shell) still reads the server's message and state from it.
   */
  private static Failure failure(Connection c, String sql, boolean prepared, boolean avatica) {
    try {
      if (prepared) {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
          drain(rs);
        }
      } else {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          drain(rs);
        }
      }
    } catch (SQLException e) {
      return new Failure(e.getSQLState(), e.getMessage());
    } catch (RuntimeException e) {
      if (!avatica) {
        throw e;
      }
      SQLException mapped = Errors.toSqlException(e);
      return new Failure(mapped.getSQLState(), mapped.getMessage());
    }
    return fail("no error for " + abbreviate(sql));
  }

  private static void drain(ResultSet rs) throws SQLException {
    while (rs.next()) {
      rs.getObject(1);
    }
  }

  private static String abbreviate(String sql) {
    return sql.length() > 80 ? sql.substring(0, 80) + "..." : sql;
  }

  private static String repeat(String head, String each, int times, String tail) {
    StringBuilder sb = new StringBuilder(head);
    for (int i = 0; i < times; i++) {
      sb.append(each.replace("#", Integer.toString(i)));
    }
    return sb.append(tail).toString();
  }

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("SELECT 1/0", "22012", "division by zero"),
        Arguments.of("SELECT evt_num / (evt_num - evt_num) FROM events", "22012", "division by zero"),
        // The error comes after the first frames have gone to a remote client.
        Arguments.of("SELECT evt_num, 100 / (evt_num - 3000) FROM events", "22012", "division by zero"),
        Arguments.of("SELECT CAST('abc' AS INTEGER)", "22018", "invalid number: \"abc\""),
        Arguments.of("SELECT CAST(evt_type AS INTEGER) FROM events", "22018", "invalid number: "),
        Arguments.of("SELECT nope FROM events", "42000",
            "From line 1, column 8 to line 1, column 11: Column 'nope' not found in any table"),
        Arguments.of("SELECT * FROM", "42601", "Encountered \"<EOF>\" at line 1, column 13."),
        Arguments.of(repeat("SELECT count(*) FROM events WHERE evt_num = -1", " OR evt_num = #", 300, ""), "54001",
            "statement too complex: expressions nest 302 deep (the limit is 250"),
        Arguments.of(repeat("SELECT ", "(", 400, "1") + ")".repeat(400), "54001",
            "statement too complex: expressions nest 401 deep"),
        Arguments.of(repeat("SELECT 0", "+1", 500_000, ""), "54000",
            "statement too long: 1,000,008 characters (the limit is 100,000"),
        Arguments.of(repeat("SELECT count(*) FROM events WHERE evt_num IN (0", ",#", 150_000, ")"), "54000",
            "statement too long: "),
        Arguments.of("INSERT INTO events (evt_num) VALUES (1)", "25006",
            "scapsql is read-only: INSERT is not allowed (captures are never changed)"),
        Arguments.of("EXPLAIN PLAN FOR INSERT INTO events (evt_num) VALUES (1)", "25006",
            "scapsql is read-only: INSERT is not allowed"),
        Arguments.of("WITH x AS (SELECT 1) DELETE FROM events", "25006", "scapsql is read-only: DELETE is not allowed"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("hostile")
  void everyFailureIsOneSqlExceptionLocallyAndRemotely(String sql, String state, String message) throws Exception {
    Failure local;
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(local())) {
      local = failure(c, sql, false);
      assertThat(failure(c, sql, true)).as("prepared, locally").isEqualTo(local);
      // The connection survives its statements' failures.
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events")).containsExactly("4143");
    }
    assertThat(local.state()).isEqualTo(state);
    assertThat(local.message()).startsWith(message).doesNotContain("\n").hasSizeLessThanOrEqualTo(1000)
        .doesNotContain("Exception").doesNotContain("Error while");
    // Refused statements cost no parsing: even the megabyte ones answer at once.
    assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(30);

    try (Connection c = DriverManager.getConnection(server.scapUrl())) {
      assertThat(failure(c, sql, false)).as("statement, scapsql's remote driver").isEqualTo(local);
      assertThat(failure(c, sql, true)).as("prepared statement, scapsql's remote driver").isEqualTo(local);
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events")).containsExactly("4143");
    }
    try (Connection c = DriverManager.getConnection(server.url())) {
      Failure remote = failure(c, sql, false, true);
      assertThat(remote.state()).as("Avatica's driver").isEqualTo(state);
      assertThat(remote.message()).as("Avatica's driver").contains(local.message());
      assertThat(failure(c, sql, true, true).state()).as("prepared, Avatica's driver").isEqualTo(state);
      assertThat(Errors.toSqlException(new SQLException(remote.message(), remote.state())).getSQLState())
          .isEqualTo(state);
    }
  }

  @Test
  void avaticaDriverErrorsMapBackToTheLocalMessage() throws SQLException {
    // What the shell and any tool using Errors see behind Avatica's own driver, prepared statements included.
    try (Connection c = DriverManager.getConnection(server.url())) {
      for (String sql : new String[] {"SELECT nope FROM events", "SELECT 1/0", "DELETE FROM events"}) {
        try (Connection l = DriverManager.getConnection(local())) {
          Failure local = failure(l, sql, true);
          SQLException remote = null;
          try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            drain(rs);
          } catch (SQLException e) {
            remote = e;
          }
          assertThat((Object) remote).as(sql).isNotNull();
          SQLException mapped = Errors.toSqlException(remote);
          assertThat(new Failure(mapped.getSQLState(), mapped.getMessage())).as(sql).isEqualTo(local);
        }
      }
    }
  }

  @Test
  void codeTooLargeForTheJvmIsAStatementTooComplex() throws SQLException {
    String sql = repeat("SELECT count(*) FROM events WHERE evt_num IN (0", ",#", 15_000, ")");
    assertThat(sql.length()).isLessThan(Limits.MAX_SQL_LENGTH);
    try (Connection c = DriverManager.getConnection(local())) {
      Failure f = failure(c, sql, false);
      assertThat(f.state()).isEqualTo("54001");
      assertThat(f.message()).startsWith("statement too complex: the code generated for it grows beyond");
    }
  }

  @Test
  void aStackOverflowInsideTheEngineIsAStatementTooComplex() throws Exception {
    // Within the nesting limit, but on threads with smaller stacks the engine's recursion overflows one.
    String sql = repeat("SELECT count(*) FROM events WHERE evt_num = -1", " OR evt_num = #", 240, "");
    try (Connection c = DriverManager.getConnection(local())) {
      Jdbc.rows(c, "SELECT 1");
      SQLException overflow = null;
      for (int kib : new int[] {512, 384, 256, 192, 160}) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
          try {
            outcome.set(Jdbc.rows(c, sql));
          } catch (Throwable e) {
            outcome.set(e);
          }
        }, "small-stack", kib * 1024L);
        t.start();
        t.join(60_000);
        if (outcome.get() instanceof List) {
          assertThat(outcome.get()).as(kib + " KiB").isEqualTo(List.of("239"));
          continue;
        }
        assertThat(outcome.get()).as(kib + " KiB").isInstanceOf(SQLException.class);
        overflow = (SQLException) outcome.get();
        break;
      }
      assertThat((Object) overflow).as("no stack was small enough to overflow").isNotNull();
      assertThat(overflow.getSQLState()).isEqualTo("54001");
      assertThat(overflow.getMessage()).isEqualTo("statement too complex: it nests too deeply for the SQL engine"
          + " (the thread's stack overflowed); simplify it, e.g. IN (...) instead of a chain of OR");
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events")).containsExactly("4143");
    }
  }

  @Test
  void runningOutOfMemoryIsOneSqlExceptionAndTheConnectionLivesOn() throws SQLException {
    // REPEAT asks for a 3 GB array at once: the JVM refuses it without filling the heap.
    Properties p = new Properties();
    p.setProperty("fun", "mysql");
    try (Connection c = DriverManager.getConnection(local(), p)) {
      Failure f = failure(c, "SELECT repeat('x', 1500000000)", false);
      assertThat(f.state()).isEqualTo("53200");
      assertThat(f.message()).startsWith("out of memory: the query needs more than the ")
          .endsWith("MiB this JVM may use; add a LIMIT or a filter, or give the JVM more memory (-Xmx)");
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events")).containsExactly("4143");
    }
  }

  @Test
  void aFileThatVanishesIsAnIoError() throws Exception {
    Path gone = dir.resolve("gone.scap");
    Files.copy(Fixtures.capture("cat_write.scap"), gone);
    try (Connection c = DriverManager.getConnection("jdbc:scap:" + gone)) {
      Files.delete(gone);
      Failure f = failure(c, "SELECT count(*) FROM events", false);
      assertThat(f.state()).isEqualTo("58030");
      assertThat(f.message()).contains(gone.toString()).doesNotContain("\n");
    }
  }

  @Test
  void longMessagesAreCut() {
    String huge = "x".repeat(50_000);
    SQLException e = Errors.toSqlException(new RuntimeException(huge));
    assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(Limits.MAX_MESSAGE_LENGTH)
        .endsWith("more characters)").startsWith("internal error: RuntimeException: xxx");
    assertThat(e.getSQLState()).isEqualTo("XX000");
  }
}
