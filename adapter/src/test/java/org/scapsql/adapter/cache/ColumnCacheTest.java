package org.scapsql.adapter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapsql.Fixtures;
import org.scapsql.TestCache;
import org.scapsql.adapter.EventColumn;
import org.scapsql.adapter.SqlRows;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;

/**
 * The column cache answers exactly as the captures do: every cached column, in file
 * order, under every kind of pushed predicate, limit, top-N and aggregation, on every
 * fixture and on a generated capture of several chunks; and it is never trusted when
 * it should not be (a changed capture, a damaged file), nor broken by two builders.
 */
class ColumnCacheTest {
  @TempDir
  static Path dir;
  private static Path captures;
  private static TestCache cache;

  /** Every column the cache holds, in table order. */
  private static final String CACHED = Stream.of(EventColumn.values()).filter(CacheLayout::holds)
      .map(c -> c.columnName).collect(Collectors.joining(", "));

  @BeforeAll
  static void setUp() throws Exception {
    cache = TestCache.in(dir.resolve("cache"));
    captures = Files.createDirectories(dir.resolve("captures"));
    for (String name : List.of("cat_write.scap", "run_as_user_0_container.scap", "connect_localhost.scap",
        "modern-small.scap.gz", "open-multiple-files.scap", "empty.scap")) {
      settled(Files.copy(Fixtures.capture(name), captures.resolve(name)));
    }
    // Two chunks and then some: 150,000 events or so.
    new Generator(GeneratorOptions.of(14L << 20, 3)).generate(captures.resolve("generated.scap"));
    settled(captures.resolve("generated.scap"));
  }

  @AfterAll
  static void tearDown() {
    cache.close();
    ColumnCache.shared().forget();
  }

  @BeforeEach
  void forgetOpenFiles() {
    ColumnCache.shared().forget();
  }

  /** A capture last modified a minute ago: one modified in the last seconds may still be being written. */
  private static Path settled(Path p) throws IOException {
    Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    return p;
  }

  static Stream<String> captureNames() {
    return Stream.of("cat_write.scap", "run_as_user_0_container.scap", "connect_localhost.scap",
        "modern-small.scap.gz", "open-multiple-files.scap", "generated.scap");
  }


  private static String first(Path capture, String query) throws SQLException {
    List<String> r = SqlRows.of(capture, query, false);
    return r.isEmpty() ? "NULL" : r.get(0);
  }

