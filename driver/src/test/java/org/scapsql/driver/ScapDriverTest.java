package org.scapsql.driver;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.adapter.QueryControl;

class ScapDriverTest {
  @TempDir
  Path dir;

  private static Connection open(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Test
  void theServiceFileRegistersTheDriver() throws SQLException {
    assertThat(DriverManager.getDriver("jdbc:scap:/x.scap")).isInstanceOf(ScapDriver.class);
  }

  @Test
  void aFileUrlOpensTheCaptureInSchemaScap() throws SQLException {
    try (Connection c = open("jdbc:scap:" + Fixtures.capture("cat_write.scap"))) {
      assertThat(c.getSchema()).isEqualTo("scap");
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events")).containsExactly("345");
      // Lower-case names work unquoted, and so do other spellings.
      assertThat(Jdbc.rows(c, "select EVT_NUM from Events where evt_num = 1")).containsExactly("1");
      assertThat(Jdbc.rows(c, "select \"evt_num\" from scap.\"events\" where evt_num = 2")).containsExactly("2");
    }
  }

  @Test
  void dbeaversFileTemplateAndADirectoryWork() throws Exception {
    Files.copy(Fixtures.capture("cat_write.scap"), dir.resolve("a.scap"));
    Files.copy(Fixtures.capture("syscall.scap"), dir.resolve("b.scap"));
    try (Connection c = open("jdbc:scap:file=" + dir.resolve("b.scap"))) {
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events")).containsExactly("368");
    }
    try (Connection c = open("jdbc:scap:" + dir)) {
      assertThat(Jdbc.rows(c, "SELECT capture, count(*) FROM events GROUP BY capture ORDER BY capture"))
          .containsExactly("a.scap|345", "b.scap|368");
    }
  }

  @Test
  void urlPropertiesReachCalcite() throws SQLException {
    String url = "jdbc:scap:" + Fixtures.capture("cat_write.scap");
    try (Connection c = open(url + ";fun=standard")) {
      assertThatThrownBy(() -> Jdbc.rows(c, "SELECT LEFT('abc', 2)"))
          .isInstanceOf(SQLException.class).hasMessageContaining("No match found for function signature LEFT");
    }
    try (Connection c = open(url + ";fun=oracle")) {
      assertThat(Jdbc.rows(c, "SELECT nvl(CAST(NULL AS VARCHAR), 'x')")).containsExactly("x");
    }
    Properties info = new Properties();
    info.setProperty("fun", "mysql");
    info.setProperty("user", "ignored");
    info.setProperty("password", "ignored");
    try (Connection c = DriverManager.getConnection(url, info)) {
      assertThat(Jdbc.rows(c, "SELECT LEFT('abc', 1)")).containsExactly("a");
    }
    try (Connection c = open(url + ";caseSensitive=true")) {
      assertThatThrownBy(() -> Jdbc.rows(c, "SELECT EVT_NUM FROM events"))
          .isInstanceOf(SQLException.class).hasMessageContaining("Column 'EVT_NUM' not found");
    }
  }

  @Test
  void propertiesThatWouldSwapTheDataAreRefused() {
    String url = "jdbc:scap:" + Fixtures.capture("cat_write.scap");
    for (String p : new String[] {"model=inline:{}", "schemaFactory=x.Y", "schema=other", "schema.captures=/etc",
        "schemaType=JDBC"}) {
      assertThatThrownBy(() -> open(url + ";" + p)).as(p)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("is not supported: a scapsql connection reads the captures its URL names");
    }
  }

  @Test
  void missingCapturesGiveClearErrors() {
    assertThatThrownBy(() -> open("jdbc:scap:" + dir.resolve("nope.scap")))
        .isInstanceOf(SQLException.class).hasMessage(dir.resolve("nope.scap") + ": no such file or directory");
    assertThatThrownBy(() -> open("jdbc:scap:"))
        .isInstanceOf(SQLException.class).hasMessageStartingWith("no capture given: use jdbc:scap:/path/to/capture.scap");
    assertThatThrownBy(() -> open("jdbc:scap:" + dir))
        .isInstanceOf(SQLException.class).hasMessageContaining("no capture files");
  }

  @Test
  void writesAreRefusedOnEveryPath() throws SQLException {
    try (Connection c = open("jdbc:scap:" + Fixtures.capture("cat_write.scap")); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("INSERT INTO events (evt_num) VALUES (1)"))
          .isInstanceOf(SQLException.class).hasMessageContaining("read-only: INSERT is not allowed");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM events"))
          .hasMessageContaining("read-only: DELETE");
      assertThatThrownBy(() -> s.executeLargeUpdate("UPDATE events SET evt_num = 0"))
          .hasMessageContaining("read-only: UPDATE");
      assertThatThrownBy(() -> s.executeQuery("CREATE TABLE t (a INT)"))
          .hasMessageContaining("read-only: CREATE");
      assertThatThrownBy(() -> s.addBatch("DROP TABLE events"))
          .hasMessageContaining("read-only: DROP");
      assertThatThrownBy(() -> c.prepareStatement("INSERT INTO events (evt_num) VALUES (?)"))
          .hasMessageContaining("read-only: INSERT");
      // The connection is still usable afterwards (sysdig -r shows the same 20 mmap events).
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events WHERE evt_type = 'mmap'")).containsExactly("20");
    }
  }

