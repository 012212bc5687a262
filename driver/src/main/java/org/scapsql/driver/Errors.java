package org.scapsql.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.scapsql.adapter.QueryControl.QueryStoppedException;

/**
 * The one place where a failure becomes what a JDBC caller sees: one
 * {@link SQLException} with a SQLSTATE and a one-line message of at most
 * {@link Limits#MAX_MESSAGE_LENGTH} characters, whatever was thrown (Calcite's
 * wrappers, an engine's unchecked exception, a stack overflow, an out-of-memory, a
 * damaged capture, or an Avatica server's error response). The local driver, the
 * server and the remote client all map through here, so a remote client reads the
 * same message and SQLSTATE as a local one.
 */
public final class Errors {
  public static final String SYNTAX = "42601";
  public static final String INVALID = "42000";
  public static final String DIVISION_BY_ZERO = "22012";
  public static final String BAD_NUMBER = "22018";
  public static final String OUT_OF_RANGE = "22003";
  public static final String BAD_DATETIME = "22007";
  public static final String DATA = "22000";
  /** Cancelled, or past its timeout (PostgreSQL's query_canceled). */
  public static final String CANCELLED = "57014";
  public static final String OUT_OF_MEMORY = "53200";
  public static final String IO = "58030";
  public static final String NOT_SUPPORTED = "0A000";
  public static final String INTERNAL = "XX000";
  /** A driver's error without a SQLSTATE of its own. */
  public static final String GENERAL = "HY000";
  public static final String CONNECTION = "08001";
  public static final String CONNECTION_CLOSED = "08003";
  public static final String CONNECTION_FAILURE = "08006";

  private Errors() {}

