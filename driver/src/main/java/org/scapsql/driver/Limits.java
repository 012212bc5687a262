package org.scapsql.driver;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Every limit scapsql puts on what a client sends and gets back, in one place, with
 * its reason. Each can be changed with the system property named next to it (the
 * server's also with {@code serve} options, see {@code ServerLimits}); docs/security.md
 * lists them all.
 */
public final class Limits {
  /**
   * Characters of SQL in one statement ({@code scapsql.maxSqlLength}). Calcite's parser
   * slows down with the square of an expression's length (a 1 MB {@code 0+1+1...}
   * parses for minutes, ignoring any timeout); 100,000 characters is more than any
   * hand-written or tool-generated query here needs and parses in well under a second.
   */
  public static final int MAX_SQL_LENGTH = Integer.getInteger("scapsql.maxSqlLength", 100_000);

  /**
   * How deep expressions may nest ({@code scapsql.maxNesting}): parentheses plus chained
   * operators ({@code a OR b OR c} is three deep: Calcite builds it as nested calls).
   * The engine recurses once per level while validating, planning and compiling; near
   * a thousand levels it overflows a thread's stack, so the limit keeps a wide margin.
   */
  public static final int MAX_NESTING = Integer.getInteger("scapsql.maxNesting", 250);

  /**
   * Characters of an error message ({@code scapsql.maxMessageLength}): Calcite quotes
   * the whole statement and generated code in some messages (3 MB for a 1 MB IN list).
   */
  public static final int MAX_MESSAGE_LENGTH = Integer.getInteger("scapsql.maxMessageLength", 1_000);

  /**
   * Bytes of one HTTP request to the server ({@code scapsql.maxRequestBytes}): Avatica
   * reads a request body whole into memory, so an unbounded body is an easy way to run
   * the server out of memory. A request carries one statement (at most
   * {@link #MAX_SQL_LENGTH} characters) and its parameters; 1 MiB leaves room for both.
   */
  public static final int MAX_REQUEST_BYTES = Integer.getInteger("scapsql.maxRequestBytes", 1 << 20);

  /** SQLSTATE of a statement over a limit ("program limit exceeded"). */
  public static final String SQLSTATE_LIMIT = "54000";
  /** SQLSTATE of a statement nested too deeply ("statement too complex"). */
  public static final String SQLSTATE_TOO_COMPLEX = "54001";

  private Limits() {}

  /** Refuses SQL that is too long or nests too deeply, before the parser sees it. */
  public static void checkSql(String sql) throws SQLException {
    if (sql == null) {
      throw new SQLException("no SQL given", "42000");
    }
    if (sql.length() > MAX_SQL_LENGTH) {
      throw new SQLException(String.format(Locale.ROOT,
          "statement too long: %,d characters (the limit is %,d; property scapsql.maxSqlLength)",
          sql.length(), MAX_SQL_LENGTH), SQLSTATE_LIMIT);
    }
    int depth = nesting(sql);
    if (depth > MAX_NESTING) {
      throw new SQLException(String.format(Locale.ROOT,
          "statement too complex: expressions nest %,d deep (the limit is %d; property scapsql.maxNesting);"
          + " use IN (...) instead of a chain of OR, or split the expression", depth, MAX_NESTING),
          SQLSTATE_TOO_COMPLEX);
    }
  }

  /**
   * How deep the parser's tree of this SQL will be, estimated from its tokens in one
   * pass. Each open parenthesis is a level. Within a level, binary operators chain:
   * Calcite nests {@code a + b + c} as {@code (a + b) + c}, so every operator since the
   * last comma, clause keyword or parenthesis adds a level, except that an operator
   * binding less tightly starts its operands afresh ({@code a = 1 AND b = 2 AND ...}
   * grows by one per AND, not two). Strings, quoted names and comments are skipped.
   */
  static int nesting(String sql) {
    int n = sql.length();
    int[][] chains = new int[16][PRECEDENCES];
    int[] below = new int[16];
    int level = 0;
    int max = 0;
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
        continue;
      }
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
        continue;
      }
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        continue;
      }
      if (c == '[') {
        i = skipQuoted(sql, i, ']');
        continue;
      }
      int precedence = -1;
      int length = 1;
      if (c == '(') {
        level++;
        if (level == below.length) {
          chains = java.util.Arrays.copyOf(chains, level * 2);
          below = java.util.Arrays.copyOf(below, level * 2);
          for (int k = level; k < chains.length; k++) {
            chains[k] = new int[PRECEDENCES];
          }
        }
        below[level] = below[level - 1] + sum(chains[level - 1]) + 1;
        java.util.Arrays.fill(chains[level], 0);
      } else if (c == ')') {
        level = Math.max(0, level - 1);
      } else if (c == ',' || c == ';') {
        java.util.Arrays.fill(chains[level], 0);
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i + length < n && (Character.isLetterOrDigit(sql.charAt(i + length)) || sql.charAt(i + length) == '_'
            || sql.charAt(i + length) == '$')) {
          length++;
        }
        String word = sql.substring(start, start + length).toUpperCase(Locale.ROOT);
        if (isClause(word)) {
          java.util.Arrays.fill(chains[level], 0);
        } else if (word.equals("OR")) {
          precedence = 0;
        } else if (word.equals("AND")) {
          precedence = 1;
        }
      } else {
        length = Math.max(1, operatorLength(sql, i));
        precedence = precedence(c);
      }
      if (precedence >= 0) {
        int[] chain = chains[level];
        chain[precedence]++;
        for (int k = precedence + 1; k < PRECEDENCES; k++) {
          chain[k] = 0;
        }
      }
      i += length;
      max = Math.max(max, below[level] + sum(chains[level]) + 1);
    }
    return max;
  }

  /** OR, AND, comparison, additive, multiplicative. */
  private static final int PRECEDENCES = 5;

  private static int sum(int[] chain) {
    int s = 0;
    for (int v : chain) {
      s += v;
    }
    return s;
  }

  private static int precedence(char c) {
    switch (c) {
      case '=':
      case '<':
      case '>':
      case '!':
        return 2;
      case '+':
      case '-':
      case '|':
        return 3;
      case '*':
      case '/':
      case '%':
        return 4;
      default:
        return -1;
    }
  }

  private static int skipQuoted(String sql, int i, char close) {
    int n = sql.length();
    int j = i + 1;
    while (j < n) {
      if (sql.charAt(j) == close) {
        // A doubled quote is an escaped one.
        if (close != ']' && j + 1 < n && sql.charAt(j + 1) == close) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return n;
  }

  private static boolean isClause(String word) {
    switch (word) {
      case "SELECT":
      case "FROM":
      case "WHERE":
      case "GROUP":
      case "HAVING":
      case "ORDER":
      case "LIMIT":
      case "OFFSET":
      case "FETCH":
      case "ON":
      case "JOIN":
      case "UNION":
      case "INTERSECT":
      case "EXCEPT":
      case "MINUS":
      case "CASE":
      case "WHEN":
      case "THEN":
      case "ELSE":
      case "END":
      case "WINDOW":
      case "QUALIFY":
        return true;
      default:
        return false;
    }
  }

  /** Length of the operator at {@code i} ({@code <=}, {@code ||}, ...), or 0. */
  private static int operatorLength(String sql, int i) {
    char c = sql.charAt(i);
    char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
    switch (c) {
      case '<':
        return next == '=' || next == '>' ? 2 : 1;
      case '>':
      case '!':
        return next == '=' ? 2 : 1;
      case '|':
        return next == '|' ? 2 : 1;
      default:
        return 1;
    }
  }
}
