package org.scapsql.adapter.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapsql.Fixtures;
import org.scapsql.adapter.SqlRows;

/**
 * {@code scap.threads_at_end} equals the threads still open at the end as the entity
 * tables give them, whether it is read alone (from the entity pass) or after a whole
 * events scan of the same statement (from that scan's tracker, with no pass at all); and
 * an entity table read after such a scan is the pass's table, carried by the scan; and the
 * capture's facts (containers, users, groups, interfaces, {@code capture}) after such a
 * scan are the pass's too.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ThreadsAtEndTest {
  /** The table's definition in terms of the entity tables. */
  private static final String FROM_ENTITIES = "SELECT t.thread_lifetime, t.thread_tid, t.proc_lifetime, t.proc_pid,"
      + " p.proc_ppid, t.proc_name, t.proc_exe, t.proc_args, t.user_uid, t.user_name, t.container_id,"
      + " t.container_name, t.proc_vpid, t.thread_vtid, t.proc_nthreads, t.thread_vmsize, t.thread_vmrss,"
      + " t.thread_pfmajor, t.thread_pfminor, t.thread_start, c.events, c.last_rawtime, t.capture"
      + " FROM scap.threads t JOIN scap.capture c ON c.capture = t.capture"
      + " LEFT JOIN scap.processes p ON p.capture = t.capture AND p.proc_lifetime = t.proc_lifetime"
      + " WHERE t.thread_end IS NULL ORDER BY t.thread_lifetime";

  private static final String ALONE = "SELECT * FROM scap.threads_at_end ORDER BY thread_lifetime";

  /**
   * An events scan that reads every event with state (its test is on a state column) and
   * keeps none, then the table, in that order (UNION ALL reads its inputs in turn), as
   * {@code inspect.view_events} does.
   */
  private static final String AFTER_SCAN = "SELECT * FROM ("
      + " SELECT e.thread_lifetime, e.thread_tid, e.proc_lifetime, e.proc_pid, e.proc_ppid, e.proc_name,"
      + " e.proc_exe, e.proc_args, e.user_uid, e.user_name, e.container_id, e.container_name, e.proc_vpid,"
      + " e.thread_vtid, e.proc_nthreads, e.thread_vmsize, e.thread_vmrss, e.thread_pfmajor, e.thread_pfminor,"
      + " e.evt_rawtime AS thread_start, e.evt_num AS last_evt_num, e.evt_rawtime AS last_evt_rawtime, e.capture"
      + " FROM scap.events e WHERE e.proc_name = 'no process is called this'"
      + " UNION ALL SELECT * FROM scap.threads_at_end) ORDER BY thread_lifetime";

  @RegisterExtension
  final CountedPasses counted = new CountedPasses();
  private final AtomicInteger passes = counted.count;

  @ParameterizedTest
  @MethodSource("org.scapsql.Fixtures#captureNames")
  void aWholeScanCarriesTheRowsThePassGives(String name) throws Exception {
    Path capture = Fixtures.capture(name);
    long rides = EntityCache.RIDES.get();
    List<String> carried = SqlRows.of(capture, AFTER_SCAN);
    assertThat(passes).as("the scan's own tracker gave the rows: no entity pass").hasValue(0);
    assertThat(EntityCache.RIDES.get()).isEqualTo(rides + 1);

    List<String> alone = SqlRows.of(capture, ALONE);
    assertThat(passes).as("read alone, the table takes the pass").hasValue(1);
    List<String> fromEntities = SqlRows.of(capture, FROM_ENTITIES);
    assertThat(passes).hasValue(1);
    assertThat(alone).isEqualTo(fromEntities);
    assertThat(carried).isEqualTo(fromEntities);
  }

  @ParameterizedTest
  @MethodSource("org.scapsql.Fixtures#captureNames")
  void aScanReadingOnAThreadOfItsOwnCarriesThemToo(String name) throws Exception {
    Path capture = Fixtures.capture(name);
    System.setProperty("scapsql.scanAhead.minBytes", "0");
    List<String> carried;
    try {
      carried = SqlRows.of(capture, AFTER_SCAN);
    } finally {
      System.clearProperty("scapsql.scanAhead.minBytes");
    }
    assertThat(passes).as("the reading thread's tracker gave the rows: no entity pass").hasValue(0);
    assertThat(carried).isEqualTo(SqlRows.of(capture, FROM_ENTITIES));
  }

  @Test
  void theRowsOfACaptureWithLiveThreadsAreThoseOfItsOpenThreads() throws Exception {
    Path capture = Fixtures.capture("run_as_user_0_container.scap");
    List<String> rows = SqlRows.of(capture, ALONE);
    List<String> open = SqlRows.of(capture, "SELECT thread_tid FROM scap.threads WHERE thread_end IS NULL"
        + " ORDER BY thread_lifetime");
    assertThat(open).isNotEmpty();
    assertThat(rows).hasSameSizeAs(open);
    assertThat(SqlRows.of(capture, "SELECT thread_tid FROM scap.threads_at_end ORDER BY thread_lifetime"))
        .isEqualTo(open);
    assertThat(SqlRows.of(capture, "SELECT DISTINCT last_evt_num, last_evt_rawtime FROM scap.threads_at_end"))
        .isEqualTo(SqlRows.of(capture, "SELECT events, last_rawtime FROM scap.capture"));
  }

  /** Each small table's rows as one string column, after a whole events scan of the same statement. */
  private static final String FACTS = "SELECT * FROM ("
      + " SELECT 'e' AS t, evt_type AS v FROM scap.events WHERE proc_name = 'no process is called this'"
      + " UNION ALL SELECT 'c', container_id || '|' || COALESCE(container_name, '-') || '|'"
      + " || COALESCE(container_image, '-') || '|' || COALESCE(container_type, '-') FROM scap.containers"
      + " UNION ALL SELECT 'u', CAST(user_uid AS VARCHAR) || '|' || COALESCE(user_name, '-') || '|'"
      + " || COALESCE(user_homedir, '-') FROM scap.users"
      + " UNION ALL SELECT 'g', CAST(group_gid AS VARCHAR) || '|' || COALESCE(group_name, '-') FROM scap.user_groups"
      + " UNION ALL SELECT 'i', COALESCE(interface_name, '-') || '|' || COALESCE(address, '-') FROM scap.interfaces"
      + " UNION ALL SELECT 'k', CAST(events AS VARCHAR) || '|' || COALESCE(CAST(first_rawtime AS VARCHAR), '-')"
      + " || '|' || COALESCE(CAST(last_rawtime AS VARCHAR), '-') || '|' || COALESCE(hostname, '-') || '|'"
      + " || COALESCE(warning, '-') FROM scap.capture"
      + ") ORDER BY t, v";

  @ParameterizedTest
  @MethodSource("org.scapsql.Fixtures#captureNames")
  void theCapturesFactsAfterAWholeScanAreThePassesFacts(String name) throws Exception {
    Path capture = Fixtures.capture(name);
    List<String> carried = SqlRows.of(capture, FACTS);
    assertThat(passes).as("containers, users, groups, interfaces and capture came with the scan").hasValue(0);
    // The same tables with no events scan before them: the pass's.
    List<String> ofThePass = SqlRows.of(capture, FACTS.replace("FROM scap.events WHERE proc_name = 'no process is"
        + " called this'", "FROM (VALUES ('x')) AS z(evt_type) WHERE evt_type = 'y'"));
    assertThat(passes).hasValue(1);
    assertThat(carried).isEqualTo(ofThePass).isNotEmpty();
  }

  @Test
  void anEntityTableAfterAWholeScanIsCarriedByItAndKept() throws Exception {
    Path capture = Fixtures.capture("connect_localhost.scap");
    String threads = "SELECT thread_lifetime, thread_tid, proc_name, thread_start, thread_end, capture";
    List<String> carried = SqlRows.of(capture, "SELECT * FROM (" + threads.replace("thread_end", "evt_num")
        .replace("thread_start", "evt_rawtime") + " FROM scap.events WHERE proc_name = 'no process is called this'"
        + " UNION ALL " + threads + " FROM scap.threads) ORDER BY thread_lifetime");
    assertThat(passes).as("the events scan carried the whole pass").hasValue(0);
    List<String> again = SqlRows.of(capture, threads + " FROM scap.threads ORDER BY thread_lifetime");
    assertThat(passes).as("and its tables are kept for the next query").hasValue(0);
    EntityCache.clear();
    List<String> ofAPass = SqlRows.of(capture, threads + " FROM scap.threads ORDER BY thread_lifetime");
    assertThat(passes).hasValue(1);
    assertThat(carried).isEqualTo(again).isEqualTo(ofAPass).isNotEmpty();
  }

  @Test
  void aScanThatStopsEarlyCarriesNothing() throws Exception {
    Path capture = Fixtures.capture("connect_localhost.scap");
    // The limit stops the events scan after one row: the threads take a pass of their own.
    List<String> rows = SqlRows.of(capture, "SELECT * FROM (SELECT thread_tid FROM (SELECT thread_tid FROM"
        + " scap.events WHERE proc_name IS NOT NULL LIMIT 1) UNION ALL SELECT thread_tid FROM scap.threads_at_end)");
    assertThat(passes).hasValue(1);
    assertThat(rows.subList(1, rows.size()))
        .isEqualTo(SqlRows.of(capture, "SELECT thread_tid FROM scap.threads_at_end"));
  }
}
