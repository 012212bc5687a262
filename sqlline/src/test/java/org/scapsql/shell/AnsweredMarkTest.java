package org.scapsql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's mark of a command answered from kept rows: made, kept, removed and bounded. */
class AnsweredMarkTest {
  @TempDir
  Path tmp;

  @Test
  void markedOnlyWhenTheNextRunWillBeAnsweredFromKeptRows() {
    Path results = tmp.resolve("results");
    AnsweredMark.record(results, "42", 0, 0, 0);
    assertThat(results).doesNotExist();
    // Planned and not kept (EXPLAIN, a capture still being written, rows too many to keep).
    AnsweredMark.record(results, "42", 0, 1, 0);
    assertThat(results).doesNotExist();
    AnsweredMark.record(results, "42", 2, 1, 0);
    assertThat(results).doesNotExist();
    // Planned and kept: the next run reads the rows back.
    AnsweredMark.record(results, "42", 0, 1, 1);
    assertThat(results.resolve("answered-42")).isEmptyFile();
    AnsweredMark.record(results, "42", 2, 0, 0);
    assertThat(results.resolve("answered-42")).exists();
    AnsweredMark.record(results, "7", 1, 0, 0);
    assertThat(results.resolve("answered-7")).exists();
    // A run that planned and kept nothing: its kept rows were gone, so the mark goes too.
    AnsweredMark.record(results, "42", 1, 1, 0);
    assertThat(results.resolve("answered-42")).doesNotExist();
    assertThat(results.resolve("answered-7")).exists();
  }

  @Test
  void theOldestMarksGoBeyondTheBound() throws IOException {
    Path results = Files.createDirectories(tmp.resolve("results"));
    long now = System.currentTimeMillis();
    for (int i = 0; i < AnsweredMark.KEPT; i++) {
      Path m = Files.createFile(results.resolve("answered-" + i));
      Files.setLastModifiedTime(m, FileTime.fromMillis(now - 1_000_000 + i * 1000L));
    }
    Path rows = Files.createFile(results.resolve("0123.rows"));
    Files.setLastModifiedTime(rows, FileTime.fromMillis(now - 10_000_000));
    AnsweredMark.record(results, "999", 1, 0, 0);
    try (Stream<Path> files = Files.list(results)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("answered-")).count())
          .isEqualTo(AnsweredMark.KEPT);
    }
    assertThat(results.resolve("answered-0")).as("the oldest mark").doesNotExist();
    assertThat(results.resolve("answered-1")).exists();
    assertThat(results.resolve("answered-999")).exists();
    assertThat(rows).as("kept rows are not marks").exists();
  }
}
