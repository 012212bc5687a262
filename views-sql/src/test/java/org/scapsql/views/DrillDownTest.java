package org.scapsql.views;

import org.scapsql.adapter.connection.ScapConnections;
import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Drill-downs and time windows as WHERE clauses: what they select, and that they
 * reach the capture reader (the EXPLAIN plan shows them in the events scan).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrillDownTest {
  private static final String CONTAINER = "697956520d89";
  private static final String LIBC = "/lib/x86_64-linux-gnu/libc.so.6";
  private Connection c;

  @BeforeAll
  void open() throws Exception {
    c = ScapConnections.connect(List.of(Fixtures.capture("run_as_user_0_container.scap")));
  }

  @AfterAll
  void close() throws Exception {
    c.close();
  }

  private List<String> rows(String sql) throws Exception {
    return ViewsMatchCsysdigTest.rows(c, sql);
  }

  private String plan(String sql) throws Exception {
    return String.join("\n", rows("EXPLAIN PLAN FOR " + sql));
  }

  @Test
  void containersToProcessesEqualsCsysdigsDrillDown() throws Exception {
    // csysdig -v procs -pc '(container.name != host) and container.id="697956520d89"', as Inspect runs it.
    List<String> diffs = CsysdigViews.differences(c,
        Fixtures.references().resolve("run_as_user_0_container__drill_containers_to_procs.txt"), null,
        CsysdigViews.check("procs"), " WHERE container_id = '" + CONTAINER + "'");
    assertThat(diffs).isEmpty();
    assertThat(rows("SELECT proc_pid, proc_exeline, container_id FROM inspect.processes WHERE container_id = '"
        + CONTAINER + "' ORDER BY proc_pid")).containsExactly("25754|/bin/bash |" + CONTAINER,
        "32052|ls |" + CONTAINER);
  }

  @Test
  void processesToFilesToIoStreams() throws Exception {
    // Processes: ls (pid 32052) in the container.
    assertThat(rows("SELECT proc_exeline, file_bytes FROM inspect.processes WHERE proc_pid = 32052"))
        .containsExactly("ls |4762");
    // Files WHERE proc_pid = 32052: the files ls used, with what ls did to them (and proc_pid reads 32052).
    List<String> files = rows("SELECT fd_name, bytes_in, ops, proc_pid FROM inspect.files WHERE proc_pid = 32052"
        + " ORDER BY fd_name");
    assertThat(files).hasSize(9).contains(LIBC + "|832|4|32052", "/proc/filesystems|501|5|32052");
    // The same numbers straight from the events of that process.
    assertThat(rows("SELECT SUM(evt_rawres), COUNT(*) FROM scap.events WHERE proc_pid = 32052 AND fd_name = '"
        + LIBC + "' AND evt_dir = '<' AND evt_type IN ('read', 'fstat', 'close', 'open', 'mmap')"
        + " AND (evt_type <> 'read' OR evt_rawres >= 0)")).hasSize(1);
    assertThat(rows("SELECT SUM(bytes_in) FROM inspect.files WHERE proc_pid = 32052"))
        .containsExactly(rows("SELECT SUM(evt_buflen) FROM scap.events WHERE proc_pid = 32052 AND"
            + " evt_is_io_read AND fd_type = 'file'").get(0));
    // I/O streams of that file in that process: the one 832-byte read of the ELF header.
    String streams = "SELECT evt_num, bytes, fd_label, data_dotted FROM inspect.io_streams WHERE proc_pid = 32052"
        + " AND container_id = '" + CONTAINER + "' AND fd_name = '" + LIBC + "'";
    assertThat(rows(streams)).singleElement().asString().startsWith("2546|832|3(<f>" + LIBC + ")|.ELF");

    assertThat(plan("SELECT * FROM inspect.processes WHERE proc_pid = 32052")).contains(
        "EnumerableScapScan(table=[[scap, events]], filter=[proc_pid in [32052]");
    assertThat(plan("SELECT * FROM inspect.files WHERE proc_pid = 32052")).contains(
        "EnumerableScapScan(table=[[scap, events]], filter=[proc_pid in [32052]");
    // The I/O types reach the reader too: io_streams keeps only the events that carry bytes.
    assertThat(plan(streams)).contains("EnumerableScapScan(table=[[scap, events]], filter=[evt_type in [close,"
        + " close_range, dup, dup2, dup3, fcntl, ioctl, pread, preadv, pwrite, pwritev, read, readv, recv, recvfrom,"
        + " recvmmsg, recvmsg, send, sendfile, sendmmsg, sendmsg, sendto, splice, write, writev] and evt_dir = '<'"
        + " and proc_pid in [32052]");
  }

  @Test
  void aTimeWindowFiltersTheEventsInTheReader() throws Exception {
    long from = 1562711472000000000L;
    long to = 1562711472500000000L;
    String window = " WHERE evt_rawtime BETWEEN " + from + " AND " + to;
    for (String view : new String[] {"files", "processes", "system_calls", "errors", "connections", "containers",
        "io_by_type", "threads", "directories", "server_ports", "page_faults", "processes_cpu", "processes_errors",
        "syscall_callers", "spy_users", "overview"}) {
      if (view.equals("overview")) {
        continue;
      }
      assertThat(plan("SELECT * FROM inspect." + view + window)).as(view).containsPattern(
          // Within the scan's line: the filter may hold other bracketed lists (evt_type in [...]).
          "EnumerableScapScan\\(table=\\[\\[scap, events]], filter=\\[[^\\n]*evt_rawtime in \\[" + from + ", "
          + (to + 1) + "\\)");
    }
    // The window counts only its events: the calls of the window, by type, add up to its events.
    assertThat(rows("SELECT SUM(calls) FROM inspect.system_calls" + window)).containsExactly(
        rows("SELECT COUNT(*) FROM scap.events" + window + " AND evt_type <> 'switch' AND evt_category <> 'internal'"
            + " AND evt_visible").get(0));
    // The end-of-capture rows carry one time: a window without it has no 'sysdigevent' row.
    assertThat(rows("SELECT evt_type FROM inspect.system_calls" + window + " AND evt_type = 'sysdigevent'"))
        .isEmpty();
    assertThat(rows("SELECT calls FROM inspect.system_calls WHERE evt_rawtime >= 1562711472999999999"
        + " AND evt_type = 'sysdigevent'")).containsExactly("124");
  }

  @Test
  void contextColumnsReadTheConstantTheyWereComparedWith() throws Exception {
    assertThat(rows("SELECT DISTINCT proc_pid, container_id FROM inspect.files WHERE proc_pid = 32052"))
        .containsExactly("32052|" + CONTAINER);
    assertThat(rows("SELECT DISTINCT proc_pid FROM inspect.files WHERE proc_pid IN (32052, 25754)"))
        .containsExactly("null");
    assertThat(rows("SELECT DISTINCT proc_pid FROM inspect.files")).containsExactly("null");
    // IN and OR of context conditions restrict the events to either process.
    assertThat(rows("SELECT SUM(ops) FROM inspect.files WHERE proc_pid IN (32052, 25754)")).containsExactly(
        rows("SELECT CAST(SUM(ops) AS BIGINT) FROM (SELECT ops FROM inspect.files WHERE proc_pid = 32052"
            + " UNION ALL SELECT ops FROM inspect.files WHERE proc_pid = 25754)").get(0));
  }

  @Test
  void aContextConditionReachesTheViewThroughProjectionsAndJoins() throws Exception {
    assertThat(rows("SELECT f.fd_name FROM (SELECT * FROM inspect.files) f WHERE f.proc_pid = 32052"
        + " AND f.fd_name LIKE '%libc%'")).containsExactly(LIBC);
    assertThat(rows("SELECT f.fd_name, p.proc_exeline FROM inspect.files f JOIN inspect.processes p"
        + " ON p.proc_pid = f.proc_pid WHERE f.proc_pid = 32052 AND f.fd_name = '" + LIBC + "'"))
        .containsExactly(LIBC + "|ls ");
  }

  @Test
  void aDrillDownCanTakeItsKeyFromAnotherView() throws Exception {
    assertThat(rows("SELECT fd_name, ops FROM inspect.files WHERE proc_pid = (SELECT proc_pid FROM"
        + " inspect.processes WHERE proc_exeline = 'ls ') ORDER BY fd_name")).isEqualTo(
        rows("SELECT fd_name, ops FROM inspect.files WHERE proc_pid = 32052 ORDER BY fd_name"));
    assertThat(rows("SELECT COUNT(*) FROM inspect.files WHERE proc_pid IN (SELECT proc_pid FROM inspect.processes"
        + " WHERE container_name = 'hopeful_taussig')")).containsExactly(
        rows("SELECT COUNT(*) FROM inspect.files WHERE proc_pid IN (25754, 32052)").get(0));
  }

  @Test
  void aConditionMixingContextAndOutputColumnsFiltersRows() throws Exception {
    // Not a drill-down: the context column reads NULL there, so only the other side can hold.
    assertThat(rows("SELECT COUNT(*) FROM inspect.files WHERE proc_pid = 32052 OR ops > 100"))
        .containsExactly(rows("SELECT COUNT(*) FROM inspect.files WHERE ops > 100").get(0));
  }

  @Test
  void errorsAreClear() {
    assertThatThrownBy(() -> rows("SELECT * FROM TABLE(inspect.timeline('no_such_tile', 40))"))
        .hasMessageContaining("timeline: unknown tile 'no_such_tile'");
    assertThatThrownBy(() -> rows("SELECT * FROM TABLE(inspect.timeline('system_calls', 0))"))
        .hasMessageContaining("timeline: buckets must be a positive whole number, got 0");
    assertThatThrownBy(() -> rows("SELECT no_such_column FROM inspect.files"))
        .hasMessageContaining("Column 'no_such_column' not found");
  }
}
