package org.scapsql.shell;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line "scanning: N events" indicator on the terminal while a long scan runs
 * and nothing else is being printed. It watches a counter of events read (the shell's
 * own statements', found by the thread that runs them) rather than the statements, so
 * it needs no hook into the driver or SQLLine: a scan is running while the counter
 * grows. Anything written through {@link #wrap} first erases the line, and output
 * from the last second keeps it hidden, so rows never share a line with it.
 */
final class Progress implements AutoCloseable {
  static final long DELAY_NANOS = 1_000_000_000L;
  private static final long TICK_MILLIS = 250;

  private final PrintStream terminal;
  private final LongSupplier counter;
  private final Thread thread;
  private long last;
  private long growingSince = -1;
  private long lastOutput = Long.MIN_VALUE / 2;
  private int shownWidth;

  /** A progress line that moves only when {@link #tick} is called; {@link #start} also starts its clock. */
  Progress(PrintStream terminal, LongSupplier counter) {
    this.terminal = terminal;
    this.counter = counter;
    this.last = counter.getAsLong();
    this.thread = new Thread(this::loop, "scapsql-progress");
    this.thread.setDaemon(true);
  }

  /** Starts drawing on {@code terminal} (the real stderr of a terminal) from {@code counter}. */
  static Progress start(PrintStream terminal, LongSupplier counter) {
    if (terminal == null || counter == null) {
      throw new IllegalArgumentException("a terminal and a counter are required");
    }
    Progress p = new Progress(terminal, counter);
    p.thread.start();
    return p;
  }

  private void loop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(TICK_MILLIS);
        tick(System.nanoTime());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One look at the counter; package-private so tests can drive time. */
  synchronized void tick(long now) {
    long v = counter.getAsLong();
    if (v > last) {
      if (growingSince < 0) {
        growingSince = now;
      }
      if (now - growingSince >= DELAY_NANOS && now - lastOutput >= DELAY_NANOS) {
        draw(v, now - growingSince);
      }
    } else {
      growingSince = -1;
      erase();
    }
    last = v;
  }

  private void draw(long events, long nanos) {
    String text = String.format(Locale.ROOT, "  scanning: %,d events read, %.1f s", events, nanos / 1e9);
    String pad = " ".repeat(Math.max(0, shownWidth - text.length()));
    terminal.print("\r" + text + pad + "\r");
    terminal.flush();
    shownWidth = text.length();
  }

  private void erase() {
    if (shownWidth > 0) {
      terminal.print("\r" + " ".repeat(shownWidth) + "\r");
      terminal.flush();
      shownWidth = 0;
    }
  }

  /** Called before anything else reaches the terminal. */
  synchronized void beforeOutput() {
    erase();
    lastOutput = System.nanoTime();
  }

  synchronized boolean showing() {
    return shownWidth > 0;
  }

  /** {@code out} with the progress line erased before each write. */
  PrintStream wrap(OutputStream out) {
    return new PrintStream(new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        beforeOutput();
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        beforeOutput();
        out.write(b, off, len);
      }
    }, true);
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
      erase();
    }
  }
}
