package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapsql.Fixtures;

/**
 * GROUP BY pushed into the events scan: the plan shows the aggregate inside the scan,
 * and the rows equal those of the same query over a derived table that no rule can see
 * through (its filter is an expression the reader does not test), where Calcite groups
 * the rows itself.
 */
class AggregatePushdownTest {
  private static final List<String> CAPTURES = List.of("cat_write.scap", "run_as_user_0_container.scap",
      "connect_localhost.scap", "modern-small.scap.gz", "empty.scap");

  /** Each query's FROM is {@code %s}: once the table, once the table behind an opaque filter. */
  private static final List<String> QUERIES = List.of(
      "SELECT count(*) FROM %s",
      "SELECT count(*), count(fd_num), sum(evt_buflen), min(evt_rawtime), max(evt_rawtime) FROM %s",
      "SELECT evt_type, evt_dir, count(*), sum(evt_buflen), min(evt_latency), max(evt_latency) FROM %s"
          + " GROUP BY evt_type, evt_dir",
      "SELECT proc_name, fd_name, count(*), sum(evt_buflen) FROM %s WHERE evt_type IN ('read', 'write')"
          + " GROUP BY proc_name, fd_name",
      "SELECT evt_cpu, sum(evt_cpu), min(fd_cport), max(fd_sport), count(fd_sport) FROM %s GROUP BY evt_cpu",
      "SELECT thread_tid, proc_pid, count(*) FROM %s WHERE evt_dir = '<' GROUP BY thread_tid, proc_pid",
      "SELECT evt_type, count(*) AS c FROM %s GROUP BY evt_type HAVING count(*) > 3",
      "SELECT count(*), sum(evt_rawres) FROM %s WHERE evt_type = 'no-such-event'",
      "SELECT fd_type, evt_category, count(*), sum(evt_buflen) FROM %s GROUP BY fd_type, evt_category",
      "SELECT capture, count(*) FROM %s GROUP BY capture",
      // Value tests pushed with the aggregate: booleans, text IN, ranges, NULL tests.
      "SELECT fd_name, sum(evt_buflen) AS b FROM %s WHERE fd_type = 'file' AND evt_is_io AND evt_buflen > 0"
          + " GROUP BY fd_name",
      "SELECT proc_name, count(*) FROM %s WHERE NOT evt_is_io AND fd_type IN ('ipv4', 'unix', 'file')"
          + " AND fd_name IS NOT NULL GROUP BY proc_name",
      "SELECT evt_type, count(*) FROM %s WHERE evt_rawres BETWEEN -20 AND 5 AND fd_cport IS NULL GROUP BY evt_type",
      "SELECT evt_type, count(*) FROM %s WHERE evt_latency < 100000 OR evt_latency > 1000000000 GROUP BY evt_type");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String c : CAPTURES) {
      for (String q : QUERIES) {
        out.add(Arguments.of(c, q));
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void pushedAggregateEqualsCalcitesOwn(String capture, String query) throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture(capture))) {
      String pushed = String.format(query, "events");
      String opaque = String.format(query, "(SELECT * FROM events WHERE evt_num * 2 > -1)");
      assertThat(sql.plan(pushed)).contains("EnumerableScapScan").contains("aggregate=[group=")
          .doesNotContain("EnumerableAggregate");
      assertThat(sql.plan(opaque)).contains("EnumerableAggregate").doesNotContain("aggregate=[group=");
      List<String> mine = sorted(sql.rows(pushed));
      assertThat(mine).isEqualTo(sorted(sql.rows(opaque)));
      if (!capture.equals("empty.scap") && query.startsWith("SELECT count(*) FROM")) {
        assertThat(Long.parseLong(mine.get(0))).isPositive();
      }
    }
  }

  /** Several captures: each is aggregated on a core of its own and the groups merged. */
  @org.junit.jupiter.api.Test
  void severalCapturesAggregateInParallelToTheSameAnswer() throws Exception {
    java.nio.file.Path[] all = CAPTURES.stream().map(Fixtures::capture).toArray(java.nio.file.Path[]::new);
    try (Sql sql = Sql.of(all)) {
      for (String query : QUERIES) {
        String pushed = String.format(query, "events");
        String opaque = String.format(query, "(SELECT * FROM events WHERE evt_num * 2 > -1)");
        assertThat(sorted(sql.rows(pushed))).as(pushed).isEqualTo(sorted(sql.rows(opaque)));
      }
      // Every capture that has events answers for itself.
      for (String c : CAPTURES) {
        assertThat(sql.rows("SELECT count(*) FROM events WHERE capture = '" + c + "'"))
            .isEqualTo(Sql.of(Fixtures.capture(c)).rows("SELECT count(*) FROM events"));
      }
    }
  }

  private static List<String> sorted(List<String> rows) {
    List<String> s = new ArrayList<>(rows);
    s.sort(null);
    return s;
  }
}
