package org.scapsql.export;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress indicator on the terminal, redrawn in place, erased when the export ends. */
final class ExportProgress implements AutoCloseable {
  /** How often the line is redrawn; tests shorten it, so that a quick export still draws it. */
  static volatile long tickMillis = 500;

  private final PrintStream terminal;
  private final Exporter exporter;
  private final long t0 = System.nanoTime();
  private final Thread thread;
  private int shown;

  private ExportProgress(PrintStream terminal, Exporter exporter) {
    this.terminal = terminal;
    this.exporter = exporter;
    this.thread = new Thread(this::loop, "scapsql-export-progress");
    this.thread.setDaemon(true);
  }

  static ExportProgress start(PrintStream terminal, Exporter exporter) {
    ExportProgress p = new ExportProgress(terminal, exporter);
    p.thread.start();
    return p;
  }

  private void loop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(tickMillis);
        draw(line());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String line() {
    return String.format(Locale.ROOT, "  export: %d/%d captures, %,d rows, %,.1f MB written, %.0f s",
        exporter.capturesDone(), exporter.capturesTotal(), exporter.rowsWritten(), exporter.bytesWritten() / 1e6,
        (System.nanoTime() - t0) / 1e9);
  }

  private synchronized void draw(String text) {
    terminal.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())) + "\r");
    terminal.flush();
    shown = text.length();
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (shown > 0) {
        terminal.print("\r" + " ".repeat(shown) + "\r");
        terminal.flush();
      }
    }
  }
}
