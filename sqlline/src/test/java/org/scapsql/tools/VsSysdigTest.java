package org.scapsql.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scapsql.Fixtures;

/**
 * {@code bench --vs-sysdig --only}: which questions a run asks, and what a wrong
 * {@code --only} says. Timings are the bench's output, not checked here.
 */
class VsSysdigTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int bench(String... args) {
    return Bench.main(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static List<String> names(List<VsSysdig.Question> qs) {
    return qs.stream().map(VsSysdig.Question::name).toList();
  }

  /** The list an error about --only ends with: every question, one a line. */
  private static String questionList() {
    return VsSysdig.questions().stream().map(q -> System.lineSeparator() + "  " + q.name())
        .collect(Collectors.joining("", "; the questions are:", System.lineSeparator()));
  }

  @Test
  void questionNamesAreUniqueAndHaveNoComma() {
    List<String> all = names(VsSysdig.questions());
    assertThat(all).hasSize(23).doesNotHaveDuplicates().noneMatch(n -> n.contains(",") || !n.equals(n.strip()));
    assertThat(all).startsWith("count events", "events by type").endsWith("inspect.system_calls");
  }

  @Test
  void aRunAtTheStartOfSelectOneIsABoundNotANoisyRatio() {
    // 2.0 s first, SELECT 1 at 1.0 s: 0.5 s above it is 2x; 0.01 s above (noise) is no 100x.
    assertThat(VsSysdig.aboveSelect1(2.0, 1.5, 1.0)).isEqualTo("2.0x");
    assertThat(VsSysdig.aboveSelect1(2.0, 1.01, 1.0)).isEqualTo("at SELECT 1 (>= 20x)");
    assertThat(VsSysdig.aboveSelect1(2.0, 0.95, 1.0)).isEqualTo("at SELECT 1 (>= 20x)");
    assertThat(VsSysdig.aboveSelect1(2.0, 1.05, 1.0)).isEqualTo("20.0x");
  }

  @Test
  void withoutOnlyEveryQuestionRuns() {
    assertThat(names(VsSysdig.select(List.of()))).isEqualTo(names(VsSysdig.questions()));
  }

  @Test
  void onlyKeepsTheBenchsOrderTrimsNamesAndDropsRepeats() {
    // Spaces around the commas, an empty piece, a name twice and a second --only: all one selection.
    List<VsSysdig.Question> chosen = VsSysdig.select(List.of(" inspect.files , count events,,", "count events",
        "spy users"));
    assertThat(names(chosen)).containsExactly("count events", "spy users", "inspect.files");
    Map<String, VsSysdig.Question> byName = VsSysdig.questions().stream()
        .collect(Collectors.toMap(VsSysdig.Question::name, q -> q));
    assertThat(chosen).allMatch(q -> q.equals(byName.get(q.name())));
    assertThat(chosen.get(2).sql()).isEqualTo("SELECT * FROM inspect.files");
    assertThat(chosen.get(2).sysdig()).containsExactly("csysdig", "-v", "files", "-j", "-pc");
  }

  @Test
  void unknownNamesAreNamedAndTheQuestionsListed() {
    assertThatThrownBy(() -> VsSysdig.select(List.of("count events,Count Events,inspect.procs")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--only: unknown questions 'Count Events', 'inspect.procs'" + questionList().strip());
  }

  @Test
  void anUnknownNameStopsTheBenchBeforeItRunsAnything() {
    Path capture = Fixtures.capture("cat_write.scap");
    assertThat(bench("--vs-sysdig", "--only", "count events,top_files", capture.toString())).isEqualTo(2);
    assertThat(err()).isEqualTo("scapsql bench: --only: unknown question 'top_files'" + questionList());
    assertThat(out()).as("nothing timed, not even the capture's header line").isEmpty();
  }

  @Test
  void onlyThatNamesNothingIsAnError() {
    assertThat(bench("--vs-sysdig", "--only", " , ", "x.scap")).isEqualTo(2);
    assertThat(err()).isEqualTo("scapsql bench: --only names no question" + questionList());
    assertThat(out()).isEmpty();
  }

  @Test
  void onlyNeedsItsNamesAndTheVsSysdigBench() {
    assertThat(bench("--vs-sysdig", "x.scap", "--only")).isEqualTo(2);
    assertThat(err()).isEqualTo("scapsql bench: --only needs question names, comma-separated (as bench --vs-sysdig"
        + " prints them)" + System.lineSeparator());
    err.reset();
    assertThat(bench("--only", "count events", "x.scap")).isEqualTo(2);
    assertThat(err()).isEqualTo("scapsql bench: --only selects questions of --vs-sysdig" + System.lineSeparator());
    assertThat(out()).isEmpty();
  }

  @Test
  void aMissingCaptureIsOneLine() {
    assertThat(bench("--vs-sysdig", "--only", "count events", "no-such.scap")).isEqualTo(1);
    assertThat(err()).isEqualTo("scapsql bench: no such capture: no-such.scap" + System.lineSeparator());
    assertThat(out()).isEmpty();
  }

  @Test
  void aRunWithOnlyAsksJustTheNamedQuestion() {
    String cache = System.getProperty("scapsql.cache");
    String columnCache = System.getProperty("scapsql.columnCache");
    Path capture = Fixtures.capture("cat_write.scap");
    try {
      assertThat(bench("--vs-sysdig", "--only", "errors by type", capture.toString())).as(err()).isZero();
    } finally {
      // The bench points this JVM's cache settings at its own folder, which it has deleted.
      restore("scapsql.cache", cache);
      restore("scapsql.columnCache", columnCache);
    }
    List<String> rows = out().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| question")
        && !l.startsWith("| ---")).toList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).startsWith("| errors by type | ");
    // One cell per column of the header, the new question in a warm JVM among them, timed.
    String header = out().lines().filter(l -> l.startsWith("| question")).findFirst().orElseThrow();
    assertThat(header).contains("| new question, warm JVM |", "| first / new question in warm JVM |");
    String[] cells = rows.get(0).split(" \\| ", -1);
    assertThat(cells).hasSize(header.split(" \\| ", -1).length);
    assertThat(cells[6]).matches("\\d+\\.\\d\\d s");
    // Every process it started answered: no cell says it failed.
    assertThat(rows.get(0)).doesNotContain("exit ", "failed", "out of memory");
    assertThat(out()).startsWith(capture + ": ").contains("bin/scapsql -e \"SELECT 1\": ");
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
