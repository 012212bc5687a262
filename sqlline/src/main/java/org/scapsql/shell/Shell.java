package org.scapsql.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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
import org.scapsql.driver.Errors;
import org.scapsql.driver.ScapUrl;
import org.scapsql.driver.Warmup;
import sqlline.SqlLine;

/**
 * The SQL side of {@code bin/scapsql}: one query with {@code -e}, or SQLLine on the
 * captures or on any JDBC URL. Errors print the database's message, never a stack
 * trace; the exit status is 0, 1 for a failed query or connection, 2 for bad usage.
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
      url = url(a);
    } catch (IllegalArgumentException e) {
      err.println("scapsql: " + e.getMessage());
      return 2;
    }
    Progress progress = terminal ? Progress.start(err, ScanCounters.EVENTS_READ::get) : null;
    try {
      PrintStream o = progress != null ? progress.wrap(out) : out;
      PrintStream e = progress != null ? progress.wrap(err) : err;
      return a.sql() != null ? query(url, a.sql(), a.format() == null ? OutputFormat.TABLE : a.format(), o, e)
          : interactive(url, a.format(), terminal && in == System.in ? null : in, o, e);
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
    return ScapUrl.of(captures);
  }

  /** Exit status when the rows are printed but incomplete: a capture is damaged or truncated. */
  static final int INCOMPLETE = 3;

  private static int query(String url, String sql, OutputFormat format, PrintStream out, PrintStream err) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          format.writer(out).write(rs);
        }
      } else {
        out.println(s.getUpdateCount() + " rows changed");
      }
      out.flush();
      int warnings = 0;
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
        err.println("scapsql: warning: " + Errors.oneLine(w.getMessage()));
        warnings++;
      }
      return warnings == 0 ? 0 : INCOMPLETE;
    } catch (SQLException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // Whatever failed, and wherever: the one line the driver's error mapping makes of it.
      err.println("scapsql: " + Errors.message(e));
      return 1;
    }
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
