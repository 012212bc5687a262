package org.scapsql.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.scapsql.render.SysdigDump;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Event;
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

  public static Result headers(Path f) throws IOException {
    long t0 = System.nanoTime();
    long n = 0;
    long bytes;
    try (CaptureReader r = CaptureReader.open(f)) {
      long sink = 0;
      for (Event e; (e = r.next()) != null; ) {
        sink += e.tid() + e.type();
        n++;
      }
      bytes = r.position();
      blackhole = sink;
    }
    return new Result("headers", n, bytes, System.nanoTime() - t0);
  }

  public static Result state(Path f) throws IOException {
    long t0 = System.nanoTime();
    long n = 0;
    long bytes;
    StateTracker s = new StateTracker();
    try (CaptureReader r = CaptureReader.open(f)) {
      r.listener(s);
      for (Event e; (e = r.next()) != null; ) {
        if (n == 0) {
          s.dialect(r.dialect());
        }
        s.process(e);
        n++;
      }
      bytes = r.position();
    }
    return new Result("state", n, bytes, System.nanoTime() - t0);
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
    long n;
    long size;
    try (CaptureReader r = CaptureReader.open(f)) {
      // Event count and stream size for the figures (not timed).
      long t1 = System.nanoTime();
      while (r.next() != null) {
        // count
      }
      n = r.eventCount();
      size = r.position();
      t0 += System.nanoTime() - t1;
    }
    return new Result("render", n, size, System.nanoTime() - t0);
  }

  /** Runs a SQL query over the capture on a scapsql connection; counts the rows it returns. */
  public static Result query(Path f, String sql) throws IOException {
    long t0 = System.nanoTime();
    long rows = 0;
    // The connection users get (settings, planner, extensions), so the figure is theirs.
    try (java.sql.Connection c = org.scapsql.adapter.connection.ScapConnections.connect(java.util.List.of(f))) {
      try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            rs.getObject(i);
          }
          rows++;
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
    long events = org.scapsql.adapter.ScanCounters.EVENTS_READ.getAndSet(0);
    return new Result("sql (" + rows + " rows)", events, Files.size(f), System.nanoTime() - t0);
  }

  public static int main(String[] args, PrintStream out, PrintStream err) {
    int repeat = 3;
    String file = null;
    java.util.List<String> queries = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--query") && i + 1 < args.length) {
        queries.add(args[++i]);
      } else if (args[i].equals("--repeat") && i + 1 < args.length) {
        repeat = Integer.parseInt(args[++i]);
      } else if (args[i].startsWith("-")) {
        err.println("scapsql bench: unknown option " + args[i]);
        return 2;
      } else {
        file = args[i];
      }
    }
    if (file == null) {
      err.println("usage: scapsql bench [--repeat N] [--query SQL]... CAPTURE");
      return 2;
    }
    Path f = Path.of(file);
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
          org.scapsql.adapter.ScanCounters.EVENTS_READ.set(0);
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
