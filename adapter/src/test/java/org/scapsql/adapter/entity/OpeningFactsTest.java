package org.scapsql.adapter.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapsql.Fixtures;
import org.scapsql.adapter.SqlRows;

/**
 * The columns of {@code scap.capture} that the opening of a file tells (name, path, size,
 * compression, dialect) come without the entity pass, and equal what the pass reports;
 * any other column still takes the pass.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OpeningFactsTest {
  private static final String OPENING = "SELECT capture, path, size_bytes, compressed, dialect FROM scap.capture";
  @RegisterExtension
  final CountedPasses counted = new CountedPasses();
  private final AtomicInteger passes = counted.count;

  @ParameterizedTest
  @MethodSource("org.scapsql.Fixtures#captureNames")
  void theOpeningColumnsEqualThePassesAndTakeNoPass(String name) throws Exception {
    Path capture = Fixtures.capture(name);
    List<String> opening = SqlRows.of(capture, OPENING);
    assertThat(passes).as("the opening columns alone run no entity pass").hasValue(0);

    // The same columns, with one that only the pass knows beside them.
    List<String> viaPass = SqlRows.of(capture,
        "SELECT capture, path, size_bytes, compressed, dialect, events FROM scap.capture").stream()
        .map(r -> r.substring(0, r.lastIndexOf('|'))).toList();
    assertThat(passes).hasValue(1);
    assertThat(opening).isEqualTo(viaPass).hasSize(1);
    assertThat(opening.get(0)).startsWith(name + "|");
  }

  @Test
  void theDialectOfOldAndNewCapturesIsTheOneTheReaderChooses() throws Exception {
    assertThat(SqlRows.of(Fixtures.capture("cat_write.scap"), "SELECT dialect FROM scap.capture"))
        .containsExactly("sysdig_0_29");
    assertThat(SqlRows.of(Fixtures.capture("modern-small.scap.gz"), "SELECT dialect FROM scap.capture"))
        .containsExactly("current");
    assertThat(passes).hasValue(0);
  }

  /** A file that is not a capture: the opening gives nothing, and the pass reports the error as it always did. */
  @Test
  void aFileThatIsNoCaptureTakesThePassAndItsError(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.scap"), "not a capture at all, just some text");
    assertThat(OpeningFacts.of(junk)).isNull();
  }

  /** A view that joins the events with the capture's dialect: its pass runs beside the scan, once. */
  @Test
  void aViewLikeJoinRunsOnePassBesideItsEventsScan() throws Exception {
    Path capture = Fixtures.capture("cat_write.scap");
    List<String> rows = SqlRows.of(capture, "SELECT count(*), max(c.dialect) FROM scap.events e"
        + " JOIN scap.capture c ON c.capture = e.capture"
        + " UNION ALL SELECT count(*), NULL FROM scap.threads WHERE thread_end IS NULL");
    assertThat(passes).hasValue(1);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).endsWith("|sysdig_0_29");
  }
}
