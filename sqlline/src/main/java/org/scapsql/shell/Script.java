package org.scapsql.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL text cut into statements at the semicolons that end them: not those inside
 * string literals, quoted identifiers or comments. Each statement remembers where it
 * starts, so an error's position can be given in the whole text's lines.
 */
final class Script {
  /** Positions as Calcite words them: "line 2, column 7". */
  private static final Pattern POSITION = Pattern.compile("(?i)(line )(\\d+)(, column )(\\d+)");

  /** One statement: its text (no terminating semicolon) and the line and column of its first character. */
  record Statement(String sql, int line, int column) {
    Statement {
      if (sql == null || sql.isBlank()) {
        throw new IllegalArgumentException("a statement needs text");
      }
      if (line < 1 || column < 1) {
        throw new IllegalArgumentException("positions count from 1: line " + line + ", column " + column);
      }
    }

    /**
     * {@code message} with the positions in it ("line 1, column 9"), which count in
     * this statement, moved to count in the whole text.
     */
    String relocate(String message) {
      if (line == 1 && column == 1) {
        return message;
      }
      Matcher m = POSITION.matcher(message);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        int l = Integer.parseInt(m.group(2));
        int c = Integer.parseInt(m.group(4));
        int absLine = line + l - 1;
        int absColumn = l == 1 ? column + c - 1 : c;
        m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + absLine + m.group(3) + absColumn));
      }
      m.appendTail(sb);
      return sb.toString();
    }
  }

  private Script() {}

  /** The statements of {@code text}; empty ones (only blanks, comments or semicolons) are dropped. */
  static List<Statement> split(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no SQL text");
    }
    List<Statement> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = text.length();
    boolean code = false;  // the current statement has something besides blanks and comments
    while (i < n) {
      char ch = text.charAt(i);
      if (ch == '\'' || ch == '"' || ch == '`') {
        // E'...' strings take backslash escapes; every other quote ends at its unpaired twin.
        boolean backslash = ch == '\'' && i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
            && (i == 1 || !Character.isLetterOrDigit(text.charAt(i - 2)) && text.charAt(i - 2) != '_');
        i = endOfQuoted(text, i, ch, backslash);
        code = true;
      } else if (ch == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int eol = text.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (ch == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (ch == ';') {
        if (code) {
          out.add(statement(text, start, i));
        }
        start = i + 1;
        code = false;
        i++;
      } else {
        if (!Character.isWhitespace(ch)) {
          code = true;
        }
        i++;
      }
    }
    if (code) {
      out.add(statement(text, start, n));
    }
    return out;
  }

  /** The index after the quote that closes the one at {@code open} (or the end of an unclosed one). */
  private static int endOfQuoted(String text, int open, char quote, boolean backslash) {
    int i = open + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (backslash && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return text.length();
  }

  /**
   * The statement in {@code text[from, to)}, without the blanks around it and the
   * comments before it, so that its line is that of its first word.
   */
  private static Statement statement(String text, int from, int to) {
    int s = from;
    while (s < to) {
      if (Character.isWhitespace(text.charAt(s))) {
        s++;
      } else if (text.startsWith("--", s)) {
        int eol = text.indexOf('\n', s);
        s = eol < 0 || eol >= to ? to : eol + 1;
      } else if (text.startsWith("/*", s)) {
        int end = text.indexOf("*/", s + 2);
        s = end < 0 || end + 2 > to ? to : end + 2;
      } else {
        break;
      }
    }
    int e = to;
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < s; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Statement(text.substring(s, e), line, s - lineStart + 1);
  }
}
