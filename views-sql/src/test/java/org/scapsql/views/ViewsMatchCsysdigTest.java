package org.scapsql.views;

import org.scapsql.adapter.connection.ScapConnections;
import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every view's rows against csysdig's output for the two reference captures
 * (testdata/reference, csysdig 0.29.3 with -j -pc as Inspect runs it). The rules of
 * {@link CsysdigViews} admit only the differences docs/views.md documents; the tests
 * below pin each of those down on the captures where it shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewsMatchCsysdigTest {
  private Connection catWrite;
  private Connection container;

  @BeforeAll
  void open() throws Exception {
    catWrite = ScapConnections.connect(List.of(Fixtures.capture("cat_write.scap")));
    container = ScapConnections.connect(List.of(Fixtures.capture("run_as_user_0_container.scap")));
  }

  @AfterAll
  void close() throws Exception {
    catWrite.close();
    container.close();
  }

  private static List<String> differences(Connection c, String capture) throws Exception {
    List<String> all = new ArrayList<>();
    for (CsysdigViews.Check check : CsysdigViews.CHECKS) {
      all.addAll(CsysdigViews.differences(c, Fixtures.references(), capture, check));
    }
    return all;
  }

  @Test
  void catWriteViewsEqualCsysdig() throws Exception {
    assertThat(differences(catWrite, "cat_write")).isEmpty();
  }

  @Test
  void containerCaptureViewsEqualCsysdig() throws Exception {
    assertThat(differences(container, "run_as_user_0_container")).isEmpty();
  }

  @Test
  void theReferencesAreNotEmpty() throws Exception {
    // The comparisons above mean something only if csysdig printed rows.
    Map<String, List<JsonNode>> procs = CsysdigViews.reference(
        Fixtures.references().resolve("run_as_user_0_container__procs.txt"));
    assertThat(procs).hasSize(56);
    assertThat(CsysdigViews.reference(Fixtures.references().resolve("cat_write__files.txt"))).hasSize(4);
    assertThat(CsysdigViews.reference(Fixtures.references().resolve("run_as_user_0_container__threads.txt")))
        .hasSize(125);
  }

  @Test
  void theProcessACaptureIsAboutIsKeptWhereInspectDropsIt() throws Exception {
    // cat (pid 20072) has no pid inside a namespace: csysdig -pc drops it, csysdig without -pc lists it.
    Path refs = Fixtures.references();
    assertThat(CsysdigViews.reference(refs.resolve("cat_write__procs.txt"))).doesNotContainKey("20072");
    assertThat(CsysdigViews.reference(refs.resolve("cat_write__procs_nopc.txt"))).containsKey("20072");
    assertThat(rows(catWrite, "SELECT proc_exeline, file_bytes FROM inspect.processes WHERE proc_pid = 20072"))
        .containsExactly("cat /dev/null|832");
    assertThat(rows(catWrite, "SELECT COUNT(*) FROM inspect.threads WHERE thread_tid = 20072"))
        .containsExactly("1");
  }

  @Test
  void ipv4AddressesAreGivenWhereInspectGarblesThem() throws Exception {
    JsonNode row = CsysdigViews.reference(Fixtures.references()
        .resolve("run_as_user_0_container__connections.txt")).get(":10.0.2.2:49289->10.0.2.15:22").get(1);
    assertThat(row.asText()).isEqualTo("a00:20f:89c0:1600:200::");
    assertThat(rows(container, "SELECT fd_lip, fd_lport, fd_rip, fd_rport FROM inspect.connections"))
        .containsExactly("10.0.2.15|22|10.0.2.2|49289");
  }

  @Test
  void averageLatencyIsPerCallWhereInspectHalvesIt() throws Exception {
    // csysdig's AVG TIME = latency / (enter + exit events), checked by CsysdigViews; ours divides by the exits.
    assertThat(rows(container, "SELECT s.evt_type FROM inspect.system_calls s JOIN ("
        + " SELECT evt_type, SUM(evt_latency) / COUNT(*) AS per_call FROM scap.events"
        + " WHERE evt_dir = '<' AND evt_latency IS NOT NULL AND evt_type IN ('read', 'write', 'futex')"
        + " GROUP BY evt_type) e ON e.evt_type = s.evt_type WHERE s.avg_latency <> e.per_call"))
        .isEmpty();
    assertThat(rows(container, "SELECT COUNT(*) FROM inspect.system_calls WHERE evt_type IN ('read', 'write',"
        + " 'futex') AND avg_latency > latency / calls")).containsExactly("3");
  }

  static List<String> rows(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }
}