  /** {@code t} as the one SQLException a caller sees. */
  public static SQLException toSqlException(Throwable t) {
    if (t == null) {
      return new SQLException("unknown error", INTERNAL);
    }
    if (t instanceof Mapped) {
      return (SQLException) t;
    }
    List<Throwable> chain = chain(t);
    for (Throwable c : chain) {
      if (c instanceof QueryStoppedException) {
        QueryStoppedException q = (QueryStoppedException) c;
        return q.timeout() ? make(q.getMessage(), CANCELLED, true, t) : make(q.getMessage(), CANCELLED, false, t);
      }
    }
    for (Throwable c : chain) {
      if (c instanceof StackOverflowError) {
        return make("statement too complex: it nests too deeply for the SQL engine (the thread's stack overflowed);"
            + " simplify it, e.g. IN (...) instead of a chain of OR", Limits.SQLSTATE_TOO_COMPLEX, false, t);
      }
      if (c instanceof OutOfMemoryError) {
        return make(String.format(Locale.ROOT, "out of memory: the query needs more than the %,d MiB this JVM may"
            + " use; add a LIMIT or a filter, or give the JVM more memory (-Xmx)",
            Runtime.getRuntime().maxMemory() >> 20), OUT_OF_MEMORY, false, t);
      }
    }
    for (Throwable c : chain) {
      if (c instanceof SQLFeatureNotSupportedException && ((SQLException) c).getSQLState() == null) {
        return make(c.getMessage() == null ? "not supported" : c.getMessage(), NOT_SUPPORTED, false, t);
      }
      SQLException remote = remote(c, t);
      if (remote != null) {
        return remote;
      }
      if (c instanceof SQLException && ((SQLException) c).getSQLState() != null
          && !(c instanceof AvaticaSqlException)) {
        // Ours, or a driver's with a state of its own (e.g. 25006 from the read-only guard).
        SQLException s = (SQLException) c;
        return make(s.getMessage(), s.getSQLState(), s instanceof SQLTimeoutException, t);
      }
    }
    for (Throwable c : chain) {
      String m = c.getMessage();
      if (m != null && m.contains("grows beyond 64 KB")) {
        return make("statement too complex: the code generated for it grows beyond what the JVM can load"
            + " (e.g. a very long IN list or CASE); split it or use a join", Limits.SQLSTATE_TOO_COMPLEX, false, t);
      }
    }
    for (Throwable c : chain) {
      SQLException known = known(c, t);
      if (known != null) {
        return known;
      }
    }
    // Nothing more specific: the deepest message that says something, minus Calcite's wrappers.
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable c = chain.get(i);
      String m = c.getMessage();
      if (m == null || m.isBlank() || c instanceof java.lang.reflect.InvocationTargetException) {
        continue;
      }
      if (c.getClass().getName().equals("org.apache.calcite.runtime.CalciteException")) {
        // Calcite's own runtime errors (bad function arguments and the like) are about the data.
        return make(m, DATA, false, t);
      }
      if (c instanceof SQLException) {
        return make(m, GENERAL, false, t);
      }
      return make("internal error: " + c.getClass().getSimpleName() + ": " + m, INTERNAL, false, t);
    }
    return make("internal error: " + chain.get(chain.size() - 1).getClass().getSimpleName(), INTERNAL, false, t);
  }

  /** The one-line message the shell prints for {@code t}. */
  public static String message(Throwable t) {
    return toSqlException(t).getMessage();
  }

  /** True for failures a caller may see as a SQLException; other errors (e.g. InternalError) are left alone. */
  public static boolean mappable(Throwable t) {
    return t instanceof Exception || t instanceof StackOverflowError || t instanceof OutOfMemoryError
        || t instanceof ExceptionInInitializerError || t instanceof AssertionError || t instanceof LinkageError;
  }

  private static SQLException known(Throwable c, Throwable original) {
    String m = c.getMessage() == null ? "" : c.getMessage();
    if (c instanceof ArithmeticException) {
      if (m.contains("by zero")) {
        return make("division by zero", DIVISION_BY_ZERO, false, original);
      }
      return make("numeric value out of range: " + m, OUT_OF_RANGE, false, original);
    }
    if (c instanceof NumberFormatException) {
      String input = m.startsWith("For input string: ") ? m.substring("For input string: ".length()) : m;
      return make("invalid number: " + (input.isEmpty() ? "(empty)" : input), BAD_NUMBER, false, original);
    }
    if (c instanceof java.time.DateTimeException) {
      return make("invalid date or time: " + m, BAD_DATETIME, false, original);
    }
    String name = c.getClass().getName();
    if (name.equals("org.apache.calcite.sql.parser.SqlParseException")) {
      return make(m, SYNTAX, false, original);
    }
    if (name.equals("org.apache.calcite.runtime.CalciteContextException")
        || name.equals("org.apache.calcite.sql.validate.SqlValidatorException")) {
      return make(m, INVALID, false, original);
    }
    if (name.startsWith("org.codehaus.commons.compiler.") || name.startsWith("org.codehaus.janino.")) {
      return make("internal error compiling the query: " + m, INTERNAL, false, original);
    }
    if (name.equals("org.apache.calcite.plan.RelOptPlanner$CannotPlanException")) {
      return make("this query cannot be run: the SQL engine has no plan for part of it", NOT_SUPPORTED, false,
          original);
    }
    if (c instanceof UnsupportedOperationException) {
      return make(m.isEmpty() ? "not supported" : "not supported: " + m, NOT_SUPPORTED, false, original);
    }
    if (c instanceof java.net.ConnectException || c instanceof java.net.NoRouteToHostException
        || c instanceof java.net.UnknownHostException || c instanceof java.net.http.HttpConnectTimeoutException
        || c.getClass().getName().equals("org.apache.hc.client5.http.HttpHostConnectException")) {
      return make("cannot reach the server: " + m, CONNECTION_FAILURE, false, original);
    }
    if (c instanceof UncheckedIOException || c instanceof IOException) {
      Throwable io = c instanceof UncheckedIOException && c.getCause() != null ? c.getCause() : c;
      String why = io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName();
      return make(why, IO, false, original);
    }
    return null;
  }

  /** An Avatica client's view of a server error: the server's own message and SQLSTATE. */
  private static SQLException remote(Throwable c, Throwable original) {
    if (c instanceof AvaticaSqlException) {
      AvaticaSqlException a = (AvaticaSqlException) c;
      String m = serverMessage(a.getStackTraces(), a.getErrorMessage());
      return make(m, knownState(a.getSQLState()), false, original);
    }
    if (c instanceof AvaticaClientRuntimeException) {
      AvaticaClientRuntimeException a = (AvaticaClientRuntimeException) c;
      String m = serverMessage(a.getServerExceptions(), a.getMessage());
      return make(m, knownState(a.getSqlState()), false, original);
    }
    return null;
  }

  /**
   * A scapsql server sends its one-line message as the first line of the error's trace;
   * other servers' first line names an exception class, so the wrapped message is used.
   */
  private static String serverMessage(List<String> traces, String fallback) {
    if (traces != null && !traces.isEmpty() && traces.get(0) != null) {
      String first = firstLine(traces.get(0));
      if (first.startsWith(RemoteErrorText.MARK)) {
        return first.substring(RemoteErrorText.MARK.length());
      }
    }
    String m = fallback == null ? "remote error" : fallback;
    return unwrapCalcite(m);
  }

  private static String knownState(String state) {
    return state == null || state.isBlank() || state.equals("00000") ? INTERNAL : state;
  }

  /** Marks the message a scapsql server puts first in an error response's trace. */
  public static final class RemoteErrorText {
    public static final String MARK = "scapsql: ";

    private RemoteErrorText() {}
  }

  /**
   * Drops the wrappers Calcite and Avatica put around a message ({@code Error while
   * executing SQL "...": }, {@code Error -1 (00000) : }, {@code while preparing SQL: ...}),
   * which repeat the statement (up to megabytes of it).
   */
  static String unwrapCalcite(String m) {
    String s = m.strip();
    boolean changed = true;
    while (changed) {
      changed = false;
      if (s.startsWith("Error ") && s.indexOf(") : ") > 0 && s.indexOf(") : ") < 40) {
        s = s.substring(s.indexOf(") : ") + 4).strip();
        changed = true;
      }
      for (String head : new String[] {"Error while executing SQL \"", "Error while preparing statement ["}) {
        if (s.startsWith(head)) {
          int end = head.endsWith("\"") ? s.lastIndexOf("\": ") : s.lastIndexOf("]: ");
          if (end > 0) {
            s = s.substring(end + 3).strip();
            changed = true;
          }
        }
      }
      if (s.startsWith("while preparing SQL: ")) {
        s = "cannot prepare the statement";
      }
      for (String head : new String[] {"java.sql.SQLException: ", "java.lang.RuntimeException: ", "parse failed: "}) {
        if (s.startsWith(head)) {
          s = s.substring(head.length()).strip();
          changed = true;
        }
      }
    }
    return s;
  }

  /** The first non-blank line. */
  static String firstLine(String m) {
    for (String line : m.split("\\R")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return m.strip();
  }

  /** One line, Calcite's wrappers removed, cut at {@link Limits#MAX_MESSAGE_LENGTH}. */
  public static String oneLine(String message) {
    String m = firstLine(unwrapCalcite(message == null ? "" : message));
    if (m.isEmpty()) {
      m = "unknown error";
    }
    int max = Math.max(40, Limits.MAX_MESSAGE_LENGTH);
    if (m.length() > max) {
      int more = m.length() - (max - 40);
      m = m.substring(0, max - 40) + String.format(Locale.ROOT, "... (%,d more characters)", more);
    }
    return m;
  }

  private static SQLException make(String message, String state, boolean timeout, Throwable cause) {
    String m = withPosition(oneLine(message), cause);
    SQLException e;
    if (timeout) {
      e = new MappedTimeout(m, state);
    } else if (state.startsWith("42")) {
      e = new MappedSyntax(m, state);
    } else if (state.startsWith("22")) {
      e = new MappedData(m, state);
    } else if (state.startsWith("0A")) {
      e = new MappedNotSupported(m, state);
    } else if (state.startsWith("08")) {
      e = new MappedConnection(m, state);
    } else if (state.equals(CANCELLED)) {
      e = new MappedTransient(m, state);
    } else {
      e = new MappedPlain(m, state);
    }
    if (cause != null && cause != e) {
      e.initCause(cause);
    }
    return e;
  }

  /**
   * A parse error whose words do not say where it is (Calcite's "Non-query expression
   * encountered in illegal context", say) gets the parser's position appended.
   */
  private static String withPosition(String m, Throwable cause) {
    for (Throwable t : chain(cause)) {
      if (t instanceof org.apache.calcite.sql.parser.SqlParseException) {
        org.apache.calcite.sql.parser.SqlParserPos pos = ((org.apache.calcite.sql.parser.SqlParseException) t).getPos();
        if (pos != null && pos.getLineNum() > 0 && !m.matches("(?is).*line \\d+, column \\d+.*")) {
          return m + " at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
        }
        return m;
      }
    }
    return m;
  }

  private static List<Throwable> chain(Throwable t) {
    List<Throwable> out = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable c = t;
    while (c != null && seen.put(c, Boolean.TRUE) == null && out.size() < 1000) {
      out.add(c);
      Throwable next = c.getCause();
      if (next == null && c instanceof SQLException) {
        next = ((SQLException) c).getNextException();
      }
      c = next;
    }
    return out;
  }

  /** An exception that already went through {@link #toSqlException}. */
  interface Mapped {}

  private static final class MappedPlain extends SQLException implements Mapped {
    MappedPlain(String m, String state) {
      super(m, state);
    }
  }

  private static final class MappedTimeout extends SQLTimeoutException implements Mapped {
    MappedTimeout(String m, String state) {
      super(m, state);
    }
  }

  private static final class MappedSyntax extends SQLSyntaxErrorException implements Mapped {
    MappedSyntax(String m, String state) {
      super(m, state);
    }
  }

  private static final class MappedData extends SQLDataException implements Mapped {
    MappedData(String m, String state) {
      super(m, state);
    }
  }

  private static final class MappedNotSupported extends SQLFeatureNotSupportedException implements Mapped {
    MappedNotSupported(String m, String state) {
      super(m, state);
    }
  }

  private static final class MappedConnection extends SQLNonTransientConnectionException implements Mapped {
    MappedConnection(String m, String state) {
      super(m, state);
    }
  }

  private static final class MappedTransient extends SQLTransientException implements Mapped {
    MappedTransient(String m, String state) {
      super(m, state);
    }
  }
}
