package org.scapsql.adapter.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;
import org.scapsql.TestCache;
import org.scapsql.adapter.QueryWarnings;
import org.scapsql.adapter.ScanCounters;
import org.scapsql.adapter.SqlRows;
import org.scapsql.adapter.entity.EntityCache;

/**
 * A query asked again over unchanged captures gets its first rows back without a scan;
 * anything that could change its rows (the capture, settings, the row limit, a function
 * whose value changes, parameters) runs it again. The suite runs with reuse off (the other
 * tests must read the captures); this class turns it on.
 */
class ReusedResultsTest {
  private static final Path CAPTURE = Fixtures.capture("cat_write.scap");
  private static final String BY_TYPE = "SELECT evt_type, count(*) AS n FROM events GROUP BY evt_type ORDER BY evt_type";

  @TempDir
  Path dir;
  private String before;

  @BeforeEach
  void on() {
    before = System.getProperty("scapsql.resultReuse");
    System.setProperty("scapsql.resultReuse", "on");
    ReusedResults.shared().clear();
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty("scapsql.resultReuse");
    } else {
      System.setProperty("scapsql.resultReuse", before);
    }
    System.clearProperty("scapsql.resultReuse.maxBytes");
    ReusedResults.shared().clear();
  }

  @Test
  void theSameQueryAgainReadsNothingAndGivesTheSameRows() throws SQLException {
    List<String> first = rows(List.of(CAPTURE), BY_TYPE);
    // As sysdig -r counts them.
    assertThat(first).contains("close|12", "mmap|20", "open|8");
    long hits = ReusedResults.shared().hits();
    assertThat(EntityCache.awaitPrefetches(60_000)).isTrue();
    long read = ScanCounters.EVENTS_READ.get();
    long[] tally = ScapConnections.reuseTally();
    // Another connection, as a second `-e`, a server client or a refresh would open.
    assertThat(rows(List.of(CAPTURE), BY_TYPE)).isEqualTo(first);
    assertThat(ReusedResults.shared().hits()).isEqualTo(hits + 1);
    assertThat(ScanCounters.EVENTS_READ.get()).isEqualTo(read);
    // What a one-shot process tells the launcher: answered from kept rows, nothing planned.
    assertThat(ScapConnections.reuseTally()).containsExactly(tally[0] + 1, tally[1], tally[2]);
    // Views too (inspect is on the class path of these tests only if views-sql is; scap's tables are).
    String processes = "SELECT proc_name, count(*) FROM processes GROUP BY proc_name ORDER BY 1";
    assertThat(rows(List.of(CAPTURE), processes)).isEqualTo(rows(List.of(CAPTURE), processes));
    assertThat(ReusedResults.shared().hits()).isEqualTo(hits + 2);
  }

  @Test
  void offMeansEveryQueryRuns() throws SQLException {
    System.setProperty("scapsql.resultReuse", "off");
    long hits = ReusedResults.shared().hits();
    rows(List.of(CAPTURE), BY_TYPE);
    assertThat(EntityCache.awaitPrefetches(60_000)).isTrue();
    long read = ScanCounters.EVENTS_READ.get();
    rows(List.of(CAPTURE), BY_TYPE);
    assertThat(ReusedResults.shared().hits()).isEqualTo(hits);
    assertThat(ScanCounters.EVENTS_READ.get()).isGreaterThan(read);
  }

  @Test
  void aChangedCaptureIsReadAgain() throws Exception {
    Path f = settledCopy("syscall.scap");
    String count = "SELECT count(*) FROM events";
    List<String> whole = rows(List.of(f), count);
    byte[] cat = Files.readAllBytes(CAPTURE);
    Files.write(f, cat);
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    List<String> replaced = rows(List.of(f), count);
    assertThat(replaced).isNotEqualTo(whole).isEqualTo(rows(List.of(CAPTURE), count));
    // A capture modified within the last seconds may still be written: never kept.
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
    long hits = ReusedResults.shared().hits();
    rows(List.of(f), count);
    rows(List.of(f), count);
    assertThat(ReusedResults.shared().hits()).isEqualTo(hits);
  }

  @Test
  void aStatementPreparedBeforeItsCaptureChangedReadsItAfter() throws Exception {
    Path f = settledCopy("syscall.scap");
    String count = "SELECT count(*) FROM events";
    try (Connection c = ScapConnections.connect(List.of(f))) {
      List<String> whole = rows(c, count);
      try (PreparedStatement kept = c.prepareStatement(count)) {
        Files.write(f, Files.readAllBytes(CAPTURE));
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        long planned = ScapConnections.reuseTally()[1];
        try (ResultSet rs = kept.executeQuery()) {
          rs.next();
          // Planned now, as it runs: its kept rows are of the capture before.
          assertThat(ScapConnections.reuseTally()[1]).isEqualTo(planned + 1);
          assertThat(rs.getString(1)).isNotEqualTo(whole.get(0)).isEqualTo(rows(List.of(CAPTURE), count).get(0));
        }
      }
    }
  }

  @Test
  void whatCouldChangeTheRowsRunsTheQueryAgain() throws SQLException {
    for (String q : List.of("SELECT count(*), CURRENT_TIMESTAMP FROM events",
        "SELECT count(*) FROM events WHERE RAND() < 2",
        "EXPLAIN PLAN FOR SELECT count(*) FROM events")) {
      rows(List.of(CAPTURE), q);
      long hits = ReusedResults.shared().hits();
      rows(List.of(CAPTURE), q);
      assertThat(ReusedResults.shared().hits()).as(q).isEqualTo(hits);
    }
    // A parameter's value is not in the key.
    try (Connection c = ScapConnections.connect(List.of(CAPTURE));
        PreparedStatement p = c.prepareStatement("SELECT count(*) FROM events WHERE evt_num < ?")) {
      List<Long> counts = new ArrayList<>();
      for (int n : new int[] {10, 100, 10}) {
        p.setInt(1, n);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          counts.add(rs.getLong(1));
        }
      }
      assertThat(counts).containsExactly(9L, 99L, 9L);
    }
  }

  @Test
  void settingsAndRowLimitsAreKeptApart() throws SQLException {
    String q = "SELECT evt_type AS t FROM events ORDER BY evt_num";
    List<String> all = rows(List.of(CAPTURE), q);
    try (Connection c = ScapConnections.connect(List.of(CAPTURE)); Statement s = c.createStatement()) {
      s.setMaxRows(3);
      try (ResultSet rs = s.executeQuery(q)) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertThat(n).isEqualTo(3);
      }
    }
    assertThat(rows(List.of(CAPTURE), q)).isEqualTo(all);
    // A text that means something else under other settings: case-sensitive names.
    String mixed = "SELECT count(*) FROM EVENTS";
    assertThat(rows(List.of(CAPTURE), mixed)).hasSize(1);
    try (Connection c = ScapConnections.connect(List.of(CAPTURE),
        Map.of(CalciteConnectionProperty.CASE_SENSITIVE, "true"))) {
      assertThat(failure(c, mixed)).contains("EVENTS");
    }
  }

  @Test
  void aClientThatStopsEarlyLeavesNothingAndBigResultsAreNotKept() throws SQLException {
    String q = "SELECT evt_num FROM events";
    try (Connection c = ScapConnections.connect(List.of(CAPTURE)); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(q)) {
      rs.next();
    }
    long hits = ReusedResults.shared().hits();
    List<String> all = rows(List.of(CAPTURE), q);
    assertThat(ReusedResults.shared().hits()).isEqualTo(hits);
    assertThat(all).hasSizeGreaterThan(100);
    System.setProperty("scapsql.resultReuse.maxBytes", "10000");
    String wide = "SELECT evt_num, evt_args FROM events";
    rows(List.of(CAPTURE), wide);
    rows(List.of(CAPTURE), wide);
    assertThat(ReusedResults.shared().hits()).isEqualTo(hits);
  }

  @Test
  void theWarningsOfTheFirstRunComeWithEveryReuse() throws Exception {
    byte[] whole = Files.readAllBytes(CAPTURE);
    Path f = dir.resolve("cut.scap");
    Files.write(f, Arrays.copyOf(whole, whole.length - 100));
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    List<List<String>> warnings = new ArrayList<>();
    long hits = ReusedResults.shared().hits();
    for (int i = 0; i < 2; i++) {
      try (Connection c = ScapConnections.connect(List.of(f)); Statement s = c.createStatement()) {
        QueryWarnings w = QueryWarnings.attach(s);
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
          while (rs.next()) {
            rs.getLong(1);
          }
        }
        warnings.add(w.list());
      }
    }
    assertThat(ReusedResults.shared().hits()).isEqualTo(hits + 1);
    assertThat(warnings.get(0)).isNotEmpty().anyMatch(m -> m.contains("cut.scap"));
    assertThat(warnings.get(1)).isEqualTo(warnings.get(0));
  }

  @Test
  void connectionsWithExtensionsOfTheirOwnDoNotShareResults() throws SQLException {
    try (Connection c = ScapConnections.connect(List.of(CAPTURE), Map.of(), List.of())) {
      rows(c, BY_TYPE);
      long hits = ReusedResults.shared().hits();
      rows(c, BY_TYPE);
      assertThat(ReusedResults.shared().hits()).isEqualTo(hits);
    }
  }

  @Test
  void anotherProcessReadsTheRowsFromDiskAndADamagedFileIsNeverTrusted() throws Exception {
    try (TestCache cache = TestCache.in(dir.resolve("cache"))) {
      System.setProperty("scapsql.columnCache", "on");
      String q = "SELECT evt_type, count(*) AS n, sum(evt_rawres) AS s, max(evt_latency) / 1e3 AS us, "
          + "max(fd_name) AS f FROM events GROUP BY evt_type ORDER BY evt_type";
      long stored = ScapConnections.reuseTally()[2];
      List<String> first = rows(List.of(CAPTURE), q);
      Path folder = ReusedResults.directory();
      List<Path> files;
      try (var s = Files.list(folder)) {
        files = s.filter(p -> p.toString().endsWith(".rows")).toList();
      }
      assertThat(files).hasSize(1);
      assertThat(ScapConnections.reuseTally()[2]).isEqualTo(stored + 1);
      assertAnsweredFromDisk(q, first);
      long read = ScanCounters.EVENTS_READ.get();
      long hits = ReusedResults.shared().hits();
      // One changed byte: the file is deleted and the query runs (and keeps its rows again).
      byte[] b = Files.readAllBytes(files.get(0));
      b[b.length / 2] ^= 1;
      Files.write(files.get(0), b);
      ReusedResults.shared().clear();
      assertThat(rows(List.of(CAPTURE), q)).isEqualTo(first);
      assertThat(ScanCounters.EVENTS_READ.get()).isGreaterThan(read);
      assertThat(ReusedResults.shared().hits()).isEqualTo(hits);
      assertThat(Files.readAllBytes(files.get(0))).isNotEqualTo(b);
      // A file cut short is not trusted either.
      Files.write(files.get(0), Arrays.copyOf(b, b.length - 9));
      ReusedResults.shared().clear();
      assertThat(rows(List.of(CAPTURE), q)).isEqualTo(first);
      assertThat(ReusedResults.shared().hits()).isEqualTo(hits);
    } finally {
      System.setProperty("scapsql.columnCache", "off");
    }
  }

  /**
   * What another process sees (nothing in memory, the file on disk): the rows of
   * {@code q} come from the file, and no event is read.
   */
  private static void assertAnsweredFromDisk(String q, List<String> first) throws SQLException {
    ReusedResults.shared().clear();
    assertThat(EntityCache.awaitPrefetches(60_000)).isTrue();
    // A column cache the first run asked for reads its capture in the background.
    assertThat(org.scapsql.adapter.cache.ColumnCache.shared().awaitBuilds(60_000)).isTrue();
    long read = ScanCounters.EVENTS_READ.get();
    long hits = ReusedResults.shared().hits();
    assertThat(rows(List.of(CAPTURE), q)).isEqualTo(first);
    assertThat(ReusedResults.shared().hits()).isEqualTo(hits + 1);
    assertThat(ScanCounters.EVENTS_READ.get()).isEqualTo(read);
  }

  /**
   * A plan whose scan runs interpreted (scap.capture's opening columns) stashes its node
   * among Calcite's internal parameters; its rows still go to disk and come back from there.
   */
  @Test
  void anInterpretedScanIsKeptOnDiskToo() throws Exception {
    try (TestCache cache = TestCache.in(dir.resolve("cache-interpreted"))) {
      System.setProperty("scapsql.columnCache", "on");
      String q = "SELECT c.dialect, e.evt_type, count(*) AS n FROM events e JOIN capture c ON c.capture = e.capture"
          + " GROUP BY c.dialect, e.evt_type ORDER BY e.evt_type";
      List<String> first = rows(List.of(CAPTURE), q);
      assertThat(first).isNotEmpty().allMatch(r -> r.startsWith("sysdig_0_29|"));
      assertAnsweredFromDisk(q, first);
    } finally {
      System.setProperty("scapsql.columnCache", "off");
    }
  }

  @Test
  void theResultsFolderKeepsToItsBoundLeastRecentlyUsedFirstOut() throws Exception {
    try (TestCache cache = TestCache.in(dir.resolve("cache"))) {
      System.setProperty("scapsql.columnCache", "on");
      rows(List.of(CAPTURE), "SELECT count(*) FROM events");
      Path folder = ReusedResults.directory();
      long one;
      try (var s = Files.list(folder)) {
        one = s.mapToLong(p -> p.toFile().length()).sum();
      }
      // Room for about one file: the second result's file is kept, the first goes.
      System.setProperty("scapsql.resultReuse.diskBytes", Long.toString(one + 10));
      Thread.sleep(20);
      rows(List.of(CAPTURE), "SELECT count(*) + 1 FROM events");
      try (var s = Files.list(folder)) {
        assertThat(s.filter(p -> p.toString().endsWith(".rows")).count()).isEqualTo(1);
      }
      ReusedResults.shared().clear();
      long hits = ReusedResults.shared().hits();
      assertThat(rows(List.of(CAPTURE), "SELECT count(*) + 1 FROM events")).hasSize(1);
      assertThat(ReusedResults.shared().hits()).isEqualTo(hits + 1);
    } finally {
      System.clearProperty("scapsql.resultReuse.diskBytes");
      System.setProperty("scapsql.columnCache", "off");
    }
  }

  @Test
  void resultFilesRoundTripEveryValueClass() {
    // Written and read back as the rows of a result: each class as it went in.
    List<Object> rows = java.util.Collections.singletonList(new Object[] {null, true, (byte) 1, (short) 2, 3, 4L, 5.5f, 6.25, "x\u00e9",
        new java.math.BigDecimal("7.125"), new byte[] {8, 9}, new org.apache.calcite.avatica.util.ByteString(
        new byte[] {10})});
    List<org.apache.calcite.avatica.ColumnMetaData> columns = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      columns.add(org.apache.calcite.avatica.ColumnMetaData.dummy(
          org.apache.calcite.avatica.ColumnMetaData.scalar(java.sql.Types.VARCHAR, "VARCHAR",
              org.apache.calcite.avatica.ColumnMetaData.Rep.OBJECT), true));
    }
    byte[] data = ResultFile.write(new ResultFile.Contents("k", columns,
        org.apache.calcite.avatica.Meta.CursorFactory.ARRAY, org.apache.calcite.avatica.Meta.StatementType.SELECT,
        List.of("w"), rows));
    ResultFile.Contents back = ResultFile.read(data, "k");
    assertThat(back).isNotNull();
    assertThat(back.warnings()).containsExactly("w");
    assertThat((Object[]) back.rows().get(0)).containsExactly((Object[]) rows.get(0));
    assertThat(ResultFile.read(data, "other key")).isNull();
    // A class the file does not know: not written at all.
    assertThat(ResultFile.write(new ResultFile.Contents("k", columns.subList(0, 1),
        org.apache.calcite.avatica.Meta.CursorFactory.ARRAY, org.apache.calcite.avatica.Meta.StatementType.SELECT,
        List.of(), List.of(new Object[] {new java.util.Date()})))).isNull();
  }

  private Path settledCopy(String name) throws Exception {
    Path f = dir.resolve(name);
    try (InputStream in = Files.newInputStream(Fixtures.capture(name))) {
      Files.copy(in, f);
    }
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
    return f;
  }

  private static String failure(Connection c, String q) {
    try {
      rows(c, q);
      return null;
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  private static List<String> rows(List<Path> captures, String q) throws SQLException {
    return SqlRows.of(captures.get(0), q);
  }

  private static List<String> rows(Connection c, String q) throws SQLException {
    return SqlRows.of(c, q);
  }
}
