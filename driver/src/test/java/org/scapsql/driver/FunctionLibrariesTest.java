package org.scapsql.driver;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.junit.jupiter.api.Test;

/**
 * The function libraries a connection has: the standard one and PostgreSQL's by
 * default, and what a URL's {@code fun=} names instead.
 */
class FunctionLibrariesTest {
  private static String url() {
    return "jdbc:scap:" + Fixtures.capture("cat_write.scap");
  }

  private static String one(Connection c, String expression) throws SQLException {
    List<String> rows = Jdbc.rows(c, "SELECT " + expression);
    assertThat(rows).as(expression).hasSize(1);
    return rows.get(0);
  }

  @Test
  void postgresqlFunctionsWorkByDefault() throws SQLException {
    try (Connection c = DriverManager.getConnection(url())) {
      assertThat(one(c, "regexp_replace('a-a-a', 'a', 'b')")).isEqualTo("b-a-a");
      assertThat(one(c, "regexp_replace('a-a-a', 'a', 'b', 'g')")).isEqualTo("b-b-b");
      assertThat(one(c, "regexp_replace('/proc/4242/stat', '[0-9]+', 'PID')")).isEqualTo("/proc/PID/stat");
      assertThat(one(c, "regexp_like('/etc/shadow', '^/etc/(passwd|shadow)$')")).isEqualTo("true");
      assertThat(one(c, "regexp_like('ABC', 'b', 'i')")).isEqualTo("true");
      assertThat(one(c, "split_part('10.0.0.1:443', ':', 2)")).isEqualTo("443");
      assertThat(one(c, "left('abcdef', 2) || right('abcdef', 2)")).isEqualTo("abef");
      assertThat(one(c, "strpos('abcdef', 'cd')")).isEqualTo("3");
      assertThat(one(c, "starts_with('/usr/bin/ls', '/usr/')")).isEqualTo("true");
      assertThat(one(c, "concat('a', NULL, 'b')")).isEqualTo("ab");
      assertThat(one(c, "concat_ws('/', 'a', NULL, 'b')")).isEqualTo("a/b");
      assertThat(one(c, "md5('a')")).isEqualTo("0cc175b9c0f1b6a831c399e269772661");
      assertThat(one(c, "'ABC' ILIKE 'a%'")).isEqualTo("true");
      assertThat(one(c, "to_char(TIMESTAMP '2024-01-02 03:04:05', 'YYYY-MM-DD HH24:MI')")).isEqualTo("2024-01-02 03:04");
      assertThat(one(c, "date_part('hour', TIMESTAMP '2024-01-02 03:04:05')")).isEqualTo("3");
      assertThat(one(c, "greatest(1, NULL, 3)")).isEqualTo("3");
      // ... on the captures' columns too.
      assertThat(Jdbc.rows(c, "SELECT string_agg(DISTINCT evt_type, ',' ORDER BY evt_type) FROM events"
          + " WHERE evt_num <= 3")).containsExactly("procinfo");
      // The standard functions are untouched.
      assertThat(one(c, "char_length('abc') + position('b' IN 'abc') + ceil(1.5) + floor(2.5)")).isEqualTo("9");
      assertThat(one(c, "substring('abcdef' FROM 2 FOR 3)")).isEqualTo("bcd");
      assertThat(one(c, "floor(TIMESTAMP '2024-01-02 03:04:05' TO HOUR)")).isEqualTo("2024-01-02 03:00:00");
      assertThat(one(c, "power(2, 10)")).isEqualTo("1024.0");
      // BigQuery's are not on by default.
      assertThatThrownBy(() -> one(c, "timestamp_seconds(0)")).isInstanceOf(SQLException.class)
          .hasMessageContaining("No match found for function signature timestamp_seconds");
    }
  }

