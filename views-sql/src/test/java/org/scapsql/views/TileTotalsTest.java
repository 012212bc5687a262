package org.scapsql.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapsql.Fixtures;
import org.scapsql.adapter.connection.ScapConnections;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;

/**
 * {@code inspect.tile_totals}, counted in Java, against the same totals written in SQL
 * over {@code inspect.tile_events} (the overview's own query before the Java pass), on
 * every capture and on a generated one whose web hosts, log writers and cron jobs fill
 * the tiles the recordings leave at 0.
 */
class TileTotalsTest {
  /** The tiles that are a plain sum of one tile_events column. */
  private static final Map<String, String> SUMS = new TreeMap<>(Map.ofEntries(
      Map.entry("system_calls", "system_calls"), Map.entry("file_bytes_in", "file_bytes_in"),
      Map.entry("file_bytes_out", "file_bytes_out"), Map.entry("file_bytes", "file_bytes_in + file_bytes_out"),
      Map.entry("net_bytes_in", "net_bytes_in"), Map.entry("net_bytes_out", "net_bytes_out"),
      Map.entry("net_bytes", "net_bytes_in + net_bytes_out"), Map.entry("http_requests", "http_requests"),
      Map.entry("http_errors", "http_errors"), Map.entry("app_log_messages", "app_log_messages"),
      Map.entry("app_log_warnings", "app_log_warnings"), Map.entry("app_log_errors", "app_log_errors"),
      Map.entry("syslog_messages", "syslog_messages"), Map.entry("syslog_warnings", "syslog_warnings"),
      Map.entry("syslog_errors", "syslog_errors"), Map.entry("slow_file_io_1ms", "slow_1ms"),
      Map.entry("slow_file_io_10ms", "slow_10ms"), Map.entry("slow_file_io_100ms", "slow_100ms"),
      Map.entry("executed_commands", "executed_commands"),
      Map.entry("executed_interactive_commands", "interactive_commands"),
      Map.entry("sudo_invocations", "sudo_invocations"), Map.entry("new_outbound_connections",
          "new_outbound_connections"), Map.entry("new_inbound_connections", "new_inbound_connections"),
      Map.entry("new_ssh_connections", "new_ssh_connections"),
      Map.entry("failed_connection_attempts", "failed_connections"), Map.entry("file_open_errors",
          "file_open_errors"), Map.entry("deleted_files", "deleted_files"), Map.entry("new_symlinks", "new_symlinks"),
      Map.entry("fork_count", "forks"), Map.entry("setns_invocations", "setns_invocations"),
      Map.entry("received_signals", "received_signals"), Map.entry("segmentation_faults", "segmentation_faults"),
      Map.entry("notifications", "notifications")));
  /** The distinct tiles: key_count within each (protocol, docker event) group, added up, as the overview did. */
  private static final Map<String, String> KEYS = Map.of("accessed_files", "file_key",
      "modified_files", "written_file_key", "modified_system_files", "system_file_key",
      "active_connections", "connection_key");

  @TempDir
  static Path dir;
  private static Path generated;

  @BeforeAll
  static void generate() throws Exception {
    generated = dir.resolve("generated.scap");
    new Generator(GeneratorOptions.of(2L << 20, 7)).generate(generated);
  }

  static Stream<String> captureNames() {
    return Fixtures.captureNames().stream();
  }

  @ParameterizedTest
  @MethodSource("captureNames")
  void equalTheSqlTotalsOnEveryCapture(String name) throws Exception {
    assertSameTotals(Fixtures.capture(name));
  }

  @Test
  void equalTheSqlTotalsWhereEveryKindOfTileCounts() throws Exception {
    Map<String, String> totals = assertSameTotals(generated);
    // The generated host's traffic reaches these tiles: a test that compared zeros would prove nothing.
    for (String tile : List.of("http_requests", "app_log_messages", "executed_commands", "accessed_files",
        "active_connections", "new_inbound_connections", "net_bytes", "file_bytes", "fork_count")) {
      assertThat(Long.parseLong(totals.get(tile + "|null"))).as(tile).isPositive();
    }
    assertThat(totals.keySet()).anyMatch(k -> k.startsWith("protocol_bytes:"));
  }

  /** Asserts tile_totals equals the SQL over tile_events; returns its rows as tile|item → total. */
  private static Map<String, String> assertSameTotals(Path capture) throws Exception {
    try (Connection c = ScapConnections.connect(List.of(capture))) {
      Map<String, String> actual = new TreeMap<>();
      for (String r : ViewsMatchCsysdigTest.rows(c, "SELECT tile, item, total FROM inspect.tile_totals")) {
        String[] f = r.split("\\|");
        assertThat(actual.put(f[0] + "|" + f[1], f[2])).as("one row per tile and item: " + r).isNull();
      }
      if (ViewsMatchCsysdigTest.rows(c, "SELECT * FROM inspect.tile_clock").isEmpty()) {
        // No event to time: no clock, no overview, and so no totals either.
        assertThat(actual).isEmpty();
        return actual;
      }
      Map<String, String> expected = new TreeMap<>();
      List<String> sums = new ArrayList<>(SUMS.values());
      List<String> row = List.of(ViewsMatchCsysdigTest.rows(c, "SELECT " + String.join(", ",
          sums.stream().map(s -> "COALESCE(SUM(" + s + "), 0)").toList()) + " FROM inspect.tile_events")
          .get(0).split("\\|"));
      int i = 0;
      for (String tile : SUMS.keySet()) {
        expected.put(tile + "|null", row.get(i++));
      }
      for (Map.Entry<String, String> k : KEYS.entrySet()) {
        expected.put(k.getKey() + "|null", ViewsMatchCsysdigTest.rows(c, "SELECT COALESCE(SUM(n), 0) FROM"
            + " (SELECT inspect.key_count(" + k.getValue() + ") AS n FROM inspect.tile_events"
            + " GROUP BY protocol, docker_event)").get(0));
      }
      expected.put("docker_events|null", ViewsMatchCsysdigTest.rows(c,
          "SELECT COUNT(docker_event) FROM inspect.tile_events").get(0));
      for (String r : ViewsMatchCsysdigTest.rows(c, "SELECT protocol, SUM(net_bytes_in + net_bytes_out)"
          + " FROM inspect.tile_events WHERE protocol IS NOT NULL GROUP BY protocol")) {
        String[] f = r.split("\\|");
        expected.put("protocol_bytes:" + f[0] + "|" + f[0], f[1]);
      }
      for (String r : ViewsMatchCsysdigTest.rows(c, "SELECT docker_event, COUNT(*) FROM inspect.tile_events"
          + " WHERE docker_event IS NOT NULL GROUP BY docker_event")) {
        String[] f = r.split("\\|");
        expected.put("docker_events:" + f[0] + "|" + f[0], f[1]);
      }
      List<String> ports = ViewsMatchCsysdigTest.rows(c, "SELECT bound_port, COUNT(*) FROM inspect.tile_events"
          + " WHERE bound_port IS NOT NULL GROUP BY bound_port");
      for (String r : ports) {
        String[] f = r.split("\\|");
        expected.put("new_listening_ports|" + f[0], f[1]);
      }
      if (ports.isEmpty()) {
        expected.put("new_listening_ports|null", "0");
      }
      assertThat(actual).as(capture.getFileName().toString()).isEqualTo(expected);
      return actual;
    }
  }
}
