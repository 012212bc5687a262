package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scapsql.Fixtures;

/**
 * Each kind of pushdown, proven twice: EXPLAIN shows it in the scan, and the rows
 * equal those of the same query written so that nothing can be pushed.
 */
class PushdownTest {
  private static Sql sql;

  @BeforeAll
  static void open() throws SQLException {
    sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"));
  }

  @AfterAll
  static void close() throws SQLException {
    sql.close();
  }

  private static String scan(String filterAndMore) {
    return "EnumerableScapScan(table=[[scap, events]], " + filterAndMore + ")";
  }

  /** The same query with every predicate hidden from the planner inside an expression. */
  private static void sameRowsAs(String pushed, String opaque) throws SQLException {
    assertThat(sql.rows(pushed)).isEqualTo(sql.rows(opaque)).isNotEmpty();
  }

  @Test
  void eventTypeAndDirection() throws SQLException {
    String q = "SELECT evt_num, fd_name FROM events WHERE evt_type = 'open' AND evt_dir = '<'";
    assertThat(sql.plan(q)).isEqualTo(scan("filter=[evt_type in [open] and evt_dir = '<'], columns=[[evt_num, fd_name]]"));
    sameRowsAs(q, "SELECT evt_num, fd_name FROM events WHERE evt_type || '' = 'open' AND evt_dir || '' = '<'");
  }

  @Test
  void inListsOfTypesAndThreads() throws SQLException {
    String q = "SELECT evt_num FROM events WHERE evt_type IN ('read', 'write') AND thread_tid IN (13794, 1141)";
    assertThat(sql.plan(q)).isEqualTo(
        scan("filter=[evt_type in [read, write] and thread_tid in [1141, 13794]], columns=[[evt_num]]"));
    sameRowsAs(q, "SELECT evt_num FROM events WHERE evt_type || '' IN ('read', 'write')"
        + " AND thread_tid + 0 IN (13794, 1141)");
  }

  @Test
  void genericSyscallNamesAreTypes() throws SQLException {
    String q = "SELECT count(*) FROM events WHERE evt_type = 'clock_gettime'";
    // The count runs inside the scan too: nothing but the count leaves it.
    assertThat(sql.plan(q)).isEqualTo(
        scan("filter=[evt_type in [clock_gettime]], aggregate=[group=[], aggregates=[COUNT()]]"));
    assertThat(sql.rows(q)).containsExactly("314");
  }

  @Test
  void categoryNeedsTheFdTypeAndIsStillExact() throws SQLException {
    String q = "SELECT evt_num, evt_type FROM events WHERE evt_category = 'net'";
    assertThat(sql.plan(q)).isEqualTo(scan("filter=[evt_category in [net]], columns=[[evt_num, evt_type]]"));
    sameRowsAs(q, "SELECT evt_num, evt_type FROM events WHERE evt_category || '' = 'net'");
  }

  @Test
  void timeRangesOnRawTimeAndTimestamp() throws SQLException {
    String q = "SELECT evt_num FROM events WHERE evt_rawtime BETWEEN 1562711472093000000 AND 1562711472094000000";
    assertThat(sql.plan(q)).isEqualTo(
        scan("filter=[evt_rawtime in [1562711472093000000, 1562711472094000001)], columns=[[evt_num]]"));
    sameRowsAs(q, "SELECT evt_num FROM events WHERE evt_rawtime + 0 BETWEEN 1562711472093000000"
        + " AND 1562711472094000000");
    String t = "SELECT evt_num FROM events WHERE evt_time >= TIMESTAMP '2019-07-09 22:31:12.093'"
        + " AND evt_time < TIMESTAMP '2019-07-09 22:31:12.095'";
    assertThat(sql.plan(t)).isEqualTo(
        scan("filter=[evt_rawtime in [1562711472093000000, 1562711472095000000)], columns=[[evt_num]]"));
    sameRowsAs(t, "SELECT evt_num FROM events WHERE evt_rawtime + 0 >= 1562711472093000000"
        + " AND evt_rawtime + 0 < 1562711472095000000");
  }

  @Test
  void processThreadAndFd() throws SQLException {
    String q = "SELECT evt_num, evt_type FROM events WHERE proc_pid = 32052 AND fd_num = 3";
    assertThat(sql.plan(q)).isEqualTo(
        scan("filter=[proc_pid in [32052] and fd_num in [3]], columns=[[evt_num, evt_type]]"));
    sameRowsAs(q, "SELECT evt_num, evt_type FROM events WHERE proc_pid + 0 = 32052 AND fd_num + 0 = 3");
  }

