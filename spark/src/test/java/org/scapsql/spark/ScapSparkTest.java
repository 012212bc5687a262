package org.scapsql.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;
import org.scapsql.adapter.ScapTables;
import org.scapsql.adapter.TableDef;
import org.scapsql.adapter.connection.ScapConnections;

/**
 * The {@code scap} data source in Spark's local mode over a directory of the real
 * captures: every answer is checked against scapsql's own SQL (its JDBC connection)
 * over the same files, and the plans show what was pushed into the reader.
 */
class ScapSparkTest {
  @TempDir
  static Path dir;
  static SparkSession spark;
  static Connection jdbc;
  static List<Path> captures;

  @BeforeAll
  static void start() throws Exception {
    try (Stream<Path> s = Files.list(Fixtures.capturesDir())) {
      for (Path p : s.filter(f -> f.getFileName().toString().contains(".scap")).toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
    try (Stream<Path> s = Files.list(dir)) {
      captures = s.sorted().toList();
    }
    assertThat(captures).hasSizeGreaterThanOrEqualTo(8);
    spark = SparkSession.builder().master("local[2]").appName("ScapSparkTest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    jdbc = ScapConnections.connect(captures);
    for (TableDef t : ScapTables.all()) {
      read(t.name()).createOrReplaceTempView(t.name());
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    if (spark != null) {
      spark.stop();
    }
    if (jdbc != null) {
      jdbc.close();
    }
  }

  static Dataset<Row> read(String table) {
    return spark.read().format("scap").option("table", table).load(dir.toString());
  }

  /** The same query through Spark and through scapsql's SQL gives the same rows (in any order). */
  static List<String> sameAnswer(String sql) throws SQLException {
    List<String> viaSpark = sorted(spark.sql(sql));
    List<String> viaScapsql = sorted(sql);
    assertThat(viaSpark).as(sql).isEqualTo(viaScapsql);
    return viaSpark;
  }

  static List<String> sorted(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      Object[] v = new Object[r.length()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.isNullAt(i) ? null : r.get(i) instanceof scala.collection.Map<?, ?> ? r.getJavaMap(i) : r.get(i);
      }
      out.add(line(v));
    }
    out.sort(null);
    return out;
  }

  static List<String> sorted(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = jdbc.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] v = new Object[md.getColumnCount()];
        for (int i = 0; i < v.length; i++) {
          v[i] = rs.getObject(i + 1);
        }
        out.add(line(v));
      }
    }
    out.sort(null);
    return out;
  }

