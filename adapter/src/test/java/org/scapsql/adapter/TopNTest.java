package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scapsql.Fixtures;

/**
 * ORDER BY ... LIMIT over the events table: the scan keeps the best rows itself
 * (EXPLAIN shows sort and fetch on the scan, no sort above it), and the rows are
 * exactly those of a full sort followed by the limit, ties in file order.
 */
class TopNTest {
  private static Sql one;
  private static Sql two;

  @BeforeAll
  static void open() throws SQLException {
    one = Sql.of(Fixtures.capture("run_as_user_0_container.scap"));
    two = Sql.of(Fixtures.capture("cat_write.scap"), Fixtures.capture("syscall.scap"));
  }

  @AfterAll
  static void close() throws SQLException {
    one.close();
    two.close();
  }

  /** The first {@code n} rows, after {@code offset}, of the same query fully sorted with nothing pushed. */
  private static List<String> fullSortThenLimit(Sql sql, String query, int offset, int n) throws SQLException {
    List<String> all = sql.rows(query);
    return all.subList(Math.min(offset, all.size()), Math.min(offset + n, all.size()));
  }

  @Test
  void theIssuesQueryIsOneScanKeepingFiveRows() throws SQLException {
    String q = "SELECT * FROM events ORDER BY evt_rawtime DESC LIMIT 5";
    assertThat(one.plan(q)).isEqualTo(
        "EnumerableScapScan(table=[[scap, events]], sort=[evt_rawtime DESC], fetch=[5])");
    List<String> rows = one.rows(q);
    assertThat(rows).hasSize(5)
        .isEqualTo(fullSortThenLimit(one, "SELECT * FROM events ORDER BY evt_rawtime + 0 DESC", 0, 5));
    // The last event of the capture is the latest.
    assertThat(one.rows("SELECT evt_num FROM events ORDER BY evt_rawtime DESC LIMIT 1")).containsExactly("4143");
  }

  @Test
  void tiesKeepFileOrderAndNullsFollowTheirDirection() throws SQLException {
    // cat_write.scap starts with many events of one timestamp (the process table), some without a process name.
    String q = "SELECT evt_num, evt_rawtime, proc_name FROM events ORDER BY proc_name DESC, evt_rawtime LIMIT 40";
    assertThat(two.plan(q)).contains("sort=[proc_name DESC, evt_rawtime], fetch=[40]")
        .doesNotContain("EnumerableSort").doesNotContain("EnumerableLimit");
    assertThat(two.rows(q)).isEqualTo(fullSortThenLimit(two,
        "SELECT evt_num, evt_rawtime, proc_name FROM events ORDER BY proc_name || '' DESC, evt_rawtime + 0", 0, 40));
    assertThat(two.rows(q).get(0)).endsWith("|null");
    String last = "SELECT evt_num, proc_name FROM events ORDER BY proc_name NULLS FIRST, evt_num DESC LIMIT 7 OFFSET 3";
    assertThat(two.plan(last)).contains("sort=[proc_name NULLS FIRST, evt_num DESC], offset=[3], fetch=[7]");
    assertThat(two.rows(last)).isEqualTo(fullSortThenLimit(two,
        "SELECT evt_num, proc_name FROM events ORDER BY proc_name || '' NULLS FIRST, evt_num + 0 DESC", 3, 7));
  }

  @Test
  void overSeveralCapturesEvenEventNumbersSort() throws SQLException {
    // Event numbers restart in each capture: ORDER BY evt_num is not the file order here.
    String q = "SELECT capture, evt_num, evt_type FROM events ORDER BY evt_num, capture DESC LIMIT 6";
    assertThat(two.plan(q)).contains("sort=[evt_num, capture DESC], fetch=[6]");
    assertThat(two.rows(q)).containsExactly(
        "syscall.scap|1|" + two.rows("SELECT evt_type FROM events WHERE capture = 'syscall.scap' AND evt_num = 1").get(0),
        "cat_write.scap|1|" + two.rows("SELECT evt_type FROM events WHERE capture = 'cat_write.scap' AND evt_num = 1")
            .get(0),
        "syscall.scap|2|" + two.rows("SELECT evt_type FROM events WHERE capture = 'syscall.scap' AND evt_num = 2").get(0),
        "cat_write.scap|2|" + two.rows("SELECT evt_type FROM events WHERE capture = 'cat_write.scap' AND evt_num = 2")
            .get(0),
        "syscall.scap|3|" + two.rows("SELECT evt_type FROM events WHERE capture = 'syscall.scap' AND evt_num = 3").get(0),
        "cat_write.scap|3|" + two.rows("SELECT evt_type FROM events WHERE capture = 'cat_write.scap' AND evt_num = 3")
            .get(0));
  }

