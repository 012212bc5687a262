package org.scapsql.driver;

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
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    try (Connection c = open(url)) {
      assertThatThrownBy(() -> Jdbc.rows(c, "SELECT LEFT('abc', 2)"))
          .isInstanceOf(SQLException.class).hasMessageContaining("No match found for function signature LEFT");
    }
    try (Connection c = open(url + ";fun=postgresql")) {
      assertThat(Jdbc.rows(c, "SELECT LEFT('abc', 2)")).containsExactly("ab");
    }
    Properties info = new Properties();
    info.setProperty("fun", "mysql");
    info.setProperty("user", "ignored");
    info.setProperty("password", "ignored");
    try (Connection c = DriverManager.getConnection(url, info)) {
      assertThat(Jdbc.rows(c, "SELECT LEFT('abc', 1)")).containsExactly("a");
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
      // The connection is still usable afterwards.
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events WHERE evt_type = 'write'")).hasSize(1);
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
      assertThat(Jdbc.rows(ps.executeQuery())).hasSize(1);
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

  @Test
  void aQueryTimeoutAndCancelStopALongScan() throws Exception {
    Path big = Fixtures.big(dir, 10);
    // Every event against every event type: hours of work, however fast the machine, so only a stop ends it.
    String slow = "SELECT count(*) FROM events a, events b WHERE a.evt_args LIKE '%' || b.evt_type || ' nothing%'";
    try (Connection c = open("jdbc:scap:" + big)) {
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> Jdbc.rows(s.executeQuery(slow))).isInstanceOf(java.sql.SQLTimeoutException.class)
            .hasMessage("query timed out");
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 5_000L);
        // A statement stopped by its timeout runs again.
        s.setQueryTimeout(0);
        assertThat(Jdbc.rows(s.executeQuery("SELECT count(*) FROM events WHERE evt_num = 1"))).containsExactly("1");
      }
      try (Statement s = c.createStatement()) {
        Thread canceller = new Thread(() -> {
          try {
            Thread.sleep(300);
            s.cancel();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        long start = System.nanoTime();
        canceller.start();
        assertThatThrownBy(() -> Jdbc.rows(s.executeQuery(slow))).isInstanceOf(SQLException.class)
            .hasMessage("query cancelled");
        canceller.join();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000L);
      }
    }
  }
}
