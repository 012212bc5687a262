package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapsql.Fixtures;

/**
 * Time windows whose bounds come from another event ("within 0.5 s of event N"): as
 * scalar subqueries, a JOIN or a WITH, they run as one window scan (EXPLAIN shows it, with
 * the scan that computes its bounds), and give the rows of the same window written with
 * literal bounds (for several bound rows, one literal window per row).
 */
class WindowScanTest {
  private static final String COLS = "evt_num, evt_rawtime, evt_type, proc_name, fd_name";
  private static final String E_COLS = "e.evt_num, e.evt_rawtime, e.evt_type, e.proc_name, e.fd_name";
  private static final long HALF_SECOND = 500_000_000L;
  private static final String WINDOW_SCAN = "EnumerableScapWindowScan(table=[[scap, events]]";

  private static final List<Sql> OPEN = new ArrayList<>();
  /** One connection per fixture, shared by the parameterized cases (JUnit would close an argument). */
  private static final Map<String, Sql> BY_NAME = new HashMap<>();

  @AfterAll
  static void close() throws SQLException {
    for (Sql s : OPEN) {
      s.close();
    }
  }

  private static Sql named(String name) throws SQLException {
    Sql s = BY_NAME.get(name);
    if (s == null) {
      s = sql(Fixtures.capture(name));
      BY_NAME.put(name, s);
    }
    return s;
  }

  private static Sql sql(Path... captures) throws SQLException {
    Sql s = Sql.of(captures);
    OPEN.add(s);
    return s;
  }

  /** An event at each capture's start, in its middle and at its end, on an old and a current capture. */
  static Stream<Arguments> events() throws SQLException {
    List<Arguments> out = new ArrayList<>();
    for (String name : List.of("run_as_user_0_container.scap", "modern-small.scap.gz", "ping_sendto.scap")) {
      Sql s = named(name);
      long last = Long.parseLong(s.rows("SELECT max(evt_num) FROM events").get(0));
      for (long num : List.of(1L, last / 2, last)) {
        out.add(Arguments.of(name, num));
      }
    }
    return out.stream();
  }

  private static long rawtime(Sql s, long num) throws SQLException {
    return Long.parseLong(s.rows("SELECT evt_rawtime FROM events WHERE evt_num = " + num).get(0));
  }

  private static String at(long num) {
    return "(SELECT evt_rawtime FROM events WHERE evt_num = " + num + ")";
  }

  private static String shifted(long num, String op) {
    return "(SELECT evt_rawtime " + op + " " + HALF_SECOND + " FROM events WHERE evt_num = " + num + ")";
  }

  /** The window query's plan has the window scan, its rows equal the expected ones, and they are not all empty. */
  private static void sameRows(Sql s, String window, List<String> expected) throws SQLException {
    assertThat(s.plan(window)).as(window).contains(WINDOW_SCAN);
    assertThat(s.rows(window)).as(window).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} event {1}")
  @MethodSource("events")
  void scalarSubqueriesGiveTheLiteralWindow(String name, long num) throws SQLException {
    Sql s = named(name);
    long t = rawtime(s, num);
    List<String> literal = s.rows("SELECT " + COLS + " FROM events WHERE evt_rawtime BETWEEN "
        + (t - HALF_SECOND) + " AND " + (t + HALF_SECOND));
    assertThat(literal).contains(s.rows("SELECT " + COLS + " FROM events WHERE evt_num = " + num).get(0));
    // Nothing pushed: the reference the literal window itself must equal.
    assertThat(s.rows("SELECT " + COLS + " FROM events WHERE abs(evt_rawtime) BETWEEN "
        + (t - HALF_SECOND) + " AND " + (t + HALF_SECOND))).isEqualTo(literal);
    sameRows(s, "SELECT " + COLS + " FROM events WHERE evt_rawtime BETWEEN " + shifted(num, "-") + " AND "
        + shifted(num, "+"), literal);
  }