  @Test
  void aUrlsFunReplacesTheDefault() throws SQLException {
    try (Connection c = DriverManager.getConnection(url() + ";fun=bigquery")) {
      assertThat(one(c, "timestamp_seconds(0)")).isEqualTo("1970-01-01 00:00:00");
      assertThat(one(c, "regexp_replace('a-a-a', 'a', 'b')")).isEqualTo("b-b-b");
      assertThat(one(c, "contains_substr('/etc/Shadow', 'shadow')")).isEqualTo("true");
      assertThatThrownBy(() -> one(c, "split_part('a:b', ':', 2)")).isInstanceOf(SQLException.class)
          .hasMessageContaining("No match found for function signature split_part");
    }
    try (Connection c = DriverManager.getConnection(url() + ";fun=standard")) {
      assertThatThrownBy(() -> one(c, "left('abc', 2)")).isInstanceOf(SQLException.class)
          .hasMessageContaining("No match found for function signature left");
    }
    Properties info = new Properties();
    info.setProperty("fun", "MySQL");
    try (Connection c = DriverManager.getConnection(url(), info)) {
      assertThat(one(c, "left('abc', 1)")).isEqualTo("a");
      assertThat(one(c, "regexp_replace('a-a-a', 'a', 'b')")).isEqualTo("b-b-b");
    }
    try (Connection c = DriverManager.getConnection(url() + ";fun=postgresql,bigquery")) {
      assertThat(one(c, "split_part('a:b', ':', 2) || timestamp_seconds(0)")).isEqualTo("b1970-01-01 00:00:00");
    }
  }

  @Test
  void anUnknownLibraryIsRefusedAtConnect() {
    assertThatThrownBy(() -> DriverManager.getConnection(url() + ";fun=postgresql,cobol"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
        .hasMessage("bad connection property fun='cobol': not a function library; known: standard, spatial, all,"
            + " bigquery, calcite, hive, mssql, mysql, oracle, postgresql, redshift, snowflake, spark, clickhouse");
  }

  /**
   * Why BigQuery is not in the default: its functions that share a name with
   * PostgreSQL's or the standard ones mean something else, and Calcite then picks one
   * without a word. The default itself adds only PostgreSQL's POWER beside the
   * standard one, which agrees with it.
   */
  @Test
  void theDefaultLibrariesDoNotDisagreeOnAName() {
    Set<String> standard = clashes("standard");
    Set<String> byDefault = new TreeSet<>(clashes(ScapDriver.DEFAULT_FUN));
    byDefault.removeAll(standard);
    assertThat(byDefault).containsExactly("POWER");
    Set<String> withBigQuery = new TreeSet<>(clashes(ScapDriver.DEFAULT_FUN + ",bigquery"));
    withBigQuery.removeAll(standard);
    assertThat(withBigQuery).containsExactly("CEIL", "CONCAT", "FLOOR", "GREATEST", "LEAST", "LOG", "POWER",
        "REGEXP_REPLACE", "SUBSTR");
  }

  /** Names (with syntax) served by two operators whose argument counts overlap. */
  private static Set<String> clashes(String fun) {
    Map<String, List<SqlOperator>> byName = new TreeMap<>();
    List<SqlOperator> ops = SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.parse(fun))
        .getOperatorList();
    for (SqlOperator op : ops) {
      byName.computeIfAbsent(op.getName() + (op.getSyntax().toString().equals("FUNCTION") ? "" : " " + op.getSyntax()),
          k -> new ArrayList<>()).add(op);
    }
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, List<SqlOperator>> e : byName.entrySet()) {
      List<SqlOperator> same = e.getValue();
      for (int i = 0; i < same.size(); i++) {
        for (int j = i + 1; j < same.size(); j++) {
          if (overlap(same.get(i), same.get(j))) {
            out.add(e.getKey());
          }
        }
      }
    }
    return out;
  }

  private static boolean overlap(SqlOperator a, SqlOperator b) {
    int aMax = a.getOperandCountRange().getMax() < 0 ? Integer.MAX_VALUE : a.getOperandCountRange().getMax();
    int bMax = b.getOperandCountRange().getMax() < 0 ? Integer.MAX_VALUE : b.getOperandCountRange().getMax();
    return a.getOperandCountRange().getMin() <= bMax && b.getOperandCountRange().getMin() <= aMax;
  }
}
