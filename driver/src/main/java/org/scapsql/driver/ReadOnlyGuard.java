package org.scapsql.driver;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses statements that would change data or schema. Captures are evidence and
 * the tables are views of them, so there is nothing a write could mean; saying so
 * up front beats Calcite's parse or planner errors ("Incorrect syntax near CREATE",
 * "not enough rules"), which read like bugs.
 */
public final class ReadOnlyGuard {
  /** SQLSTATE for "read-only SQL transaction". */
  public static final String SQLSTATE = "25006";

  private static final Set<String> WRITES = Set.of(
      "INSERT", "UPSERT", "UPDATE", "DELETE", "MERGE", "REPLACE", "TRUNCATE",
      "CREATE", "DROP", "ALTER", "RENAME", "GRANT", "REVOKE", "COMMENT", "LOAD", "COPY");

  private ReadOnlyGuard() {}

  /**
   * Throws when {@code sql} is a write, also behind {@code EXPLAIN PLAN ... FOR},
   * a {@code WITH} list or parentheses; does nothing for queries and for text it cannot
   * classify (Calcite's parser then says what is wrong).
   */
  public static void check(String sql) throws SQLException {
    String verb = verb(sql);
    if (verb != null && WRITES.contains(verb)) {
      throw new SQLException("scapsql is read-only: " + verb + " is not allowed (captures are never changed)",
          SQLSTATE);
    }
  }

  /**
   * The keyword that says what a statement does, upper case: its first word, past
   * comments and parentheses, {@code EXPLAIN PLAN [options] FOR} and a
   * {@code WITH [RECURSIVE] name [(columns)] AS (...), ...} list; null if none.
   */
  static String verb(String sql) {
    if (sql == null) {
      return null;
    }
    List<String> t = tokens(sql);
    int i = 0;
    while (i < t.size()) {
      String w = t.get(i);
      if (w.equals("(")) {
        i++;
      } else if (w.equals("EXPLAIN")) {
        int j = i + 1;
        while (j < t.size() && !t.get(j).equals("FOR")) {
          j++;
        }
        if (j >= t.size()) {
          return w;
        }
        i = j + 1;
      } else if (w.equals("WITH")) {
        i = afterWithList(t, i + 1);
        if (i < 0) {
          return w;
        }
      } else {
        return isWord(w) ? w : null;
      }
    }
    return null;
  }

  /** The index after {@code [RECURSIVE] name [(cols)] AS (...) [, ...]}, or -1 if it does not read so. */
  private static int afterWithList(List<String> t, int i) {
    if (i < t.size() && t.get(i).equals("RECURSIVE")) {
      i++;
    }
    while (true) {
      if (i >= t.size()) {
        return -1;
      }
      i++;
      if (i < t.size() && t.get(i).equals("(")) {
        i = afterParens(t, i);
      }
      if (i < 0 || i >= t.size() || !t.get(i).equals("AS")) {
        return -1;
      }
      i++;
      if (i >= t.size() || !t.get(i).equals("(")) {
        return -1;
      }
      i = afterParens(t, i);
      if (i < 0) {
        return -1;
      }
      if (i < t.size() && t.get(i).equals(",")) {
        i++;
        continue;
      }
      return i;
    }
  }

  private static int afterParens(List<String> t, int open) {
    int depth = 0;
    for (int i = open; i < t.size(); i++) {
      if (t.get(i).equals("(")) {
        depth++;
      } else if (t.get(i).equals(")") && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean isWord(String token) {
    return !token.isEmpty() && Character.isLetter(token.charAt(0));
  }

  /**
   * Words (upper case), parentheses and commas; quoted names and strings become one
   * placeholder token each; comments vanish.
   */
  private static List<String> tokens(String sql) {
    List<String> out = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < n) {
          if (sql.charAt(j) == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) {
              // A doubled quote stands for one inside the text.
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        out.add(c == '\'' ? "'" : "\"");
        i = j + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        out.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
      } else {
        out.add(String.valueOf(c));
        i++;
      }
    }
    return out;
  }

  /** The first keyword of a statement, upper case, past comments and opening parentheses; null if none. */
  static String firstWord(String sql) {
    if (sql == null) {
      return null;
    }
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return i == start ? null : sql.substring(start, i).toUpperCase(Locale.ROOT);
  }
}
