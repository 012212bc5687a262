package org.scapsql.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.scapsql.adapter.ScanCounters;
import org.scapsql.driver.ScapDriver;
import org.scapsql.driver.Errors;
import org.scapsql.driver.ScapUrl;
import org.scapsql.driver.Warmup;
import sqlline.SqlLine;

/**
 * The SQL side of {@code bin/scapsql}: statements from {@code -e} or {@code -f}, or
 * SQLLine on the captures or on any JDBC URL. Errors print the database's message in
 * one line, never a stack trace; the exit status is 0, 1 for a failed statement,
 * connection or script file, 2 for bad usage.
 */
final class Shell {
  private static final int PIPED_WIDTH = 1000;

  private Shell() {}

  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, System.console() != null);
  }

  /** {@code terminal}: stdout is a terminal, so a long scan may show progress on {@code err}. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    ShellArgs a;
    String url;
    try {
      a = ShellArgs.parse(args);
      if (a.help()) {
        out.println(Main.usage());
        return 0;
      }
      if (a.version()) {
        out.println(ScapDriver.NAME + " " + ScapDriver.VERSION);
        return 0;
      }
      url = url(a);
    } catch (IllegalArgumentException e) {
      err.println("scapsql: " + e.getMessage());
      return 2;
    } catch (UncheckedIOException e) {
      err.println("scapsql: " + e.getMessage());
      return 1;
    }
    // The statements run on this thread (SQLLine's too): the line shows their scans and no other query's.
    Progress progress = terminal ? Progress.start(err, ScanCounters.eventsReadBy(Thread.currentThread())) : null;
    try {
      PrintStream o = progress != null ? progress.wrap(out) : out;
      PrintStream e = progress != null ? progress.wrap(err) : err;
      OutputFormat format = a.format() == null ? OutputFormat.TABLE : a.format();
      if (a.sql() != null) {
        return statements(url, null, a.sql(), format, o, e);
      }
      if (a.script() != null) {
        String text;
        try {
          text = a.script().equals("-") ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(a.script()));
        } catch (IOException | UncheckedIOException x) {
          e.println("scapsql: " + a.script() + ": cannot read the script: " + ioMessage(x));
          return 1;
        }
        return statements(url, a.script().equals("-") ? "<stdin>" : a.script(), text, format, o, e);
      }
      return interactive(url, a.format(), terminal && in == System.in ? null : in, o, e);
    } finally {
      if (progress != null) {
        progress.close();
      }
    }
  }

  private static String url(ShellArgs a) {
    if (a.url() != null) {
      return a.url();
    }
    List<Path> captures = new ArrayList<>(a.captures());
    if (captures.isEmpty()) {
      captures.add(DemoCaptures.path());
    }
    String url = ScapUrl.of(captures);
    // --fun adds to the default libraries; a URL's own fun= replaces them, as in Calcite.
    return a.fun() == null ? url : url + ";fun=" + ScapDriver.DEFAULT_FUN + "," + a.fun();
  }

  /** Exit status when the rows are printed but incomplete: a capture is damaged or truncated. */
  static final int INCOMPLETE = 3;

  /**
   * Runs the statements of {@code text} in order on one connection, each printed as
   * {@code format} says, and stops at the first that fails. {@code file} names the
   * script in error messages (null for {@code -e}). A statement whose scan met a
   * damaged capture prints its rows, one warning line each, and makes the exit status
   * {@link #INCOMPLETE}.
   */
  private static int statements(String url, String file, String text, OutputFormat format, PrintStream out,
      PrintStream err) {
    List<Script.Statement> statements = Script.split(text);
    if (statements.isEmpty()) {
      return 0;
    }
    int status = 0;
    try (Connection c = DriverManager.getConnection(url)) {
      for (int i = 0; i < statements.size(); i++) {
        Script.Statement st = statements.get(i);
        try (Statement s = c.createStatement()) {
          if (s.execute(st.sql())) {
            try (ResultSet rs = s.getResultSet()) {
              format.writer(out).write(rs);
            }
          } else {
            out.println(s.getUpdateCount() + " rows changed");
          }
          out.flush();
          for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
            err.println("scapsql: warning: " + Errors.oneLine(w.getMessage()));
            status = INCOMPLETE;
          }
        } catch (SQLException | RuntimeException | StackOverflowError | OutOfMemoryError | LinkageError e) {
          out.flush();
          String where = file != null ? file + ":" + st.line() + ": "
              : statements.size() > 1 ? "statement " + (i + 1) + ": " : "";
          err.println("scapsql: " + where + st.relocate(Errors.message(e)));
          return 1;
        }
      }
      return status;
    } catch (SQLException | RuntimeException e) {
      err.println("scapsql: " + Errors.message(e));
      return 1;
    }
  }

  private static String ioMessage(Exception e) {
    Throwable t = e instanceof UncheckedIOException ? e.getCause() : e;
    if (t instanceof NoSuchFileException) {
      return "no such file";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** SQLLine; {@code in} null means the real terminal, with line editing and history. */
  private static int interactive(String url, OutputFormat format, InputStream in, PrintStream out, PrintStream err) {
    List<String> args = new ArrayList<>(List.of("-u", url, "-n", "", "-p", "",
        "--connectInteractionMode=notAskCredentials", "--isolation=TRANSACTION_NONE"));
    if (in != null) {
      // Without a terminal SQLLine would lay tables out to a width of zero.
      args.add("--maxWidth=" + PIPED_WIDTH);
    }
    if (format != null) {
      args.add("--outputformat=" + format.sqllineName());
    }
    // SQLLine would print a stack trace for a connection that fails: try it first.
    try (Connection c = DriverManager.getConnection(url)) {
      c.getMetaData();
    } catch (SQLException | RuntimeException e) {
      err.println("scapsql: " + Errors.message(e));
      return 1;
    }
    Warmup.start(url);
    SqlLine sqlline = new SqlLine();
    sqlline.setOutputStream(out);
    sqlline.setErrorStream(err);
    try {
      SqlLine.Status status = sqlline.begin(args.toArray(new String[0]), in, in == null);
      return status == SqlLine.Status.OK ? 0 : 1;
    } catch (IOException e) {
      err.println("scapsql: " + e.getMessage());
      return 1;
    }
  }
}
