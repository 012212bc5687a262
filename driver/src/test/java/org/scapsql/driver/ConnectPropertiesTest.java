package org.scapsql.driver;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings a URL passes to Calcite are checked when connecting: a typo is an error, not a silent default. */
class ConnectPropertiesTest {
  @TempDir
  Path dir;

  private static String url() {
    return "jdbc:scap:" + Fixtures.capture("cat_write.scap");
  }

  private static void refused(String suffix, String message) {
    assertThatThrownBy(() -> DriverManager.getConnection(url() + ";" + suffix).close())
        .as(suffix).isInstanceOf(SQLException.class).hasMessage(message)
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
  }

  @Test
  void unknownFunctionLibrariesAreRefused() {
    refused("fun=bogus", "bad connection property fun='bogus': not a function library; known: standard, spatial,"
        + " all, bigquery, calcite, hive, mssql, mysql, oracle, postgresql, redshift, snowflake, spark, clickhouse");
    refused("fun=postgresql,nope", "bad connection property fun='nope': not a function library; known: standard,"
        + " spatial, all, bigquery, calcite, hive, mssql, mysql, oracle, postgresql, redshift, snowflake, spark,"
        + " clickhouse");
  }

  @Test
  void invalidTimeZonesAndEnumsAreRefused() {
    refused("timeZone=Mars/Olympus", "bad connection property timeZone='Mars/Olympus': not a time zone (and only"
        + " UTC is supported)");
    refused("timeZone=EST", "timeZone=EST is not supported: scapsql's TIMESTAMP columns are instants in UTC, and"
        + " getTimestamp and getObject(column, Instant.class) return them right in any JVM time zone");
    refused("caseSensitive=maybe", "bad connection property caseSensitive='maybe': must be true or false");
    assertThatThrownBy(() -> DriverManager.getConnection(url() + ";lex=PYTHON").close())
        .hasMessageStartingWith("bad connection property lex='PYTHON': must be one of BIG_QUERY, JAVA, MYSQL");
  }

  @Test
  void validSettingsStillConnect() throws SQLException {
    for (String ok : new String[] {"fun=postgresql,mysql", "timeZone=UTC", "timeZone=Etc/UTC",
        "timeZone=GMT", "timeZone=+00:00", "caseSensitive=false", "lex=MYSQL"}) {
      try (Connection c = DriverManager.getConnection(url() + ";" + ok)) {
        assertThat(Jdbc.rows(c, "SELECT count(*) FROM capture")).as(ok).containsExactly("1");
      }
    }
  }

  @Test
  void theUrlsCaptureWinsOverAFileProperty() throws Exception {
    Files.copy(Fixtures.capture("syscall.scap"), dir.resolve("other.scap"));
    Properties info = new Properties();
    info.setProperty("file", dir.resolve("other.scap").toString());
    try (Connection c = DriverManager.getConnection(url(), info)) {
      assertThat(Jdbc.rows(c, "SELECT capture FROM capture")).containsExactly("cat_write.scap");
    }
    // DBeaver's template with an empty path still takes the property's file.
    try (Connection c = DriverManager.getConnection("jdbc:scap:", info)) {
      assertThat(Jdbc.rows(c, "SELECT capture FROM capture")).containsExactly("other.scap");
    }
  }
}