  @ParameterizedTest
  @MethodSource("captureNames")
  void cachedRowsEqualTheCapturesRows(String name) throws Exception {
    Path capture = captures.resolve(name);
    assertThat(ColumnCache.shared().buildNow(capture)).isRegularFile();
    String tid = first(capture, "SELECT thread_tid FROM events WHERE proc_pid IS NOT NULL GROUP BY thread_tid"
        + " ORDER BY count(*) DESC LIMIT 1");
    String pid = first(capture, "SELECT proc_pid FROM events WHERE proc_pid IS NOT NULL GROUP BY proc_pid"
        + " ORDER BY count(*) DESC LIMIT 1");
    String mid = first(capture, "SELECT (min(evt_rawtime) + max(evt_rawtime)) / 2 FROM events");
    String numMid = first(capture, "SELECT max(evt_num) / 2 FROM events");
    List<String> queries = List.of(
        "SELECT " + CACHED + " FROM events",
        "SELECT " + CACHED + " FROM events WHERE evt_type IN ('read', 'write', 'open', 'openat') AND evt_dir = '<'",
        "SELECT evt_num, evt_res, proc_name, fd_name FROM events WHERE evt_failed",
        "SELECT evt_num, fd_name, evt_buflen FROM events WHERE evt_category = 'file'",
        "SELECT evt_num, evt_type, fd_num FROM events WHERE thread_tid = " + tid,
        "SELECT evt_num, evt_type, thread_tid FROM events WHERE proc_pid = " + pid + " AND fd_num IN (0, 1, 2, 3)",
        "SELECT evt_num, evt_reltime, evt_time FROM events WHERE evt_rawtime >= " + mid,
        "SELECT evt_num, evt_rawtime FROM events WHERE evt_num BETWEEN " + numMid + " AND " + numMid + " + 300",
        // A window bounded by another event: its range skips chunks of the cache as a literal one does.
        "SELECT evt_num, evt_type, proc_name, fd_name FROM events WHERE evt_rawtime BETWEEN (SELECT evt_rawtime"
            + " - 200000000 FROM events WHERE evt_num = " + numMid + ") AND (SELECT evt_rawtime + 200000000"
            + " FROM events WHERE evt_num = " + numMid + ")",
        "SELECT evt_num, evt_latency, proc_name FROM events ORDER BY evt_latency DESC NULLS LAST, evt_num LIMIT 5",
        "SELECT evt_num, evt_type, capture FROM events LIMIT 7 OFFSET 3",
        "SELECT count(*) FROM events",
        "SELECT evt_type, evt_dir, count(*), sum(evt_buflen), min(evt_latency), max(evt_rawtime) FROM events"
            + " GROUP BY evt_type, evt_dir ORDER BY 1, 2",
        "SELECT proc_name, fd_name, count(*), sum(evt_buflen) FROM events WHERE evt_is_io"
            + " GROUP BY proc_name, fd_name ORDER BY 1, 2",
        "SELECT evt_cpu, container_id, user_name, count(*) FROM events WHERE evt_type = 'switch'"
            + " GROUP BY evt_cpu, container_id, user_name ORDER BY 1, 2, 3",
        "SELECT fs_path_name, count(*) FROM events WHERE fs_path_name IS NOT NULL GROUP BY fs_path_name ORDER BY 1",
        "SELECT fd_name, sum(evt_buflen) AS b FROM events WHERE fd_type = 'file' AND evt_is_io AND evt_buflen > 0"
            + " GROUP BY fd_name ORDER BY b DESC, fd_name LIMIT 10",
        "SELECT evt_num, evt_rawres, evt_latency FROM events WHERE evt_rawres BETWEEN -20 AND 5"
            + " AND (evt_latency < 100000 OR evt_latency > 1000000000) AND NOT evt_is_io_write",
        // The thread's figures, kept as differences per thread: under filters, windows and groups.
        "SELECT evt_num, thread_tid, proc_vpid, thread_vtid, proc_nthreads, thread_vmsize, thread_vmrss,"
            + " thread_pfmajor, thread_pfminor FROM events WHERE evt_type = 'switch' OR thread_tid = " + tid,
        "SELECT evt_num, thread_cpu_user_ticks, thread_cpu_system_ticks FROM events WHERE evt_type = 'procinfo'",
        "SELECT evt_num, thread_pfminor, thread_vmrss FROM events WHERE evt_rawtime >= " + mid
            + " AND thread_pfminor > 100",
        "SELECT evt_num, thread_pfminor, thread_vmsize FROM events WHERE evt_num BETWEEN " + numMid + " AND "
            + numMid + " + 300",
        "SELECT proc_name, max(thread_pfminor), max(thread_vmsize), min(proc_vpid), sum(thread_cpu_user_ticks),"
            + " count(thread_cpu_system_ticks) FROM events GROUP BY proc_name ORDER BY 1",
        "SELECT thread_pfminor, count(*) FROM events GROUP BY thread_pfminor ORDER BY 2 DESC, 1 LIMIT 5",
        "SELECT evt_num, thread_tid, thread_pfmajor FROM events ORDER BY thread_pfmajor DESC NULLS LAST, evt_num"
            + " LIMIT 5");
    long hits = ColumnCache.shared().hits();
    for (String q : queries) {
      List<String> direct = SqlRows.of(capture, q, false);
      assertThat(SqlRows.of(capture, q, true)).as(name + ": " + q).isEqualTo(direct);
    }
    assertThat(ColumnCache.shared().hits()).as("queries served from the cache").isGreaterThan(hits);
    try (Stream<Path> beside = Files.list(captures)) {
      assertThat(beside.map(p -> p.getFileName().toString()).filter(n -> !captureNames().anyMatch(n::equals)
          && !n.equals("empty.scap"))).as("nothing written next to the captures").isEmpty();
    }
    assertThat(ColumnCache.directory()).startsWith(Path.of(System.getProperty("scapsql.cache")));
    assertThat(SqlRows.of(capture, "SELECT count(*) FROM events", true).get(0)).isNotEqualTo("0");
  }

