package org.scapsql.views;

import org.scapsql.adapter.connection.ScapConnections;
import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overview's tiles and timelines against sysdig's wsysdig_summary output for the
 * reference captures: every tile Inspect shows and its total, and every bucket of
 * every timeline, at Inspect's tile resolution (40) and natively (400).
 */
class OverviewTest {
  @TempDir
  static Path dir;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The gauges Inspect never reads in the last native sample (documented difference). */
  private static final Set<String> UNREAD_LAST = Set.of("running_processes", "running_containers");

  private static JsonNode summary(String file) throws Exception {
    return summaryOf(Files.readString(Fixtures.references().resolve(file)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "run_as_user_0_container"})
  void tilesAndTimelinesEqualWsysdigSummary(String capture) throws Exception {
    // Compressed, the clock finds the last event by reading forwards; uncompressed, from the file's end.
    Path plain = Files.createDirectories(dir.resolve(capture)).resolve(capture + ".scap");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.capture(capture + ".scap")))) {
      Files.copy(in, plain);
    }
    for (Path file : List.of(Fixtures.capture(capture + ".scap"), plain)) {
      check(capture, file);
    }
  }

  private static void check(String capture, Path file) throws Exception {
    try (Connection c = ScapConnections.connect(List.of(file))) {
      Map<String, Native> natives = natives(c);
      checkSummary(c, capture, summary(capture + "__summary.txt"), 40, natives);
      checkSummary(c, capture, summary(capture + "__summary_400.txt"), 400, natives);
      // inspect.timeline groups the samples as Inspect does (checked above against sysdig).
      for (String[] call : new String[][] {{"system_calls", "40"}, {"running_processes", "40"},
          {"listening_ports", "400"}, {"file_bytes_in", "25"}}) {
        List<long[]> expected = natives.get(call[0]).group(Integer.parseInt(call[1]));
        List<String> rows = ViewsMatchCsysdigTest.rows(c, "SELECT bucket, bucket_start, bucket_width,"
            + " bucket_value FROM TABLE(inspect.timeline('" + call[0] + "', " + call[1] + ")) ORDER BY bucket");
        assertThat(rows).as(call[0] + " at " + call[1]).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
          String[] f = rows.get(i).split("\\|");
          assertThat(Long.parseLong(f[0])).isEqualTo(i);
          assertThat(Long.parseLong(f[1])).as(call[0] + " bucket " + i).isEqualTo(expected.get(i)[0]);
          assertThat(Double.parseDouble(f[3])).as(call[0] + " bucket " + i)
              .isCloseTo(Double.longBitsToDouble(expected.get(i)[1]), within(1e-9));
        }
      }
      assertThat(ViewsMatchCsysdigTest.rows(c, "SELECT COUNT(*), SUM(bucket_width) FROM"
          + " TABLE(inspect.timeline('system_calls'))")).containsExactly("400|" + (natives.get("system_calls").end
          - natives.get("system_calls").starts[0]));
    }
  }

  /** The data of a wsysdig_summary output. */
  static JsonNode summaryOf(String text) throws Exception {
    JsonNode root = JSON.readTree(text.substring(text.indexOf('{')));
    for (JsonNode slice : root.path("slices")) {
      if (slice.has("data")) {
        return slice.path("data");
      }
    }
    throw new AssertionError("no summary in the output");
  }

  /**
   * Asserts that inspect.overview shows the tiles the summary shows, with its totals,
   * and that every timeline bucket equals the summary's ({@code buckets} per timeline).
   */
  static void checkSummary(Connection c, String label, JsonNode summary, int buckets, Map<String, Native> natives)
      throws Exception {
    Map<String, String[]> ours = new LinkedHashMap<>();
    for (String r : ViewsMatchCsysdigTest.rows(c,
        "SELECT title, tile, total, shown, category FROM inspect.overview ORDER BY display_order")) {
      String[] f = r.split("\\|");
      ours.put(f[0], f);
    }
    Set<String> shownByInspect = new TreeSet<>();
    for (JsonNode m : summary.path("metrics")) {
      String title = m.path("name").asText();
      shownByInspect.add(title);
      String[] tile = ours.get(title);
      assertThat(tile).as(label + ": tile " + title).isNotNull();
      assertThat(Long.parseLong(tile[2])).as(label + ": " + title).isEqualTo(m.path("data").path("tot").asLong());
      assertThat(tile[4].toLowerCase().replace(" ", "")).as(title + " category")
          .startsWith(m.path("category").asText().replace("napps", "networkapps"));
      Native n = natives.get(tile[1]);
      assertThat(n).as(label + " samples of " + tile[1]).isNotNull();
      compare(label, tile[1], n.group(buckets), m.path("data").path("timeLine"), n);
    }
    Set<String> shownByUs = new TreeSet<>();
    ours.values().stream().filter(f -> f[3].equals("true")).forEach(f -> shownByUs.add(f[0]));
    assertThat(shownByUs).as(label + " shown tiles").isEqualTo(shownByInspect);
  }

  /** A tile's 400 native samples, from inspect.tile_samples. */
  static final class Native {
    final long[] starts = new long[400];
    final double[] values = new double[400];
    boolean gauge;
    long end;

    /** Inspect's grouping: ratio samples per bucket, labelled by the first, added up or averaged. */
    List<long[]> group(int buckets) {
      int ratio = (400 + buckets - 1) / buckets;
      List<long[]> out = new ArrayList<>();
      for (int g = 0; g < 400 / ratio; g++) {
        double v = 0;
        for (int i = g * ratio; i < (g + 1) * ratio; i++) {
          v += values[i];
        }
        out.add(new long[] {starts[g * ratio], Double.doubleToLongBits(gauge ? v / ratio : v)});
      }
      return out;
    }
  }

  static Map<String, Native> natives(Connection c) throws Exception {
    Map<String, Native> out = new LinkedHashMap<>();
    long end = Long.parseLong(ViewsMatchCsysdigTest.rows(c, "SELECT MAX(last_time) FROM inspect.tile_clock").get(0));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT tile, sample, sample_start, sample_value, gauge FROM inspect.tile_samples")) {
      while (rs.next()) {
        Native n = out.computeIfAbsent(rs.getString(1), k -> new Native());
        n.starts[rs.getInt(2)] = rs.getLong(3);
        n.values[rs.getInt(2)] = rs.getDouble(4);
        n.gauge = rs.getBoolean(5);
        n.end = end;
      }
    }
    return out;
  }

  private static void compare(String capture, String tile, List<long[]> ours, JsonNode expected, Native n) {
    assertThat(ours).as(capture + " " + tile + " buckets").hasSize(expected.size());
    int ratio = 400 / expected.size();
    for (int i = 0; i < expected.size(); i++) {
      JsonNode b = expected.get(i);
      String where = capture + " " + tile + " bucket " + i + "/" + expected.size();
      assertThat(ours.get(i)[0]).as(where + " start").isEqualTo(b.path("t").asLong());
      double v = Double.longBitsToDouble(ours.get(i)[1]);
      if (i == expected.size() - 1 && UNREAD_LAST.contains(tile)) {
        // Documented difference: Inspect counts 0 in the last native sample, we count what is running.
        v = (v * ratio - n.values[399]) / ratio;
      }
      assertThat(v).as(where).isCloseTo(b.path("v").asDouble(), within(1e-9));
    }
  }
}
