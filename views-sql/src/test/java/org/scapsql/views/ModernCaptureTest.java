package org.scapsql.views;

import org.scapsql.adapter.connection.ScapConnections;
import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The views on the 2026-format capture (exit-only events, written by current
 * falcosecurity/libs), against what current libsinsp reports for it
 * (testdata/captures/modern-small.expected).
 */
class ModernCaptureTest {
  @Test
  void everyViewAnswersAndAgreesWithCurrentLibsinsp() throws Exception {
    try (Connection c = ScapConnections.connect(List.of(Fixtures.capture("modern-small.scap.gz")))) {
      for (InspectViews.View v : InspectViews.views()) {
        List<String> n = ViewsMatchCsysdigTest.rows(c, "SELECT COUNT(*) FROM inspect." + v.name());
        assertThat(n).as(v.name()).hasSize(1);
      }
      // Every event libsinsp returns counts as a system call tile event (it consumes the leading user and
      // group meta events, as the views do).
      String total = Files.readString(Fixtures.capture("modern-small.expected").resolve("total_events.txt"))
          .replaceAll("(?s).*Retrieved events: (\\d+).*", "$1").strip();
      assertThat(ViewsMatchCsysdigTest.rows(c, "SELECT total FROM inspect.overview WHERE tile = 'system_calls'"))
          .containsExactly(total);
      // Errors: the failures by errno libsinsp counts.
      Map<String, Long> expected = new TreeMap<>();
      for (String line : Files.readAllLines(Fixtures.capture("modern-small.expected")
          .resolve("failed_by_type_errno.txt"))) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.strip().split("\\s+");
        expected.merge(f[3], Long.parseLong(f[0]), Long::sum);
      }
      List<String> wanted = new ArrayList<>();
      expected.forEach((res, count) -> wanted.add(res + "|" + count));
      assertThat(ViewsMatchCsysdigTest.rows(c, "SELECT evt_res, errors FROM inspect.errors ORDER BY evt_res"))
          .containsExactlyElementsOf(wanted);
      // The local HTTP server on 127.0.0.1:8765: its traffic under its server port, its bind listed.
      assertThat(ViewsMatchCsysdigTest.rows(c, "SELECT fd_sport FROM inspect.server_ports"))
          .containsExactly("8765");
      assertThat(ViewsMatchCsysdigTest.rows(c, "SELECT fd_sport FROM inspect.port_bindings"))
          .containsExactly("8765");
      // Exit-only events carry their fd: reads and writes have their bytes without enter events.
      assertThat(Long.parseLong(ViewsMatchCsysdigTest.rows(c, "SELECT SUM(bytes_in + bytes_out)"
          + " FROM inspect.files").get(0))).isPositive();
      assertThat(ViewsMatchCsysdigTest.rows(c, "SELECT COUNT(*) FROM inspect.tile_clock")).containsExactly("400");
    }
  }
}
