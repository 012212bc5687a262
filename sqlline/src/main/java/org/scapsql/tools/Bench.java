package org.scapsql.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import org.scapsql.adapter.CaptureCursor;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.ScanCounters;
import org.scapsql.reader.Event;
import org.scapsql.render.SysdigDump;
import org.scapsql.state.StateTracker;

/**
 * {@code scapsql bench}: how fast the reader goes on a capture, in three
 * layers so a regression can be placed: blocks and headers only, headers plus
 * the state tracker, and that plus every parameter rendered as sysdig prints it.
 */
public final class Bench {
  /** Keeps the JIT from dropping the header reads of the first layer as unused. */
  static volatile long blackhole;

  private Bench() {}

  /** One measured pass. */
  public record Result(String layer, long events, long bytes, long nanos) {
    double eventsPerSecond() {
      return events * 1e9 / nanos;
    }

    double mbPerSecond() {
      return bytes / 1e6 * 1e9 / nanos;
    }
  }

  /** A pass of the adapter's capture cursor over {@code f}, with or without the state tracker. */
  private static Result pass(String layer, Path f, boolean track) throws IOException {
    long t0 = System.nanoTime();
    long n = 0;
    long[] bytes = new long[1];
    long sink = 0;
    try (CaptureCursor c = new CaptureCursor(List.of(f), QueryControl.none(), track ? StateTracker::new : null)
        .onEnd((r, warning) -> bytes[0] = r == null ? 0 : r.position())) {
      for (Event e; (e = c.next()) != null; ) {
        sink += e.tid() + e.type();
        n++;
      }
    }
    blackhole = sink;
    return new Result(layer, n, bytes[0], System.nanoTime() - t0);
  }

  public static Result headers(Path f) throws IOException {
    return pass("headers", f, false);
  }

  public static Result state(Path f) throws IOException {
    return pass("state", f, true);
  }

  public static Result render(Path f) throws IOException {
    long t0 = System.nanoTime();
    long[] bytes = new long[1];
    java.io.Writer sink = new java.io.Writer() {
      @Override
      public void write(char[] cbuf, int off, int len) {
        bytes[0] += len;
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    new SysdigDump(true, null, java.time.ZoneOffset.UTC).run(f, sink);
    // Event count and stream size for the figures (not timed).
    long t1 = System.nanoTime();
    Result counted = headers(f);
    t0 += System.nanoTime() - t1;
    return new Result("render", counted.events(), counted.bytes(), System.nanoTime() - t0);
  }

  /** Runs a SQL query over the capture on a scapsql connection; counts the rows it returns. */
  public static Result query(Path f, String sql) throws IOException {
    long t0 = System.nanoTime();
    long rows = 0;
    long events;
    // The connection users get (settings, planner, extensions), so the figure is theirs.
    try (java.sql.Connection c = org.scapsql.adapter.connection.ScapConnections.connect(java.util.List.of(f))) {
      try (java.sql.Statement s = c.createStatement()) {
        try (java.sql.ResultSet rs = s.executeQuery(sql)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              rs.getObject(i);
            }
            rows++;
          }
        }
        // This query's own count: a concurrent query in the same JVM does not add to it.
        events = ScanCounters.of(s).eventsRead();
      }
    } catch (java.sql.SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
    return new Result("sql (" + rows + " rows)", events, Files.size(f), System.nanoTime() - t0);
  }

  public static int main(String[] args, PrintStream out, PrintStream err) {
    int repeat = 3;
    String file = null;
    java.util.List<String> queries = new java.util.ArrayList<>();
    boolean vsSysdig = false;
    java.util.List<String> only = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--vs-sysdig")) {
        vsSysdig = true;
      } else if (args[i].equals("--only")) {
        if (i + 1 == args.length) {
          err.println("scapsql bench: --only needs question names, comma-separated (as bench --vs-sysdig prints them)");
          return 2;
        }
        only.add(args[++i]);
      } else if (args[i].equals("--query") && i + 1 < args.length) {
        queries.add(args[++i]);
      } else if (args[i].equals("--repeat") && i + 1 < args.length) {
        String n = args[++i];
        repeat = n.matches("[0-9]{1,6}") ? Integer.parseInt(n) : 0;
        if (repeat < 1) {
          err.println("scapsql bench: --repeat needs a whole number from 1 to 999999, not '" + n + "'");
          return 2;
        }
      } else if (args[i].startsWith("-")) {
        err.println("scapsql bench: unknown option " + args[i]);
        return 2;
      } else {
        file = args[i];
      }
    }
    if (file == null) {
      err.println("usage: scapsql bench [--repeat N] [--query SQL]... CAPTURE"
          + " | bench --vs-sysdig [--only NAME[,NAME...]] CAPTURE");
      return 2;
    }
    if (!only.isEmpty() && !vsSysdig) {
      err.println("scapsql bench: --only selects questions of --vs-sysdig");
      return 2;
    }
    Path f = Path.of(file);
    if (vsSysdig) {
      return VsSysdig.main(f, only, out, err);
    }
    // These runs time the scan: a query repeated in this JVM must run again, not be handed its rows.
    System.setProperty("scapsql.resultReuse", "off");
    try {
      out.printf(Locale.ROOT, "%s: %d bytes on disk%n", f, Files.size(f));
      for (int i = 0; i < repeat; i++) {
        if (queries.isEmpty()) {
          for (Result r : new Result[] {headers(f), state(f), render(f)}) {
            out.printf(Locale.ROOT, "run %d %-8s %,12d events %8.1f ms %,12.0f events/s %8.1f MB/s (uncompressed)%n",
                i + 1, r.layer(), r.events(), r.nanos() / 1e6, r.eventsPerSecond(), r.mbPerSecond());
          }
        }
        for (String q : queries) {
          Result r = query(f, q);
          out.printf(Locale.ROOT, "run %d %s: %s: %,d events read in %.1f ms, %,.0f events/s, %.1f MB/s (file)%n",
              i + 1, q, r.layer(), r.events(), r.nanos() / 1e6, r.eventsPerSecond(), r.mbPerSecond());
        }
      }
      return 0;
    } catch (IOException e) {
      err.println("scapsql: " + e.getMessage());
      return 1;
    }
  }
}