  @Test
  void filtersAndExpressionsAboveStayExact() throws SQLException {
    String q = "SELECT evt_num, upper(evt_type) AS t, evt_latency FROM events WHERE evt_dir = '<' AND evt_type IN"
        + " ('read', 'write') ORDER BY evt_latency DESC, evt_num LIMIT 10";
    assertThat(one.plan(q)).contains("EnumerableScapScan").contains("filter=[evt_type in [read, write] and evt_dir = '<']")
        .contains("sort=[evt_latency DESC, evt_num]").doesNotContain("EnumerableSort");
    assertThat(one.rows(q)).hasSize(10).isEqualTo(fullSortThenLimit(one,
        "SELECT evt_num, upper(evt_type) AS t, evt_latency FROM events WHERE evt_dir || '' = '<' AND evt_type || ''"
            + " IN ('read', 'write') ORDER BY evt_latency + 0 DESC, evt_num + 0", 0, 10));
  }

  @Test
  void limitZeroAndLimitsBeyondTheRowsWork() throws SQLException {
    assertThat(one.rows("SELECT evt_num FROM events ORDER BY evt_rawtime DESC LIMIT 0")).isEmpty();
    List<String> all = one.rows("SELECT evt_num FROM events WHERE evt_type = 'execve' ORDER BY evt_rawtime DESC"
        + " LIMIT 100000");
    assertThat(all).isEqualTo(one.rows("SELECT evt_num FROM events WHERE evt_type || '' = 'execve'"
        + " ORDER BY evt_rawtime + 0 DESC")).isNotEmpty();
  }

  @Test
  void onlyTheKeptEventsCostAWholeRow() throws SQLException {
    // Keys from the event header, rows that need the state tracker: one pass reads headers and keeps the
    // best keys, a second builds those rows only and stops after the last of them.
    ScanCounters.reset();
    List<String> first = one.rows("SELECT evt_args, proc_name FROM events ORDER BY evt_rawtime LIMIT 3");
    assertThat(ScanCounters.EVENTS_DECODED.get()).isLessThanOrEqualTo(3);
    assertThat(ScanCounters.EVENTS_TRACKED.get()).isLessThan(100);
    assertThat(ScanCounters.EVENTS_READ.get()).isLessThan(4143 + 100);
    assertThat(first).hasSize(3).isEqualTo(fullSortThenLimit(one,
        "SELECT evt_args, proc_name FROM events ORDER BY evt_rawtime + 0", 0, 3));
    // Latest first: every event is a new best while reading, yet only the kept ones are built.
    ScanCounters.reset();
    List<String> last = one.rows("SELECT evt_args, proc_name FROM events ORDER BY evt_rawtime DESC LIMIT 3");
    assertThat(ScanCounters.EVENTS_DECODED.get()).isLessThanOrEqualTo(3);
    assertThat(ScanCounters.EVENTS_READ.get()).isEqualTo(2 * 4143);
    assertThat(last).hasSize(3).isEqualTo(fullSortThenLimit(one,
        "SELECT evt_args, proc_name FROM events ORDER BY evt_rawtime + 0 DESC", 0, 3));
    // Keys that need the state tracker: one pass, building only the rows that enter the top.
    ScanCounters.reset();
    List<String> byName = one.rows("SELECT evt_args, proc_name FROM events ORDER BY proc_name, evt_num LIMIT 3");
    assertThat(ScanCounters.EVENTS_READ.get()).isEqualTo(4143);
    assertThat(ScanCounters.EVENTS_DECODED.get()).isLessThan(100);
    assertThat(byName).isEqualTo(fullSortThenLimit(one,
        "SELECT evt_args, proc_name FROM events ORDER BY proc_name || '', evt_num + 0", 0, 3));
  }

  @Test
  void otherSortsAreBoundedByCalcitesLimitSort() throws SQLException {
    // An expression key cannot be computed by the scan: the bounded sort above it keeps the limit's rows only.
    String q = "SELECT evt_num FROM events ORDER BY mod(evt_rawtime, 1000) DESC, evt_num LIMIT 4";
    String plan = one.plan(q);
    assertThat(plan).contains("EnumerableLimitSort").doesNotContain("EnumerableSort(");
    assertThat(one.rows(q)).isEqualTo(fullSortThenLimit(one,
        "SELECT evt_num FROM events ORDER BY mod(evt_rawtime, 1000) DESC, evt_num", 0, 4));
  }
}
