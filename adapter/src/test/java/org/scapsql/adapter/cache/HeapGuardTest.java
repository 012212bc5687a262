package org.scapsql.adapter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.Fixtures;
import org.scapsql.TestCache;
import org.scapsql.adapter.SqlRows;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;

/**
 * The column cache's heap guard: it says "tight" exactly when an old generation stays at
 * 70% or more after a collection, both on readings given to it and on a JVM whose heap is
 * really filled (each collector that names an old generation); and a build that meets it
 * gives up cleanly: no cache file, no temporary file, the query still right, and a later
 * build succeeds.
 */
class HeapGuardTest {
  private static final long MIB = 1 << 20;

  @TempDir
  static Path dir;
  private static TestCache cache;
  /** Three chunks of events, so that a build can give up in the middle. */
  private static Path generated;

  @BeforeAll
  static void setUp() throws IOException {
    cache = TestCache.in(dir.resolve("cache"));
    generated = dir.resolve("generated.scap");
    new Generator(GeneratorOptions.of(14L << 20, 3)).generate(generated);
    settled(generated);
  }

  @AfterAll
  static void tearDown() {
    cache.close();
    ColumnCache.shared().forget();
  }

  @AfterEach
  void realReadings() {
    HeapGuard.source = HeapGuard.JVM;
  }

  /** A capture last modified a minute ago: one modified in the last seconds is not cached yet. */
  private static Path settled(Path p) throws IOException {
    Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    return p;
  }

  /** A pool's usage after a collection: {@code used} of {@code max} bytes. */
  private static MemoryUsage usage(long used, long max) {
    return new MemoryUsage(0, used, Math.max(used, max), max);
  }

  @Test
  void tightFromSeventyPercentOfTheOldGenerationOn() {
    long max = 1000 * MIB;
    assertThat(HeapGuard.tight(List.of(usage(0, max)))).isFalse();
    assertThat(HeapGuard.tight(List.of(usage(max / 2, max)))).isFalse();
    assertThat(HeapGuard.tight(List.of(usage(700 * MIB - 1, max)))).as("just under 70%").isFalse();
    assertThat(HeapGuard.tight(List.of(usage(700 * MIB, max)))).as("70%").isTrue();
    assertThat(HeapGuard.tight(List.of(usage(max, max)))).isTrue();
  }

  @Test
  void onePoolOverTheLimitIsEnough() {
    assertThat(HeapGuard.tight(List.of(usage(10 * MIB, 100 * MIB), usage(90 * MIB, 100 * MIB)))).isTrue();
    assertThat(HeapGuard.tight(List.of(usage(10 * MIB, 100 * MIB), usage(60 * MIB, 100 * MIB)))).isFalse();
  }

  @Test
  void noPoolOrNoMaximumIsNeverTight() {
    // A collector without an old generation (ZGC, Shenandoah), a pool without a maximum, a pool
    // that cannot report its usage after a collection: nothing to measure against.
    assertThat(HeapGuard.tight(List.of())).isFalse();
    assertThat(HeapGuard.tight(List.of(new MemoryUsage(0, 900 * MIB, 900 * MIB, -1)))).isFalse();
    assertThat(HeapGuard.tight(Arrays.asList((MemoryUsage) null))).isFalse();
  }

  @Test
  void theJvmReadingsAreTheOldGeneration() {
    // Tests run with -Xmx512m and the default collector (G1, or serial on one core): one old
    // generation, whose maximum is known.
    List<MemoryUsage> readings = HeapGuard.JVM.get();
    assertThat(readings).hasSize(1);
    assertThat(readings.get(0).getMax()).isPositive();
  }

