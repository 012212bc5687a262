package org.scapsql.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reading side of an events scan (inflating, decoding, the state tracker, the
 * pushed tests and building each row) on a thread of its own, and hands its rows to the
 * query's thread in batches, so that the work Calcite does above the scan (a view's
 * expressions, joins and groups) runs on the other core at the same time.
 *
 * <p>At most {@link #BATCHES} batches wait between the two threads: a consumer that is
 * slower holds the reader back, so memory stays bounded whatever the capture's size. What
 * the reading side throws (damage it cannot skip, a cancel, a timeout) is thrown again by
 * {@link #next} on the query's thread, after the rows read before it.
 */
final class ScanAhead implements AutoCloseable {
  /** Where the reading side's rows come from: the next row, or null at the end. */
  @FunctionalInterface
  interface Rows {
    Object[] next() throws IOException;
  }

  /** Rows per batch: few hand-overs per second, and a batch of rows is well within a cache's reach. */
  static final int BATCH = 512;
  /** Batches in flight: enough to ride out the jitter of either side. */
  static final int BATCHES = 8;
  /**
   * Captures smaller than this in all are scanned on the query's thread, where a second
   * thread costs more than it saves; {@code scapsql.scanAhead.minBytes} moves the bound
   * (0: always, as tests do to compare both ways).
   */
  static final long DEFAULT_MIN_BYTES = 32L << 20;

  private static final Object[][] END = new Object[0][];

  private final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(BATCHES);
  private final Rows source;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Throwable failure;
  private Object[][] batch = new Object[0][];
  private int at;
  private boolean ended;

  ScanAhead(Rows source, String name) {
    if (source == null) {
      throw new IllegalArgumentException("a scan ahead needs its rows' source");
    }
    this.source = source;
    this.thread = new Thread(this::produce, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether a scan of {@code bytes} of captures is worth a thread of its own on this machine. */
  static boolean worthIt(long bytes) {
    return bytes >= Long.getLong("scapsql.scanAhead.minBytes", DEFAULT_MIN_BYTES)
        && Runtime.getRuntime().availableProcessors() >= 2;
  }

  private void produce() {
    Object[][] b = new Object[BATCH][];
    int n = 0;
    try {
      for (Object[] r; !stopped && (r = source.next()) != null; ) {
        b[n++] = r;
        if (n == BATCH) {
          hand(b);
          b = new Object[BATCH][];
          n = 0;
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
    } finally {
      // The rows read before the end (or before what ended the reading) come first.
      if (n > 0) {
        hand(java.util.Arrays.copyOf(b, n));
      }
      hand(END);
    }
  }

  private void hand(Object[][] b) {
    try {
      while (!stopped) {
        if (queue.offer(b, 50, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  /** The next row, or null once the reading side has ended; rethrows what ended it. */
  Object[] next() {
    while (at >= batch.length) {
      if (ended) {
        return null;
      }
      Object[][] b;
      try {
        b = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QueryControl.QueryStoppedException("query interrupted");
      }
      if (b == END) {
        ended = true;
        rethrow();
        return null;
      }
      batch = b;
      at = 0;
    }
    Object[] r = batch[at];
    batch[at++] = null; // Handed on: the batch no longer holds it.
    return r;
  }

  private void rethrow() {
    Throwable f = failure;
    if (f == null) {
      return;
    }
    if (f instanceof IOException io) {
      throw new UncheckedIOException(io.getMessage(), io);
    }
    if (f instanceof RuntimeException re) {
      throw re;
    }
    throw (Error) f;
  }

  /**
   * Stops the reading side and waits for it to let go of the scan's reader and tracker,
   * so that the caller may close them.
   */
  @Override
  public void close() {
    stopped = true;
    queue.clear();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
