package org.scapsql.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scapsql.Fixtures;
import org.scapsql.adapter.ScanCounters;
import org.scapsql.adapter.entity.EntityCache;
import org.scapsql.adapter.connection.ScapConnections;

/**
 * Every Inspect view, the overview and a timeline asked twice with result reuse on: the
 * second answer reads no event and its rows are those of a run without reuse.
 */
class ReusedViewsTest {
  private static final List<Path> CAPTURES = List.of(Fixtures.capture("run_as_user_0_container.scap"),
      Fixtures.capture("connect_localhost.scap"), Fixtures.capture("cat_write.scap"));

  @BeforeAll
  static void on() {
    System.setProperty("scapsql.resultReuse", "on");
  }

  @AfterAll
  static void off() {
    System.setProperty("scapsql.resultReuse", "off");
  }

  @Test
  void everyViewAskedAgainGivesTheRowsOfARealRunWithoutReadingAnEvent() throws Exception {
    List<String> queries = new ArrayList<>();
    try (Connection c = ScapConnections.connect(CAPTURES);
        ResultSet rs = c.getMetaData().getTables(null, "inspect", null, null)) {
      while (rs.next()) {
        queries.add("SELECT * FROM inspect." + rs.getString("TABLE_NAME"));
      }
    }
    assertThat(queries).hasSizeGreaterThan(20).contains("SELECT * FROM inspect.overview");
    queries.add("SELECT * FROM TABLE(inspect.timeline('system_calls', 40))");
    for (String q : queries) {
      System.setProperty("scapsql.resultReuse", "off");
      List<String> run = ViewRows.of(CAPTURES, q);
      System.setProperty("scapsql.resultReuse", "on");
      List<String> first = ViewRows.of(CAPTURES, q);
      assertThat(EntityCache.awaitPrefetches(60_000)).isTrue();
      long read = ScanCounters.EVENTS_READ.get();
      List<String> again = ViewRows.of(CAPTURES, q);
      assertThat(ScanCounters.EVENTS_READ.get()).as(q + ": events read the second time").isEqualTo(read);
      assertThat(first).as(q).containsExactlyInAnyOrderElementsOf(run);
      assertThat(again).as(q).containsExactlyElementsOf(first);
    }
  }
}
