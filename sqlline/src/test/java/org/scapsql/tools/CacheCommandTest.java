package org.scapsql.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;
import org.scapsql.adapter.cache.ColumnCache;

/**
 * {@code scapsql cache} builds a capture's column file and entity tables; a one-shot
 * query hands the same build to a process of its own, which finishes after it exits.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CacheCommandTest {
  @TempDir
  Path dir;
  private Path capture;

  @BeforeEach
  void cacheOn() throws Exception {
    System.setProperty("scapsql.cache", dir.resolve("cache").toString());
    System.setProperty("scapsql.columnCache", "on");
    System.setProperty("scapsql.columnCache.minBytes", "0");
    capture = Files.copy(Fixtures.capture("run_as_user_0_container.scap"), dir.resolve("c.scap"));
    // Modified a minute ago: a capture modified in the last seconds may still be being written.
    Files.setLastModifiedTime(capture, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
  }

  @AfterEach
  void cacheOff() {
    System.setProperty("scapsql.columnCache", "off");
    System.clearProperty("scapsql.columnCache.minBytes");
    System.clearProperty("scapsql.cache");
    ColumnCache.shared().forget(capture);
  }

  private List<String> files(String suffix) throws Exception {
    Path columns = dir.resolve("cache").resolve("columns");
    if (!Files.isDirectory(columns)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(columns)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).toList();
    }
  }

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = CacheCommand.main(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void buildsTheColumnFileAndTheEntityTablesOnce() throws Exception {
    assertThat(ColumnCache.shared().has(capture)).isFalse();
    String[] first = run(capture.toString());
    assertThat(first[0]).isEqualTo("0");
    assertThat(first[2]).isEmpty();
    assertThat(first[1]).matches(java.util.regex.Pattern.quote(capture.toString()) + ": cached in \\d+\\.\\d s\n");
    assertThat(ColumnCache.shared().has(capture)).isTrue();
    assertThat(files(".cols")).hasSize(1);
    assertThat(files(".ents")).hasSize(1);

    String[] again = run(capture.toString());
    assertThat(again[1]).startsWith(capture + ": cached already in ");
    assertThat(files(".cols")).hasSize(1);
  }

  @Test
  void aOneShotQueryHandsItsBuildToAProcessThatOutlivesIt() throws Exception {
    Process p = CacheCommand.spawn(List.of(capture));
    assertThat(p).isNotNull();
    assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("the builder process ends").isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(ColumnCache.shared().has(capture)).isTrue();
    assertThat(files(".ents")).hasSize(1);
    assertThat(files(".tmp")).isEmpty();
  }

  /** The builder gets this JVM's -Xmx as given (the suite runs with -Xmx512m), not the figure the JVM reports. */
  @Test
  void theBuilderGetsTheHeapLimitAsGiven() {
    assertThat(CacheCommand.heapLimit()).isEqualTo("-Xmx512m");
  }

  @Test
  void withTheCacheOffItSaysSo() {
    System.setProperty("scapsql.columnCache", "off");
    String[] r = run(capture.toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).isEqualTo("scapsql cache: the column cache is off (scapsql.columnCache or SCAPSQL_COLUMN_CACHE)\n");
  }

  @Test
  void usageErrors() {
    assertThat(run()[0]).isEqualTo("2");
    String[] bogus = run("--bogus", capture.toString());
    assertThat(bogus[0]).isEqualTo("2");
    assertThat(bogus[2]).startsWith("scapsql cache: unknown option --bogus\n");
  }
}