  /** One row as text, each value in one form whichever engine gave it. */
  static String line(Object[] values) {
    List<String> parts = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
        v = ((Number) v).longValue();
      } else if (v instanceof java.sql.Timestamp t) {
        // Both engines run in UTC (the test JVM's zone, Spark's session zone, scapsql's fixed zone).
        v = t.toLocalDateTime();
      } else if (v instanceof byte[] b) {
        v = HexFormat.of().formatHex(b);
      } else if (v instanceof ByteString b) {
        v = HexFormat.of().formatHex(b.getBytes());
      } else if (v instanceof Map<?, ?> m) {
        Map<String, String> t = new TreeMap<>();
        m.forEach((k, x) -> t.put(String.valueOf(k), String.valueOf(x)));
        v = t;
      }
      parts.add(String.valueOf(v));
    }
    return String.join("|", parts);
  }

  @Test
  void countsPerEventTypeMatchScapsql() throws Exception {
    List<String> rows = sameAnswer("SELECT capture, evt_type, count(*) AS n FROM events GROUP BY capture, evt_type");
    assertThat(rows).contains("cat_write.scap|execve|1", "cat_write.scap|open|8");
    // modern-small's reference count, from current libsinsp (which returns the events sysdig shows).
    String expected = Files.readString(Fixtures.capture("modern-small.expected/total_events.txt"))
        .replaceAll("(?s).*Retrieved events: (\\d+).*", "$1");
    long modern = spark.sql("SELECT count(*) FROM events WHERE capture = 'modern-small.scap.gz' AND evt_visible")
        .first().getLong(0);
    assertThat(modern).isEqualTo(Long.parseLong(expected));
  }

  @Test
  void bytesPerFileMatchScapsql() throws SQLException {
    List<String> rows = sameAnswer("SELECT capture, fd_name,"
        + " sum(CASE WHEN evt_is_io_read THEN evt_buflen ELSE 0 END) AS bytes_in,"
        + " sum(CASE WHEN evt_is_io_write THEN evt_buflen ELSE 0 END) AS bytes_out, count(*) AS ops"
        + " FROM events WHERE evt_is_io AND evt_dir = '<' AND fd_type = 'file' GROUP BY capture, fd_name");
    assertThat(rows).hasSizeGreaterThan(10);
  }

  @Test
  void bytesPerConnectionMatchScapsql() throws SQLException {
    List<String> rows = sameAnswer("SELECT capture, fd_name, fd_l4proto,"
        + " sum(CASE WHEN evt_is_io_read THEN evt_buflen ELSE 0 END) AS bytes_in,"
        + " sum(CASE WHEN evt_is_io_write THEN evt_buflen ELSE 0 END) AS bytes_out, count(*) AS ops"
        + " FROM events WHERE evt_is_io AND evt_dir = '<' AND fd_type IN ('ipv4', 'ipv6')"
        + " GROUP BY capture, fd_name, fd_l4proto");
    assertThat(rows).anyMatch(r -> r.startsWith("modern-small.scap.gz|127.0.0.1:41854->127.0.0.1:8765|tcp|"))
        .anyMatch(r -> r.startsWith("run_as_user_0_container.scap|10.0.2.2:49289->10.0.2.15:22|tcp|"));
    sameAnswer("SELECT * FROM connections");
  }

  @Test
  void spyUsersMatchScapsql() throws SQLException {
    List<String> rows = sameAnswer("SELECT capture, proc_name, thread_tid, min(evt_rawtime) AS first_rawtime,"
        + " min(user_name) AS user_name, min(proc_exe) AS proc_exe, max(proc_args) AS proc_args"
        + " FROM events WHERE evt_dir = '<' AND NOT evt_failed AND proc_ppid IS NOT NULL"
        + " AND (evt_type = 'execve' OR (evt_type = 'chdir' AND proc_name LIKE '%sh%'"
        + " AND proc_name NOT LIKE '%sshd%'))"
        + " GROUP BY capture, proc_name, thread_tid");
    assertThat(rows).anyMatch(r -> r.startsWith("cat_write.scap|cat|"));
  }

  @Test
  void everyOtherTableMatchesScapsql() throws SQLException {
    for (TableDef t : ScapTables.all()) {
      if (!t.name().equals("events")) {
        List<String> rows = sameAnswer("SELECT * FROM " + t.name());
        if (!t.name().equals("user_groups") && !t.name().equals("interfaces")) {
          assertThat(rows).as(t.name()).isNotEmpty();
        }
      }
    }
  }

  @Test
  void everyEventsColumnMatchesScapsqlOnOneCapture() throws SQLException {
    spark.read().format("scap").load(dir.resolve("cat_write.scap").toString()).createOrReplaceTempView("cat_write");
    List<String> viaSpark = sorted(spark.sql("SELECT * FROM cat_write"));
    List<String> viaScapsql = sorted("SELECT * FROM events WHERE capture = 'cat_write.scap'");
    assertThat(viaSpark).hasSizeGreaterThan(100).isEqualTo(viaScapsql);
  }

  @Test
  void oneTaskPerCaptureAndCaptureFiltersPruneTasks() {
    assertThat(read("events").rdd().getNumPartitions()).isEqualTo(captures.size());
    Dataset<Row> one = read("events").filter("capture = 'cat_write.scap'");
    assertThat(one.rdd().getNumPartitions()).isEqualTo(1);
    assertThat(read("processes").rdd().getNumPartitions()).isEqualTo(captures.size());
  }

  @Test
  void filtersAndColumnsArePushedIntoTheScan() throws SQLException {
    Dataset<Row> df = read("events")
        .filter("evt_type IN ('read', 'write') AND evt_dir = '<' AND proc_pid > 0 AND evt_buflen >= 1"
            + " AND fd_name LIKE '/%'")
        .select("capture", "fd_name", "evt_buflen");
    String plan = df.queryExecution().executedPlan().toString();
    String scan = Arrays.stream(plan.split("\n")).filter(l -> l.contains("ScapScan events")).findFirst()
        .orElseThrow(() -> new AssertionError("no ScapScan in\n" + plan));
    assertThat(scan).contains("evt_type in [read, write]", "evt_dir = '<'", "proc_pid in [[1, +inf]]",
        "evt_buflen in [[1, +inf]]", "columns=[evt_buflen, fd_name, capture]");
    // LIKE is not one of the reader's tests: Spark keeps it, above the scan (the scan drops only the NULLs).
    assertThat(scan).doesNotContain("LIKE", "StartsWith");
    assertThat(plan).containsPattern("Filter StartsWith\\(fd_name#\\d+, /\\)");
    assertThat(sorted(df)).isEqualTo(sorted("SELECT capture, fd_name, evt_buflen FROM events"
        + " WHERE evt_type IN ('read', 'write') AND evt_dir = '<' AND proc_pid > 0 AND evt_buflen >= 1"
        + " AND fd_name LIKE '/%'")).isNotEmpty();
  }

  /**
   * Spark pushes into the reader what scapsql's planner pushes for the same WHERE: the
   * predicates of the spec in Spark's plan equal those of scapsql's EXPLAIN (each as the
   * spec prints it; the order of the value tests follows each engine's order of conjuncts).
   */
  @Test
  void sparkPushesWhatScapsqlPushes() throws SQLException {
    String[] wheres = {
      "evt_type IN ('open', 'openat') AND evt_dir = '<'",
      "proc_pid = 1234 AND fd_num IN (3, 4)",
      "evt_num >= 10 AND evt_num < 200",
      "evt_rawtime > 1000 AND evt_rawtime <= 2000",
      // Whole milliseconds: scapsql reads a TIMESTAMP literal to the millisecond, Spark to the microsecond.
      "evt_time >= TIMESTAMP '2019-01-01 00:00:00.002' AND evt_time < TIMESTAMP '2030-01-01 00:00:00'",
      "evt_time > TIMESTAMP '2019-01-01 00:00:00.002' AND evt_time <= TIMESTAMP '2030-01-01 00:00:00'",
      "NOT evt_failed AND evt_is_io_write",
      "evt_failed",
      "evt_buflen > 0 AND fd_type = 'file'",
      "fd_cport = 80 AND fd_sport IN (22, 443)",
      "user_name IS NULL",
      "capture = 'cat_write.scap' AND thread_tid = 7",
      "evt_category IN ('file', 'net')",
      "(evt_type = 'open' OR evt_type = 'openat' OR evt_type IN ('close')) AND (fd_num = 3 OR fd_num = 5)",
      "fd_type = 'file' OR fd_type = 'directory'",
    };
    for (String where : wheres) {
      String sql = "SELECT evt_num FROM events WHERE " + where;
      String plan = spark.sql(sql).queryExecution().executedPlan().toString();
      String sparkPushed = plan.replaceAll("(?s).*ScapScan events [^\\n]* pushed=\\[(.*?)\\] columns=.*", "$1");
      String explain = String.join("\n", sorted("EXPLAIN PLAN FOR " + sql));
      String scapsqlPushed = explain.replaceAll("(?s).*ScapScan\\(.*?filter=\\[(.*?)\\], columns=.*", "$1");
      assertThat(predicates(sparkPushed)).as(where + "\n" + plan + "\n" + explain)
          .isEqualTo(predicates(scapsqlPushed)).isNotEmpty();
      assertThat(plan).as(where).doesNotContain("Filter ");
    }
  }

  static java.util.Set<String> predicates(String spec) {
    return new java.util.TreeSet<>(Arrays.asList(spec.split(" and ")));
  }

  @Test
  void timeFiltersArePushedAsRawTimeRanges() throws SQLException {
    Row bounds = spark.sql("SELECT min(evt_time), max(evt_time) FROM events WHERE capture = 'cat_write.scap'")
        .first();
    String from = bounds.getTimestamp(0).toLocalDateTime().plusNanos(1_000_000).toString().replace('T', ' ');
    String where = "capture = 'cat_write.scap' AND evt_time >= TIMESTAMP '" + from + "' AND evt_num < 200";
    Dataset<Row> df = spark.sql("SELECT evt_num, evt_time FROM events WHERE " + where);
    assertThat(df.queryExecution().executedPlan().toString()).contains("evt_rawtime in [", "evt_num in [-inf, 200)",
        "capture in [cat_write.scap]");
    assertThat(sorted(df)).isEqualTo(sorted("SELECT evt_num, evt_time FROM events WHERE " + where)).isNotEmpty();
  }

  @Test
  void contradictionsRunNoTask() {
    for (String where : new String[] {"evt_dir = 'x'", "evt_num > 10 AND evt_num < 5",
        "capture = 'no-such.scap'"}) {
      Dataset<Row> df = read("events").filter(where);
      assertThat(df.rdd().getNumPartitions()).as(where).isZero();
      assertThat(df.count()).as(where).isZero();
    }
  }

  @Test
  void limitIsPushedToEachCapturesTask() {
    Dataset<Row> df = read("events").select("evt_num").limit(5);
    assertThat(df.queryExecution().executedPlan().toString()).contains("limit=5", "columns=[evt_num]");
    assertThat(df.collectAsList()).hasSize(5);
  }

  @Test
  void countsReadOnlyWhatTheyNeed() {
    Dataset<Row> df = read("events").filter("evt_failed").groupBy("capture").count();
    assertThat(df.queryExecution().executedPlan().toString()).contains("evt_failed = true", "columns=[capture]");
  }

  @Test
  void globsDirectoriesAndSeveralPaths() throws SQLException {
    long scapOnly = spark.read().format("scap").load(dir + "/*.scap").count();
    long gz = spark.read().format("scap").load(dir + "/*.scap.gz").count();
    long both = spark.read().format("scap").load(dir + "/*.scap", dir + "/*.scap.gz").count();
    assertThat(List.of(Long.toString(gz)))
        .isEqualTo(sorted("SELECT count(*) FROM events WHERE capture LIKE '%.scap.gz'"));
    assertThat(scapOnly + gz).isEqualTo(both).isEqualTo(read("events").count());
  }

  @Test
  void aCutCaptureGivesItsRowsUpToTheDamage(@TempDir Path cut) throws Exception {
    byte[] whole = Files.readAllBytes(dir.resolve("run_as_user_0_container.scap"));
    Path f = cut.resolve("cut.scap");
    Files.write(f, Arrays.copyOf(whole, whole.length * 2 / 3));
    long events = spark.read().format("scap").load(f.toString()).count();
    long processes = spark.read().format("scap").option("table", "processes").load(f.toString()).count();
    try (Connection c = ScapConnections.connect(List.of(f)); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM processes)")) {
      rs.next();
      assertThat(events).isPositive().isEqualTo(rs.getLong(1));
      assertThat(processes).isPositive().isEqualTo(rs.getLong(2));
    }
  }

  @Test
  void badInputSaysWhatIsWrong() {
    assertThatThrownBy(() -> spark.read().format("scap").option("table", "nope").load(dir.toString()))
        .hasMessageContaining("no table 'nope'").hasMessageContaining("processes");
    assertThatThrownBy(() -> spark.read().format("scap").load(dir + "/*.pcap"))
        .hasMessageContaining("no file matches");
    assertThatThrownBy(() -> spark.read().format("scap").load("hdfs://nn/captures/x.scap"))
        .hasMessageContaining("hdfs:// is not one");
    assertThatThrownBy(() -> spark.read().format("scap").option("tabel", "processes").load(dir.toString()))
        .hasMessageContaining("unknown option 'tabel'");
  }
}