  @Test
  void aQueryThatNeedsTheParametersReadsTheCapture() throws Exception {
    Path capture = captures.resolve("cat_write.scap");
    ColumnCache.shared().buildNow(capture);
    long hits = ColumnCache.shared().hits();
    String q = "SELECT evt_num, evt_args FROM events WHERE evt_dir = '<'";
    assertThat(SqlRows.of(capture, q, true)).isEqualTo(SqlRows.of(capture, q, false)).isNotEmpty();
    assertThat(ColumnCache.shared().hits()).isEqualTo(hits);
  }

  @Test
  void theThreadsFiguresAndCpuTicksComeFromTheCache() throws Exception {
    Path capture = captures.resolve("run_as_user_0_container.scap");
    ColumnCache.shared().buildNow(capture);
    long hits = ColumnCache.shared().hits();
    String q = "SELECT evt_num, proc_vpid, thread_vtid, proc_nthreads, thread_vmsize, thread_pfminor FROM events"
        + " WHERE evt_type = 'switch'";
    assertThat(SqlRows.of(capture, q, true)).isEqualTo(SqlRows.of(capture, q, false)).isNotEmpty();
    String ticks = "SELECT evt_num, thread_cpu_user_ticks, thread_cpu_system_ticks FROM events"
        + " WHERE thread_cpu_user_ticks IS NOT NULL";
    assertThat(SqlRows.of(capture, ticks, true)).isEqualTo(SqlRows.of(capture, ticks, false)).hasSize(345);
    assertThat(ColumnCache.shared().hits()).isEqualTo(hits + 2);
  }

  @Test
  void aChangedCaptureIsNotAnsweredFromTheOldCache() throws Exception {
    Path capture = settled(Files.copy(captures.resolve("cat_write.scap"), dir.resolve("changing.scap")));
    Path file = ColumnCache.shared().buildNow(capture);
    System.setProperty("scapsql.columnCache", "on");
    assertThat(ColumnCache.shared().open(capture)).isNotNull();
    // Same size, new contents and time: the key changes, the old file is never opened for it.
    Files.setLastModifiedTime(capture, FileTime.fromMillis(System.currentTimeMillis() - 30_000));
    assertThat(ColumnCache.shared().open(capture)).isNull();
    assertThat(ColumnCache.key(capture)).isNotNull();
    assertThat(ColumnCache.directory().resolve(ColumnCache.fileName(ColumnCache.key(capture)))).isNotEqualTo(file);
    // Being written (modified just now): not cached at all until it settles.
    Files.setLastModifiedTime(capture, FileTime.fromMillis(System.currentTimeMillis()));
    assertThat(ColumnCache.key(capture)).isNull();
  }

  /** A session that ends mid-build hands it over: the build stops here, leaves no temporary file, and says whose. */
  @Test
  void aBuildHandedOverStopsAndLeavesNothingBehind() throws Exception {
    Path capture = settled(Files.copy(captures.resolve("generated.scap"), dir.resolve("handed.scap")));
    System.setProperty("scapsql.columnCache", "on");
    try {
      try (ColumnCache.Foreground busy = ColumnCache.shared().foreground()) {
        // The build waits behind a query's pass: it is surely unfinished when handed over.
        ColumnCache.shared().buildLater(capture);
        assertThat(ColumnCache.shared().handOver()).containsExactly(capture);
      }
      assertThat(ColumnCache.shared().has(capture)).isFalse();
      try (Stream<Path> files = Files.list(ColumnCache.directory())) {
        assertThat(files.map(Path::toString)).noneMatch(n -> n.endsWith(".tmp"));
      }
      // Builds asked for later run as before.
      ColumnCache.shared().buildLater(capture);
      assertThat(ColumnCache.shared().awaitBuilds(TimeUnit.MINUTES.toMillis(2))).isTrue();
      assertThat(ColumnCache.shared().has(capture)).isTrue();
    } finally {
      System.setProperty("scapsql.columnCache", "off");
    }
  }

