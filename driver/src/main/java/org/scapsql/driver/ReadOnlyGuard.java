package org.scapsql.driver;

import java.sql.SQLException;
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

  /** Throws when {@code sql} is a write; does nothing for queries and for text it cannot classify. */
  public static void check(String sql) throws SQLException {
    String verb = firstWord(sql);
    if (verb != null && WRITES.contains(verb)) {
      throw new SQLException("scapsql is read-only: " + verb + " is not allowed (captures are never changed)",
          SQLSTATE);
    }
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
