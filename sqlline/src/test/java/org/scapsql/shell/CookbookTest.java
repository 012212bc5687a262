package org.scapsql.shell;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every query of docs/cookbook.md runs, through {@code bin/scapsql -e}, on the demo
 * capture and on real captures; on the demo capture it prints exactly the answer
 * the page shows under it.
 *
 * <p>When a change of the code changes an answer on purpose, run this test with
 * {@code -Dscapsql.updateCookbook=true} to write the new answers into the page, and
 * check them against docs/generated-capture.md before committing.
 */
class CookbookTest {
  /** A query of the page, with the answer printed under it (null if none) and where that answer is. */
  record Query(String heading, String sql, String expected, int answerFrom, int answerTo) {}

  @TempDir
  static Path cache;

  private static String cacheBefore;
  private static Path demo;

  @BeforeAll
  static void makeTheDemoCapture() {
    cacheBefore = System.getProperty("scapsql.cache");
    System.setProperty("scapsql.cache", cache.toString());
    demo = DemoCaptures.path();
  }

  @AfterAll
  static void restoreTheCache() {
    if (cacheBefore == null) {
      System.clearProperty("scapsql.cache");
    } else {
      System.setProperty("scapsql.cache", cacheBefore);
    }
  }

  static Path page() {
    String root = System.getProperty("scapsql.root");
    Path p = root != null ? Path.of(root, "docs", "cookbook.md") : Path.of("../docs/cookbook.md");
    if (!Files.exists(p)) {
      p = Path.of("docs/cookbook.md");
    }
    assertThat(p).as("docs/cookbook.md").exists();
    return p;
  }

  /** The ```sql blocks of the page; a ```text block right after one (blank lines between allowed) is its answer. */
  static List<Query> queries(List<String> lines) {
    List<Query> out = new ArrayList<>();
    String heading = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("## ")) {
        heading = line.substring(3);
      }
      if (!line.equals("```sql")) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).equals("```")) {
        end++;
      }
      assertThat(end).as("unclosed ```sql block at line " + (i + 1)).isLessThan(lines.size());
      String sql = String.join("\n", lines.subList(i + 1, end));
      int next = end + 1;
      while (next < lines.size() && lines.get(next).isBlank()) {
        next++;
      }
      String expected = null;
      int from = -1;
      int to = -1;
      if (next < lines.size() && lines.get(next).equals("```text")) {
        from = next + 1;
        to = from;
        while (to < lines.size() && !lines.get(to).equals("```")) {
          to++;
        }
        assertThat(to).as("unclosed ```text block at line " + (next + 1)).isLessThan(lines.size());
        expected = String.join("\n", lines.subList(from, to));
      }
      out.add(new Query(heading, sql, expected, from, to));
      i = end;
    }
    return out;
  }

  @Test
  void everyQueryPrintsItsAnswerOnTheDemoCapture() throws IOException {
    Path page = page();
    List<String> lines = new ArrayList<>(Files.readAllLines(page, StandardCharsets.UTF_8));
    List<Query> queries = queries(lines);
    assertThat(queries).as("queries in the cookbook").hasSizeGreaterThanOrEqualTo(15);
    boolean update = Boolean.getBoolean("scapsql.updateCookbook");
    List<String> wrong = new ArrayList<>();
    // From the last, so that rewriting an answer leaves the line numbers of earlier ones valid.
    for (int q = queries.size() - 1; q >= 0; q--) {
      Query query = queries.get(q);
      assertThat(query.expected()).as("the answer under the query of \"" + query.heading() + "\"").isNotNull();
      Run r = Run.of("-e", query.sql(), demo.toString());
      assertThat(r.err()).as(query.heading() + ":\n" + query.sql()).isEmpty();
      assertThat(r.status()).isZero();
      String printed = r.out().endsWith("\n") ? r.out().substring(0, r.out().length() - 1) : r.out();
      if (!printed.equals(query.expected())) {
        wrong.add("## " + query.heading() + "\n" + query.sql() + "\nprints\n" + printed + "\nbut the page says\n"
            + query.expected());
        if (update) {
          lines.subList(query.answerFrom(), query.answerTo()).clear();
          lines.addAll(query.answerFrom(), List.of(printed.split("\n", -1)));
        }
      }
    }
    if (update && !wrong.isEmpty()) {
      Files.writeString(page, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      return;
    }
    assertThat(wrong).as("answers that differ from the page (-Dscapsql.updateCookbook=true rewrites them)").isEmpty();
  }

  /**
   * Real captures hold none of the demo's names, event numbers or times, so the
   * queries that look for those find nothing; every query must still run, and the
   * others answer with rows.
   */
  @ParameterizedTest
  @CsvSource({"run_as_user_0_container.scap, 11", "modern-small.scap.gz, 11"})
  void everyQueryRunsOnARealCapture(String capture, int withRows) throws IOException {
    List<Query> queries = queries(Files.readAllLines(page(), StandardCharsets.UTF_8));
    List<String> failed = new ArrayList<>();
    int answered = 0;
    for (Query query : queries) {
      Run r = Run.of("-e", query.sql(), "--format", "csv", Fixtures.capture(capture).toString());
      if (r.status() != 0 || !r.err().isEmpty()) {
        failed.add(query.heading() + ": " + r.err());
      } else if (r.out().split("\n").length > 1) {
        answered++;
      }
    }
    assertThat(failed).isEmpty();
    assertThat(answered).as("queries with rows on " + capture).isEqualTo(withRows);
  }

  @Test
  void theBlocksAreFoundAsWritten() {
    List<Query> q = queries(List.of("# t", "## One", "```sql", "SELECT 1", "FROM x;", "```", "", "```text", "a", "b",
        "```", "## Two", "```sql", "SELECT 2", "```", "text"));
    assertThat(q).containsExactly(new Query("One", "SELECT 1\nFROM x;", "a\nb", 8, 10),
        new Query("Two", "SELECT 2", null, -1, -1));
  }
}
