package org.scapsql.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.scapsql.adapter.cache.ColumnCache;
import org.scapsql.adapter.connection.ScapConnections;
import org.scapsql.reader.CacheDirectory;

/**
 * The mark that tells {@code bin/scapsql} the next run of a one-shot command will be
 * answered entirely from kept rows, so that it starts its JVM with C1 alone (the optimizing
 * compiler costs a third of such a run and has nothing to optimize): every statement of
 * this run was either answered from kept rows or planned and its rows written to disk. The
 * launcher names the command by a checksum it passes as {@value #PROPERTY}; the mark is an
 * empty file {@code results/answered-<checksum>} in the cache folder, beside the kept rows
 * it vouches for. A run with a statement planned and not kept removes it, so a mark
 * outliving its rows (evicted, a new build) slows one run and no more.
 */
final class AnsweredMark {
  static final String PROPERTY = "scapsql.launch.answerKey";
  /** Marks kept, the most recently used: one per command line, so a folder of them stays small. */
  static final int KEPT = 256;
  private static final String PREFIX = "answered-";

  private AnsweredMark() {}

  /** After a one-shot command: marks it, unmarks it or leaves it, as its statements were answered. */
  static void record() {
    String key = System.getProperty(PROPERTY);
    if (key == null || !key.matches("[0-9]{1,20}") || !ColumnCache.enabled()) {
      return;
    }
    long[] tally = ScapConnections.reuseTally();
    record(CacheDirectory.path().resolve("results"), key, tally[0], tally[1], tally[2]);
  }

  /**
   * In folder {@code results}: {@code replayed} statements answered from kept rows,
   * {@code planned} planned, {@code stored} of those planned written to disk.
   */
  static void record(Path results, String key, long replayed, long planned, long stored) {
    Path mark = results.resolve(PREFIX + key);
    try {
      if (planned > stored) {
        Files.deleteIfExists(mark);
      } else if (replayed + stored > 0) {
        if (Files.exists(mark)) {
          Files.setLastModifiedTime(mark, FileTime.fromMillis(System.currentTimeMillis()));
        } else {
          Files.createDirectories(results);
          Files.createFile(mark);
          prune(results);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Only a hint for the next start: a folder that cannot be written means no mark.
    }
  }

  private static void prune(Path results) throws IOException {
    List<Path> marks = new ArrayList<>();
    try (Stream<Path> files = Files.list(results)) {
      files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).forEach(marks::add);
    }
    if (marks.size() <= KEPT) {
      return;
    }
    marks.sort(Comparator.comparing(AnsweredMark::modified).reversed());
    for (Path old : marks.subList(KEPT, marks.size())) {
      Files.deleteIfExists(old);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