  @Test
  void transactionCallsAreHarmless() throws SQLException {
    try (Connection c = open("jdbc:scap:" + Fixtures.capture("cat_write.scap"))) {
      assertThat(c.getAutoCommit()).isTrue();
      assertThatCode(() -> {
        c.setAutoCommit(false);
        c.commit();
        c.rollback();
        c.setReadOnly(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setAutoCommit(true);
      }).doesNotThrowAnyException();
      assertThat(c.isReadOnly()).isTrue();
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);
      assertThatThrownBy(c::setSavepoint).isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThatThrownBy(() -> c.prepareCall("{call x()}")).isInstanceOf(SQLFeatureNotSupportedException.class);
    }
    Connection closed = open("jdbc:scap:" + Fixtures.capture("cat_write.scap"));
    closed.close();
    assertThatThrownBy(closed::commit).isInstanceOf(SQLException.class).hasMessage("connection is closed");
  }

  @Test
  void aBadQueryGivesTheDatabasesMessage() throws SQLException {
    try (Connection c = open("jdbc:scap:" + Fixtures.capture("cat_write.scap"))) {
      assertThatThrownBy(() -> Jdbc.rows(c, "SELECT nope FROM events"))
          .isInstanceOf(SQLException.class).hasMessageContaining("Column 'nope' not found in any table");
      assertThatThrownBy(() -> Jdbc.rows(c, "SELECT * FROM no_such_table"))
          .isInstanceOf(SQLException.class).hasMessageContaining("Object 'no_such_table' not found");
    }
  }

  @Test
  void preparedStatementsTakeParameters() throws SQLException {
    try (Connection c = open("jdbc:scap:" + Fixtures.capture("cat_write.scap"));
        PreparedStatement ps = c.prepareStatement("SELECT evt_type FROM events WHERE evt_num = ?")) {
      ps.setLong(1, 2);
      assertThat(Jdbc.rows(ps.executeQuery())).containsExactly("procinfo");
      // The first event sysdig -r prints.
      ps.setLong(1, 131);
      assertThat(Jdbc.rows(ps.executeQuery())).containsExactly("execve");
      assertThat(ps.getConnection()).isSameAs(c);
    }
  }

  @Test
  void wrappersLeadBackToTheConnectionAndToCalcite() throws SQLException {
    try (Connection c = open("jdbc:scap:" + Fixtures.capture("cat_write.scap")); Statement s = c.createStatement()) {
      assertThat(s.getConnection()).isSameAs(c);
      assertThat(c.getMetaData().getConnection()).isSameAs(c);
      assertThat(c.isWrapperFor(CalciteConnection.class)).isTrue();
      assertThat(c.unwrap(CalciteConnection.class).getRootSchema().getSubSchemaNames()).contains("scap");
      assertThat(c.unwrap(Connection.class)).isSameAs(c);
    }
  }

  /**
   * The scan here cannot end before the timeout or the cancel on any machine (41
   * million events through a LIKE on their rendered arguments), so the statement must
   * be stopped, and by the right cause. The timeout counts from the start of the scan,
   * after planning, so the lower bound is the timeout itself; the upper bound is loose
   * because planning a first query in a cold JVM on a loaded machine takes seconds.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aQueryTimeoutAndCancelStopAScanThatCannotFinish() throws Exception {
    Path copies = Fixtures.manyCopies(dir, 10_000);
    String slow = "SELECT count(*) FROM events WHERE evt_args LIKE '%no such text%'";
    try (Connection c = open("jdbc:scap:" + copies)) {
      for (int round = 0; round < 2; round++) {
        // The second round runs warm: it must still time out, not finish.
        try (Statement s = c.createStatement()) {
          s.setQueryTimeout(1);
          long start = System.nanoTime();
          assertThatThrownBy(() -> Jdbc.rows(s.executeQuery(slow))).as("round " + round)
              .isInstanceOf(java.sql.SQLTimeoutException.class).hasMessage("query timed out")
              .hasRootCauseInstanceOf(QueryControl.QueryStoppedException.class).hasRootCauseMessage("query timed out");
          assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_000L, 30_000L);
          // A statement stopped by its timeout runs again.
          s.setQueryTimeout(0);
          assertThat(Jdbc.rows(s.executeQuery("SELECT count(*) FROM events WHERE capture = 'c000000.scap'")))
              .containsExactly("4143");
        }
      }
      try (Statement s = c.createStatement()) {
        CountDownLatch started = new CountDownLatch(1);
        Thread canceller = new Thread(() -> {
          try {
            started.await();
            Thread.sleep(300);
            s.cancel();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        canceller.start();
        long start = System.nanoTime();
        started.countDown();
        assertThatThrownBy(() -> Jdbc.rows(s.executeQuery(slow)))
            .isInstanceOf(SQLException.class).hasMessage("query cancelled")
            .hasRootCauseInstanceOf(QueryControl.QueryStoppedException.class).hasRootCauseMessage("query cancelled");
        canceller.join();
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(300L, 30_000L);
      }
      // The connection is still usable.
      assertThat(Jdbc.rows(c, "SELECT capture, evt_num FROM events LIMIT 1")).containsExactly("c000000.scap|1");
    }
  }
}
