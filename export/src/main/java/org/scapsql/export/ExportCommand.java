package org.scapsql.export;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code scapsql export --format parquet --out DIR [--tables ...] [--query SQL] CAPTURE...}.
 * Exit status: 0 done, 1 a capture failed (the others are written), 2 a bad command
 * line or a refused request (nothing written), 3 written with warnings (a damaged
 * capture's rows stop at the damage, as a query's do).
 */
public final class ExportCommand {
  private ExportCommand() {}

  /** Runs the command; {@code terminal} is where the progress line goes, or null for none. */
  public static int run(String[] args, PrintStream out, PrintStream err, PrintStream terminal) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help")) {
        out.println(ExportOptions.USAGE);
        return 0;
      }
    }
    ExportOptions options;
    try {
      options = ExportOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("scapsql export: " + e.getMessage());
      err.println(ExportOptions.USAGE);
      return 2;
    }
    if (System.getProperty("scapsql.columnCache") == null) {
      // The export reads each capture once, whole; a column cache built beside it would cost a second pass
      // on the core another capture's export is using.
      System.setProperty("scapsql.columnCache", "off");
    }
    Exporter exporter = new Exporter(options);
    long t0 = System.nanoTime();
    Exporter.Plan plan;
    try {
      plan = exporter.plan();
    } catch (Exporter.RefusedException e) {
      err.println("scapsql export: " + e.getMessage());
      return 2;
    }
    List<Exporter.CaptureResult> results;
    try (ExportProgress progress = terminal != null ? ExportProgress.start(terminal, exporter) : null) {
      results = exporter.run(plan);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("scapsql export: interrupted");
      return 1;
    }
    int failed = 0;
    int warned = 0;
    long files = 0;
    for (Exporter.CaptureResult r : results) {
      files += r.parts().size();
      if (r.error() != null) {
        failed++;
        err.println("scapsql export: " + r.capture().getFileName() + ": " + r.error()
            + (r.parts().isEmpty() ? "" : " (its tables before this one were written)"));
      }
      for (String w : r.warnings()) {
        warned++;
        err.println("scapsql export: warning: " + w);
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    out.println(String.format(Locale.ROOT,
        "exported %d of %d captures to %s: %d files, %,d rows, %,d bytes in %.1f s (%,.0f rows/s)",
        results.size() - failed, results.size(), options.out(), files, exporter.rowsWritten(),
        exporter.bytesWritten(), secs, exporter.rowsWritten() / Math.max(secs, 1e-9)));
    return failed > 0 ? 1 : warned > 0 ? 3 : 0;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.console() != null ? System.err : null));
  }
}