  @ParameterizedTest(name = "{0} event {1}")
  @MethodSource("events")
  void joinAndWithGiveTheLiteralWindow(String name, long num) throws SQLException {
    Sql s = named(name);
    long t = rawtime(s, num);
    List<String> literal = s.rows("SELECT " + COLS + " FROM events WHERE evt_rawtime BETWEEN "
        + (t - HALF_SECOND) + " AND " + (t + HALF_SECOND));
    String w = "(SELECT evt_rawtime AS t FROM events WHERE evt_num = " + num + ")";
    sameRows(s, "SELECT " + E_COLS + " FROM events e JOIN " + w + " w ON e.evt_rawtime BETWEEN w.t - "
        + HALF_SECOND + " AND w.t + " + HALF_SECOND, literal);
    sameRows(s, "WITH w AS " + w + " SELECT " + E_COLS + " FROM events e, w WHERE e.evt_rawtime >= w.t - "
        + HALF_SECOND + " AND e.evt_rawtime <= w.t + " + HALF_SECOND, literal);
    sameRows(s, "WITH w AS " + w + " SELECT " + E_COLS + " FROM w JOIN events e ON e.evt_rawtime BETWEEN w.t - "
        + HALF_SECOND + " AND w.t + " + HALF_SECOND, literal);
    // The bound row's columns come along, as the join's do.
    List<String> withT = new ArrayList<>();
    for (String r : literal) {
      withT.add(r + "|" + t);
    }
    sameRows(s, "SELECT " + E_COLS + ", w.t FROM events e JOIN " + w + " w ON e.evt_rawtime BETWEEN w.t - "
        + HALF_SECOND + " AND w.t + " + HALF_SECOND, withT);
  }

  @Test
  void everyComparisonBoundsAsItsLiteralDoes() throws SQLException {
    Sql s = sql(Fixtures.capture("run_as_user_0_container.scap"));
    long num = 2000;
    long t = rawtime(s, num);
    long later = t + 100_000_000L;
    String upper = "(SELECT evt_rawtime + 100000000 FROM events WHERE evt_num = " + num + ")";
    String[][] cases = {
        {"evt_rawtime > " + at(num) + " AND evt_rawtime < " + upper,
            "evt_rawtime > " + t + " AND evt_rawtime < " + later},
        {"evt_rawtime >= " + at(num) + " AND evt_rawtime <= " + upper,
            "evt_rawtime >= " + t + " AND evt_rawtime <= " + later},
        {at(num) + " < evt_rawtime AND " + upper + " >= evt_rawtime",
            "evt_rawtime > " + t + " AND evt_rawtime <= " + later},
        {"evt_rawtime >= " + upper, "evt_rawtime >= " + later},
        {"evt_rawtime < " + at(num), "evt_rawtime < " + t},
        {"evt_rawtime = " + at(num), "evt_rawtime = " + t},
        {"evt_rawtime BETWEEN " + at(num) + " AND " + upper + " AND evt_type = 'read'",
            "evt_rawtime BETWEEN " + t + " AND " + later + " AND evt_type = 'read'"},
    };
    for (String[] c : cases) {
      List<String> literal = s.rows("SELECT " + COLS + " FROM events WHERE " + c[1]);
      assertThat(literal).as(c[1]).isNotEmpty();
      sameRows(s, "SELECT " + COLS + " FROM events WHERE " + c[0], literal);
    }
  }

  @Test
  void windowsOnEventTimeAndEventNumbers() throws SQLException {
    Sql s = sql(Fixtures.capture("modern-small.scap.gz"));
    String timeWindow = "SELECT " + COLS + " FROM events WHERE evt_time BETWEEN"
        + " (SELECT evt_time - INTERVAL '0.25' SECOND FROM events WHERE evt_num = 20000)"
        + " AND (SELECT evt_time + INTERVAL '0.25' SECOND FROM events WHERE evt_num = 20000)";
    // JDBC's text of a TIMESTAMP keeps the milliseconds (a CAST to VARCHAR would not).
    List<String> bounds = s.rows("SELECT evt_time - INTERVAL '0.25' SECOND, evt_time + INTERVAL '0.25' SECOND"
        + " FROM events WHERE evt_num = 20000");
    String[] fromTo = bounds.get(0).split("\\|");
    List<String> literal = s.rows("SELECT " + COLS + " FROM events WHERE evt_time BETWEEN TIMESTAMP '" + fromTo[0]
        + "' AND TIMESTAMP '" + fromTo[1] + "'");
    assertThat(literal).hasSizeGreaterThan(100);
    sameRows(s, timeWindow, literal);

    String numWindow = "SELECT e." + COLS.replace(", ", ", e.") + " FROM events e JOIN (SELECT evt_num AS n"
        + " FROM events WHERE evt_rawtime = (SELECT max(evt_rawtime) FROM events WHERE evt_type = 'execve')) x"
        + " ON e.evt_num BETWEEN x.n - 20 AND x.n + 20";
    long n = Long.parseLong(s.rows("SELECT evt_num FROM events WHERE evt_rawtime = (SELECT max(evt_rawtime)"
        + " FROM events WHERE evt_type = 'execve')").get(0));
    List<String> numbers = s.rows("SELECT " + COLS + " FROM events WHERE evt_num BETWEEN " + (n - 20) + " AND "
        + (n + 20));
    assertThat(numbers).hasSize(41);
    sameRows(s, numWindow, numbers);
  }