  @Test
  void failedCalls() throws SQLException {
    String q = "SELECT evt_num, evt_res FROM events WHERE evt_failed";
    assertThat(sql.plan(q)).isEqualTo(scan("filter=[evt_failed = true], columns=[[evt_num, evt_res]]"));
    sameRowsAs(q, "SELECT evt_num, evt_res FROM events WHERE evt_rawres < 0");
    assertThat(sql.plan("SELECT evt_num FROM events WHERE NOT evt_failed"))
        .isEqualTo(scan("filter=[evt_failed = false], columns=[[evt_num]]"));
  }

  @Test
  void aPartialConjunctionLeavesTheRestToCalcite() throws SQLException {
    String q = "SELECT evt_num FROM events WHERE evt_type = 'read' AND proc_name LIKE 's%'";
    assertThat(sql.plan(q)).isEqualTo(String.join("\n",
        "EnumerableCalc(expr#0..2=[{inputs}], expr#3=['s%'], expr#4=[LIKE($t2, $t3)], evt_num=[$t0], $condition=[$t4])",
        "  " + scan("filter=[evt_type in [read]], columns=[[evt_num, evt_type, proc_name]]")));
    sameRowsAs(q, "SELECT evt_num FROM events WHERE evt_type || '' = 'read' AND proc_name LIKE 's%'");
  }

  @Test
  void limitAndOffsetStopTheScan() throws SQLException {
    String q = "SELECT evt_num FROM events WHERE evt_type = 'write' LIMIT 3 OFFSET 2";
    assertThat(sql.plan(q)).isEqualTo(scan("filter=[evt_type in [write]], columns=[[evt_num]], offset=[2], fetch=[3]"));
    assertThat(sql.rows(q)).isEqualTo(sql.rows(
        "SELECT evt_num FROM events WHERE evt_type = 'write' ORDER BY evt_num LIMIT 3 OFFSET 2"));
  }

  @Test
  void aFilterAboveALimitIsNotPushedBelowIt() throws SQLException {
    String q = "SELECT evt_num FROM (SELECT evt_num, evt_type FROM events LIMIT 50) WHERE evt_type = 'switch'";
    String plan = sql.plan(q);
    assertThat(plan).contains(scan("columns=[[evt_num, evt_type]], fetch=[50]")).contains("expr#2=['switch':VARCHAR], expr#3=[=($t1, $t2)]");
    assertThat(sql.rows(q)).isEqualTo(sql.rows(
        "SELECT evt_num FROM events WHERE evt_type || '' = 'switch' AND evt_num + 0 <= 50")).hasSize(37);
  }

  @Test
  void orderedLimitsKeepTheirRowsInTheScan() throws SQLException {
    // The scan reads every event but keeps only the best 3 (TopNTest checks the rows).
    String plan = sql.plan("SELECT evt_num FROM events ORDER BY evt_rawtime DESC LIMIT 3");
    assertThat(plan).contains(scan("columns=[[evt_num, evt_rawtime]], sort=[evt_rawtime DESC], fetch=[3]"))
        .doesNotContain("EnumerableSort");
  }

  @Test
  void aLimitInEventNumberOrderIsTheFileOrder() throws SQLException {
    String q = "SELECT evt_num, evt_type FROM events WHERE evt_type = 'write' ORDER BY evt_num LIMIT 3";
    assertThat(sql.plan(q)).contains(scan("filter=[evt_type in [write]], columns=[[evt_num, evt_type]], fetch=[3]"));
    assertThat(sql.rows(q)).isEqualTo(sql.rows(
        "SELECT evt_num, evt_type FROM events WHERE evt_type || '' = 'write' ORDER BY evt_num + 0 LIMIT 3"));
    // Descending is not the file order: the scan reads everything, keeping the last 3.
    assertThat(sql.plan("SELECT evt_num FROM events ORDER BY evt_num DESC LIMIT 3"))
        .isEqualTo(scan("columns=[[evt_num]], sort=[evt_num DESC], fetch=[3]"));
    assertThat(sql.rows("SELECT evt_num FROM events ORDER BY evt_num DESC LIMIT 3"))
        .containsExactly("4143", "4142", "4141");
  }

  @Test
  void contradictionsReadNothing() throws SQLException {
    assertThat(sql.rows("SELECT evt_num FROM events WHERE evt_dir = '<' AND evt_dir = '>'")).isEmpty();
    assertThat(sql.rows("SELECT evt_num FROM events WHERE evt_type = 'read' AND evt_type = 'write'")).isEmpty();
  }
}
