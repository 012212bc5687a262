package org.scapsql.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.Fixtures;
import org.scapsql.TestCache;
import org.scapsql.adapter.ScanCounters;
import org.scapsql.adapter.cache.ColumnCache;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;

/**
 * Inspect's table views read only what the column cache holds: with a capture's cache
 * and entity file built, a view's events come from the cache (no event of the capture
 * goes through the state tracker) and its rows are the rows without the cache.
 */
class ViewsFromColumnCacheTest {
  /** Views without a row on these captures (no bind or listen, no file I/O slower than their bound). */
  private static final Set<String> EMPTY_HERE = Set.of("port_bindings", "slow_file_io");

  @TempDir
  static Path dir;
  private static final List<Path> CAPTURES = new ArrayList<>();
  private static TestCache cache;

  @BeforeAll
  static void setUp() throws Exception {
    cache = TestCache.in(dir.resolve("cache"));
    for (String name : List.of("run_as_user_0_container.scap", "connect_localhost.scap", "cat_write.scap")) {
      CAPTURES.add(Files.copy(Fixtures.capture(name), dir.resolve(name)));
    }
    // A web host's accepted connections, which the recordings lack.
    new Generator(GeneratorOptions.of(3L << 20, 3)).generate(dir.resolve("generated.scap"));
    CAPTURES.add(dir.resolve("generated.scap"));
    for (Path capture : CAPTURES) {
      // Settled: a capture modified in the last seconds may still be being written, and is not cached.
      Files.setLastModifiedTime(capture, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }
    System.setProperty("scapsql.columnCache", "on");
    try {
      for (Path capture : CAPTURES) {
        assertThat(ColumnCache.shared().buildNow(capture)).isRegularFile();
      }
      // The first entity query leaves the entity file beside the column file.
      rows("SELECT count(*) FROM scap.processes");
      assertThat(ColumnCache.shared().awaitBuilds(TimeUnit.MINUTES.toMillis(2))).isTrue();
    } finally {
      System.setProperty("scapsql.columnCache", "off");
    }
  }

  @AfterAll
  static void tearDown() {
    cache.close();
  }

  private static List<String> rows(String query) throws Exception {
    return ViewRows.of(CAPTURES, query);
  }

  @ParameterizedTest
  @ValueSource(strings = {"containers", "directories", "errors", "files", "io_by_type", "new_connections",
      "page_faults", "port_bindings", "processes", "processes_cpu", "processes_errors", "server_ports",
      "slow_file_io", "spy_users", "syscall_callers", "system_calls", "threads"})
  void aViewIsAnsweredFromTheCacheWithTheSameRows(String view) throws Exception {
    String q = "SELECT * FROM inspect." + view;
    List<String> direct = rows(q);
    System.setProperty("scapsql.columnCache", "on");
    try {
      long hits = ColumnCache.shared().hits();
      long tracked = ScanCounters.EVENTS_TRACKED.get();
      long decoded = ScanCounters.EVENTS_DECODED.get();
      List<String> cached = rows(q);
      assertThat(cached).as(view).containsExactlyInAnyOrderElementsOf(direct);
      if (!EMPTY_HERE.contains(view)) {
        assertThat(direct).as(view).isNotEmpty();
      }
      assertThat(ColumnCache.shared().hits()).as(view + ": scans served from the cache").isGreaterThan(hits);
      assertThat(ScanCounters.EVENTS_TRACKED.get() - tracked).as(view + ": events tracked from the capture")
          .isZero();
      assertThat(ScanCounters.EVENTS_DECODED.get() - decoded).as(view + ": events decoded from the capture")
          .isZero();
    } finally {
      System.setProperty("scapsql.columnCache", "off");
    }
  }
}