  @Test
  void countInAWindow() throws SQLException {
    Sql s = sql(Fixtures.capture("run_as_user_0_container.scap"));
    long t = rawtime(s, 3000);
    String q = "SELECT evt_type, count(*) FROM events WHERE evt_rawtime BETWEEN " + shifted(3000, "-") + " AND "
        + shifted(3000, "+") + " GROUP BY evt_type ORDER BY evt_type";
    sameRows(s, q, s.rows("SELECT evt_type, count(*) FROM events WHERE evt_rawtime BETWEEN " + (t - HALF_SECOND)
        + " AND " + (t + HALF_SECOND) + " GROUP BY evt_type ORDER BY evt_type"));
  }

  @Test
  void anEventThatDoesNotExistGivesNoRows() throws SQLException {
    Sql s = sql(Fixtures.capture("run_as_user_0_container.scap"));
    long missing = 99_999_999L;
    String w = "(SELECT evt_rawtime AS t FROM events WHERE evt_num = " + missing + ")";
    for (String q : List.of(
        "SELECT " + COLS + " FROM events WHERE evt_rawtime BETWEEN " + shifted(missing, "-") + " AND "
            + shifted(missing, "+"),
        "SELECT " + E_COLS + " FROM events e JOIN " + w + " w ON e.evt_rawtime BETWEEN w.t - 1 AND w.t + 1",
        "WITH w AS " + w + " SELECT " + E_COLS + " FROM events e, w WHERE e.evt_rawtime BETWEEN w.t AND w.t")) {
      assertThat(s.plan(q)).as(q).contains(WINDOW_SCAN);
      assertThat(s.rows(q)).as(q).isEmpty();
    }
  }

  @Test
  void aSubqueryOfSeveralRowsFailsAsCalciteFailsIt() throws SQLException {
    Sql s = sql(Fixtures.capture("run_as_user_0_container.scap"));
    String window = "SELECT " + COLS + " FROM events WHERE evt_rawtime BETWEEN"
        + " (SELECT evt_rawtime FROM events WHERE evt_type = 'read') AND " + shifted(10, "+");
    assertThat(s.plan(window)).contains(WINDOW_SCAN);
    String nestedLoop = window.replace("WHERE evt_rawtime BETWEEN", "WHERE abs(evt_rawtime) BETWEEN");
    assertThat(s.plan(nestedLoop)).doesNotContain(WINDOW_SCAN);
    String calcites = message(s, nestedLoop);
    assertThat(calcites).contains("more than one value");
    assertThat(message(s, window)).isEqualTo(calcites);
  }

