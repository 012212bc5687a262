package org.scapsql.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scapsql.Fixtures;
import org.scapsql.adapter.connection.ScapConnections;

/**
 * Each Inspect view reads the events once. Calcite does not share a CTE its query
 * uses twice: a view written that way (an aggregate joined back to itself) scans the
 * whole capture with state twice, and on a large capture takes twice as long with the
 * same rows. The plans say it before any capture is large. Nor does a view join each
 * event with a list of values.
 */
class ViewPlansTest {
  private static final Pattern EVENTS_SCAN = Pattern.compile("EnumerableScapScan\\(table=\\[\\[scap, events]]");

  @Test
  void everyViewScansTheEventsOnceAndTheOverviewNotAtAll() throws Exception {
    try (Connection c = ScapConnections.connect(List.of(Fixtures.capture("cat_write.scap")))) {
      int checked = 0;
      for (InspectViews.View v : InspectViews.views()) {
        // The per-event building blocks and the timeline sources are not views a user opens.
        if (v.name().startsWith("tile") || v.name().equals("view_events") || v.doc().java() != null) {
          continue;
        }
        String plan = String.join("\n", ViewsMatchCsysdigTest.rows(c, "EXPLAIN PLAN FOR SELECT * FROM inspect."
            + v.name()));
        int scans = 0;
        for (Matcher m = EVENTS_SCAN.matcher(plan); m.find(); ) {
          scans++;
        }
        // The overview's event tiles come from OverviewPass, in Java.
        assertThat(scans).as(v.name() + "\n" + plan).isEqualTo(v.name().equals("overview") ? 0 : 1);
        // An IN list longer than 20 values becomes a join with a VALUES table: a probe and a
        // joined row per event (3-4% of processes and threads at 1 GiB).
        if (!v.name().equals("overview")) {
          assertThat(plan).as(v.name()).doesNotContain("EnumerableValues");
        }
        checked++;
      }
      assertThat(checked).isGreaterThan(15);
    }
  }
}