  /** A clean cache file of {@code capture}, none of it opened by this JVM yet. */
  private static Path freshCache(Path capture) {
    assertThat(ColumnCache.shared().awaitBuilds(TimeUnit.MINUTES.toMillis(2))).isTrue();
    ColumnCache.shared().forget(capture);
    ColumnCache.shared().forget();
    return ColumnCache.shared().buildNow(capture);
  }

  private static List<CacheFormat.Chunk> chunks(Path file, Path capture) throws IOException {
    try (CacheFile f = CacheFile.open(file, ColumnCache.key(capture))) {
      return f.chunks;
    }
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x5A);
    }
  }

  @Test
  void aDamagedCacheIsDeletedAndRebuiltNeverTrusted() throws Exception {
    Path capture = settled(Files.copy(captures.resolve("generated.scap"), dir.resolve("damaged.scap")));
    Path file = freshCache(capture);
    List<CacheFormat.Chunk> chunks = chunks(file, capture);
    assertThat(chunks).hasSizeGreaterThan(2);
    // Every path a cached scan takes: rows in file order, a per-code GROUP BY, a top-N.
    List<String> queries = List.of("SELECT " + CACHED + " FROM events",
        "SELECT evt_type, count(*), sum(evt_buflen), max(thread_pfminor) FROM events GROUP BY evt_type ORDER BY 1",
        "SELECT evt_num, proc_name, thread_vmrss FROM events ORDER BY evt_latency DESC NULLS LAST, evt_num LIMIT 9");
    List<List<String>> truth = new ArrayList<>();
    for (String q : queries) {
      truth.add(SqlRows.of(capture, q, false));
    }
    // A chunk's table, the middle of a chunk's slots, the footer: the first two are found when
    // the chunk is first read (the rows before it came from the cache, the rest from the capture).
    long[] places = {chunks.get(0).offset() + 10, chunks.get(1).offset() + chunks.get(1).length() / 2,
        Files.size(file) - 30};
    for (long at : places) {
      for (int q = 0; q < queries.size(); q++) {
        file = freshCache(capture);
        flipByte(file, at);
        long hits = ColumnCache.shared().hits();
        assertThat(SqlRows.of(capture, queries.get(q), true)).as("damage at " + at + ": " + queries.get(q))
            .isEqualTo(truth.get(q));
        boolean inFooter = at > chunks.get(chunks.size() - 1).offset();
        if (inFooter) {
          // Found at open, before any use; the query that read the capture then builds it anew.
          assertThat(ColumnCache.shared().hits()).as("a damaged footer is never used").isEqualTo(hits);
        } else if (q == 0) {
          assertThat(file).as("damage at " + at + " found and the file deleted").doesNotExist();
        }
        if (!Files.exists(file)) {
          // Not trusted again: the next query reads the capture (and builds the cache anew).
          ColumnCache.shared().awaitBuilds(TimeUnit.MINUTES.toMillis(2));
          assertThat(SqlRows.of(capture, queries.get(q), true)).isEqualTo(truth.get(q));
        }
      }
    }
    // Truncated (a build that died): also ignored.
    file = freshCache(capture);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() / 3);
    }
    System.setProperty("scapsql.columnCache", "on");
    assertThat(ColumnCache.shared().open(capture)).isNull();
    // The next full scan builds it again in the background.
    assertThat(SqlRows.of(capture, queries.get(1), true)).isEqualTo(truth.get(1));
    assertThat(ColumnCache.shared().awaitBuilds(TimeUnit.MINUTES.toMillis(2))).isTrue();
    assertThat(file).isRegularFile();
    assertThat(SqlRows.of(capture, queries.get(1), true)).isEqualTo(truth.get(1));
  }

  @Test
  void chunksAreCheckedWhenFirstReadNotWhenOpened() throws Exception {
    Path capture = settled(Files.copy(captures.resolve("generated.scap"), dir.resolve("lazy.scap")));
    Path file = freshCache(capture);
    List<CacheFormat.Chunk> chunks = chunks(file, capture);
    CacheFormat.Chunk last = chunks.get(chunks.size() - 1);
    flipByte(file, last.offset() + last.length() - 3);
    // A window inside the first chunk never reads the last one: answered from the cache, file kept.
    String early = "SELECT evt_num, evt_type, proc_name, thread_pfminor FROM events WHERE evt_num BETWEEN 10 AND 900";
    List<String> truth = SqlRows.of(capture, early, false);
    long hits = ColumnCache.shared().hits();
    assertThat(SqlRows.of(capture, early, true)).isEqualTo(truth).isNotEmpty();
    assertThat(ColumnCache.shared().hits()).isGreaterThan(hits);
    assertThat(file).exists();
    // Reading every chunk finds it: the answer is still whole, and the file is gone.
    String all = "SELECT " + CACHED + " FROM events";
    assertThat(SqlRows.of(capture, all, true)).isEqualTo(SqlRows.of(capture, all, false));
    assertThat(file).doesNotExist();
    System.setProperty("scapsql.columnCache", "on");
    assertThat(ColumnCache.shared().open(capture)).isNull();
    System.setProperty("scapsql.columnCache", "off");
  }

  @Test
  void twoProcessesBuildingAtOnceBothFinishAndTheResultIsWhole() throws Exception {
    Path capture = settled(Files.copy(captures.resolve("generated.scap"), dir.resolve("twice.scap")));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ps.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "-Dscapsql.cache=" + System.getProperty("scapsql.cache"), "-Dscapsql.columnCache.minBytes=0",
          BuildCache.class.getName(), capture.toString()).redirectErrorStream(true).start());
    }
    for (Process p : ps) {
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
    try (Stream<Path> left = Files.list(ColumnCache.directory())) {
      assertThat(left.filter(p -> p.toString().endsWith(".tmp")).count()).as("temporary files left").isZero();
    }
    String q = "SELECT " + CACHED + " FROM events";
    assertThat(SqlRows.of(capture, q, true)).isEqualTo(SqlRows.of(capture, q, false));
  }

  @Test
  void leastRecentlyUsedFilesGoFirstWhenTheBoundIsReached() throws Exception {
    Path d = Files.createDirectories(dir.resolve("evict"));
    Path old = Files.write(d.resolve("a.cols"), new byte[1000]);
    Path mid = Files.write(d.resolve("b.cols"), new byte[1000]);
    Path recent = Files.write(d.resolve("c.cols"), new byte[1000]);
    Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(mid, FileTime.fromMillis(2_000_000));
    System.setProperty("scapsql.columnCache.maxBytes", "2500");
    try {
      ColumnCache.evict(d, old);
    } finally {
      System.clearProperty("scapsql.columnCache.maxBytes");
    }
    assertThat(old).as("kept: the file just written").exists();
    assertThat(mid).as("least recently used of the others").doesNotExist();
    assertThat(recent).exists();
  }

  @Test
  void entityFilesCountTowardsTheBoundAndGoInTheSameOrder() throws Exception {
    Path d = Files.createDirectories(dir.resolve("evict-ents"));
    Path oldest = Files.write(d.resolve("a" + ColumnCache.ENTITIES), new byte[1000]);
    Path older = Files.write(d.resolve("b.cols"), new byte[1000]);
    Path old = Files.write(d.resolve("c" + ColumnCache.ENTITIES), new byte[1000]);
    Path recent = Files.write(d.resolve("d.cols"), new byte[1000]);
    Path justWritten = Files.write(d.resolve("e" + ColumnCache.ENTITIES), new byte[1000]);
    Path other = Files.write(d.resolve("notes.txt"), new byte[5000]);
    long t = 1_000_000;
    for (Path p : List.of(justWritten, oldest, older, old, recent)) {
      Files.setLastModifiedTime(p, FileTime.fromMillis(t += 1_000_000));
    }
    // 5,000 bytes of cache files against a bound of 2,500: the three least recently used go,
    // .ents and .cols alike, whatever else the folder holds; the file just written stays.
    System.setProperty("scapsql.columnCache.maxBytes", "2500");
    try {
      ColumnCache.evict(d, justWritten);
    } finally {
      System.clearProperty("scapsql.columnCache.maxBytes");
    }
    assertThat(oldest).doesNotExist();
    assertThat(older).doesNotExist();
    assertThat(old).doesNotExist();
    assertThat(recent).exists();
    assertThat(justWritten).exists();
    assertThat(other).as("not a cache file: neither counted nor deleted").exists();
  }
}