  private static String message(Sql s, String q) {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(() -> s.rows(q)).satisfies(t -> thrown[0] = t);
    Throwable t = thrown[0];
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /**
   * Over two captures event numbers repeat: the bound side has one row per capture, so two
   * windows, and each event inside one comes once per window that holds it, as in the join.
   */
  @Test
  void severalBoundRowsAreSeveralWindows() throws SQLException {
    Sql s = sql(Fixtures.capture("run_as_user_0_container.scap"), Fixtures.capture("ping_sendto.scap"));
    String q = "SELECT e.capture, " + E_COLS + ", w.c FROM events e JOIN (SELECT evt_rawtime AS t, capture AS c"
        + " FROM events WHERE evt_num IN (100, 1200)) w ON e.evt_rawtime BETWEEN w.t - 300000000 AND w.t + 300000000"
        + " AND e.evt_type <> 'switch'";
    assertThat(s.plan(q)).contains(WINDOW_SCAN);
    // The reference: each bound row's window with literal bounds, one after the other.
    List<String> literal = new ArrayList<>();
    for (String bound : s.rows("SELECT evt_rawtime, capture FROM events WHERE evt_num IN (100, 1200)")) {
      String[] tc = bound.split("\\|");
      long t = Long.parseLong(tc[0]);
      literal.addAll(s.rows("SELECT capture, " + COLS + ", '" + tc[1] + "' FROM events WHERE evt_rawtime BETWEEN "
          + (t - 300_000_000L) + " AND " + (t + 300_000_000L) + " AND evt_type <> 'switch'"));
    }
    assertThat(literal).hasSizeGreaterThan(100);
    assertThat(sorted(s.rows(q))).isEqualTo(sorted(literal));
  }

  /** A join condition beyond the bounds stays a filter above the window, on the join's columns. */
  @Test
  void otherJoinConditionsStayAbove() throws SQLException {
    Sql s = sql(Fixtures.capture("run_as_user_0_container.scap"));
    String q = "SELECT " + E_COLS + " FROM events e JOIN (SELECT evt_rawtime AS t, thread_tid AS tid FROM events"
        + " WHERE evt_num = 2500) w ON e.evt_rawtime BETWEEN w.t - 200000000 AND w.t + 200000000"
        + " AND e.thread_tid <> w.tid";
    assertThat(s.plan(q)).contains(WINDOW_SCAN);
    String[] ttid = s.rows("SELECT evt_rawtime, thread_tid FROM events WHERE evt_num = 2500").get(0).split("\\|");
    long t = Long.parseLong(ttid[0]);
    List<String> literal = s.rows("SELECT " + COLS + " FROM events WHERE evt_rawtime BETWEEN " + (t - 200_000_000L)
        + " AND " + (t + 200_000_000L) + " AND thread_tid <> " + ttid[1]);
    assertThat(literal).isNotEmpty();
    assertThat(s.rows(q)).isEqualTo(literal);
  }

  /**
   * A join on a key as well as a time range, with many rows on the other side, stays
   * Calcite's hash join (each event meets only its key's rows); with one row it is a window.
   */
  @Test
  void keyedJoinsOverManyRowsStayHashJoins() throws SQLException {
    Sql s = sql(Fixtures.capture("run_as_user_0_container.scap"));
    String many = "SELECT " + E_COLS + " FROM events e JOIN (SELECT evt_rawtime AS t, thread_tid AS tid FROM events"
        + " WHERE evt_type = 'read') w ON e.thread_tid = w.tid AND e.evt_rawtime BETWEEN w.t AND w.t + 1000";
    assertThat(s.plan(many)).doesNotContain(WINDOW_SCAN).contains("HashJoin");
    String one = "SELECT " + COLS + " FROM events WHERE thread_tid = (SELECT thread_tid FROM events"
        + " WHERE evt_num = 2500) AND evt_rawtime BETWEEN " + shifted(2500, "-") + " AND " + shifted(2500, "+");
    assertThat(s.plan(one)).contains(WINDOW_SCAN);
    String[] ttid = s.rows("SELECT evt_rawtime, thread_tid FROM events WHERE evt_num = 2500").get(0).split("\\|");
    long t = Long.parseLong(ttid[0]);
    List<String> literal = s.rows("SELECT " + COLS + " FROM events WHERE thread_tid = " + ttid[1]
        + " AND evt_rawtime BETWEEN " + (t - HALF_SECOND) + " AND " + (t + HALF_SECOND));
    assertThat(literal).isNotEmpty();
    assertThat(s.rows(one)).isEqualTo(literal);
  }

  @Test
  void explainShowsTheBoundsAndTheirSource() throws SQLException {
    Sql s = sql(Fixtures.capture("run_as_user_0_container.scap"));
    String plan = s.plan("SELECT e.evt_num FROM events e JOIN (SELECT evt_rawtime AS t FROM events"
        + " WHERE evt_num = 2500) w ON e.evt_rawtime BETWEEN w.t - 1000 AND w.t + 1000");
    assertThat(plan).contains(WINDOW_SCAN + ", columns=[[evt_num, evt_rawtime]],"
        + " window=[evt_rawtime >= from and evt_rawtime <= until])");
    assertThat(plan).contains("EnumerableScapScan(table=[[scap, events]], filter=[evt_num in [2500, 2501)]");
    assertThat(plan).doesNotContain("NestedLoopJoin");
  }

  private static List<String> sorted(List<String> rows) {
    List<String> out = new ArrayList<>(rows);
    out.sort(null);
    return out;
  }
}
