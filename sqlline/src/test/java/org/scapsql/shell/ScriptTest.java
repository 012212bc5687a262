package org.scapsql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTest {
  private static List<String> texts(String script) {
    return Script.split(script).stream().map(Script.Statement::sql).toList();
  }

  @Test
  void semicolonsEndStatementsOutsideQuotesAndComments() {
    assertThat(texts("SELECT 1; SELECT 2;")).containsExactly("SELECT 1", "SELECT 2");
    assertThat(texts("SELECT 'a;b', 'it''s;'; SELECT \"x;\"\"y\" FROM t"))
        .containsExactly("SELECT 'a;b', 'it''s;'", "SELECT \"x;\"\"y\" FROM t");
    assertThat(texts("SELECT E'\\';' AS q; SELECT 2")).containsExactly("SELECT E'\\';' AS q", "SELECT 2");
    // A name ending in e before a quote is not an E'' string: the backslash is an ordinary character.
    assertThat(texts("SELECT name'\\'; SELECT 2")).containsExactly("SELECT name'\\'", "SELECT 2");
    assertThat(texts("SELECT 1 -- one; not a statement\n; /* ; */ SELECT 2 /* unclosed ;"))
        .containsExactly("SELECT 1 -- one; not a statement", "SELECT 2 /* unclosed ;");
  }

  @Test
  void blanksCommentsAndEmptyStatementsAreDropped() {
    assertThat(texts("")).isEmpty();
    assertThat(texts(" ;; \n-- only a comment\n/* and another */ ;")).isEmpty();
    assertThat(texts("\n\n  SELECT 1  \n;\n")).containsExactly("SELECT 1");
  }

  @Test
  void eachStatementKnowsWhereItStarts() {
    List<Script.Statement> s = Script.split("SELECT 1;\n\n-- note\n  /* c */ SELECT\n  2; SELECT 3");
    assertThat(s).containsExactly(new Script.Statement("SELECT 1", 1, 1),
        new Script.Statement("SELECT\n  2", 4, 11), new Script.Statement("SELECT 3", 5, 6));
  }

  @Test
  void positionsInMessagesMoveToTheWholeText() {
    Script.Statement first = new Script.Statement("SELECT x", 1, 1);
    assertThat(first.relocate("At line 1, column 8: Column 'x' not found")).isEqualTo("At line 1, column 8: Column 'x' not found");
    Script.Statement later = new Script.Statement("SELECT\n x", 4, 11);
    assertThat(later.relocate("From line 1, column 3 to line 2, column 2: no")).isEqualTo(
        "From line 4, column 13 to line 5, column 2: no");
    assertThat(later.relocate("query cancelled")).isEqualTo("query cancelled");
  }
}