  /**
   * In a JVM of 128 MiB of its own, filled for real: not tight empty nor half full, tight at
   * 80% (and a build gives up, leaving nothing), not tight once the memory is released (and a
   * build succeeds); no build of the same file is left running beside either.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-XX:+UseSerialGC", "-XX:+UseParallelGC", "-XX:+UseG1GC"})
  void aReallyFullOldGenerationIsTightAndABuildGivesUp(String collector) throws Exception {
    Path cache = dir.resolve("pressure" + collector.replaceAll("\\W", ""));
    Path capture = settled(Files.copy(Fixtures.capture("cat_write.scap"), dir.resolve(cache.getFileName()
        + ".scap")));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx128m", collector, "-cp", System.getProperty("java.class.path"),
        "-Dscapsql.cache=" + cache, "-Dscapsql.columnCache=on", "-Dscapsql.columnCache.minBytes=0",
        HeapPressure.class.getName(), capture.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    List<String> lines = out.lines().toList();
    assertThat(lines).as(out).hasSize(7);
    assertThat(lines.get(0)).matches("pool (Tenured Gen|PS Old Gen|G1 Old Gen)");
    assertThat(lines.get(1)).as(out).matches("start 0\\.\\d+ tight=false");
    assertThat(lines.get(2)).as(out).matches("half 0\\.[56]\\d+ tight=false");
    assertThat(lines.get(3)).as(out).matches("full 0\\.[89]\\d+ tight=true");
    assertThat(lines.get(4)).as(out).isEqualTo("build under pressure none files=[]");
    assertThat(lines.get(5)).as(out).matches("released 0\\.[0-4]\\d+ tight=false");
    assertThat(lines.get(6)).as(out).isEqualTo("build after built files=[cols]");
  }


  /** The names of the files in the cache folder. */
  private static List<String> cacheFiles() throws IOException {
    if (!Files.isDirectory(ColumnCache.directory())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(ColumnCache.directory())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aBuildThatMeetsPressureGivesUpCleanlyAndALaterOneSucceeds() throws Exception {
    String q = "SELECT evt_type, count(*), sum(evt_buflen), max(evt_latency) FROM events GROUP BY evt_type ORDER BY 1";
    List<String> truth = SqlRows.of(generated, q, false);
    assertThat(truth).hasSizeGreaterThan(10);
    assertThat(Long.parseLong(SqlRows.of(generated, "SELECT count(*) FROM events", false).get(0)))
        .isGreaterThan(2L * CacheFormat.CHUNK);
    assertThat(cacheFiles()).isEmpty();

    // Tight from the start: the build gives up before it writes anything.
    AtomicInteger readings = new AtomicInteger();
    HeapGuard.source = () -> {
      readings.incrementAndGet();
      return List.of(usage(800 * MIB, 1000 * MIB));
    };
    assertThat(ColumnCache.shared().buildNow(generated)).isNull();
    assertThat(readings.get()).as("asked once, before the first chunk").isEqualTo(1);
    assertThat(cacheFiles()).isEmpty();

    // Room at the start and after the first chunk, then tight: the build gives up in the middle,
    // two chunks written, and no second build of the same file was started beside it.
    readings.set(0);
    HeapGuard.source = () -> List.of(usage(readings.incrementAndGet() <= 2 ? 100 * MIB : 800 * MIB, 1000 * MIB));
    assertThat(ColumnCache.shared().buildNow(generated)).isNull();
    assertThat(ColumnCache.shared().awaitBuilds(0)).as("no build left running").isTrue();
    assertThat(readings.get()).as("asked at the start and after two chunks, not after the third").isEqualTo(3);
    assertThat(cacheFiles()).as("neither a cache file nor a temporary one").isEmpty();

    // A query while the heap stays tight: answered from the capture, and its background build gives up too.
    HeapGuard.source = () -> List.of(usage(950 * MIB, 1000 * MIB));
    long hits = ColumnCache.shared().hits();
    assertThat(SqlRows.of(generated, q, true)).isEqualTo(truth);
    assertThat(ColumnCache.shared().awaitBuilds(TimeUnit.MINUTES.toMillis(2))).isTrue();
    assertThat(ColumnCache.shared().hits()).isEqualTo(hits);
    assertThat(cacheFiles()).isEmpty();

    // Room again (this JVM's own readings): the next build succeeds and the query is answered from it.
    HeapGuard.source = HeapGuard.JVM;
    Path file = ColumnCache.shared().buildNow(generated);
    assertThat(file).isRegularFile();
    assertThat(ColumnCache.shared().awaitBuilds(0)).as("no second build of the same file").isTrue();
    assertThat(cacheFiles()).containsExactly(file.getFileName().toString());
    assertThat(SqlRows.of(generated, q, true)).isEqualTo(truth);
    assertThat(ColumnCache.shared().hits()).isGreaterThan(hits);
  }
}
