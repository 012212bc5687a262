package org.scapsql.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.function.BooleanSupplier;

/**
 * Watches the heap for the server: when live data (what the last garbage collection
 * kept) passes a share of the heap, one query is stopped, so the JVM does not reach
 * an out-of-memory that would fail every client's query at once. Java cannot tell
 * which query holds the memory; the oldest one running is the likeliest (a sort or
 * join that grew while it ran) and the one that has had its share of the server.
 */
final class MemoryGuard implements AutoCloseable {
  private static final long TICK_MILLIS = 250;
  /** After stopping a query, let its memory go before judging again. */
  private static final long SETTLE_MILLIS = 2_000;

  private final int percent;
  private final BooleanSupplier stopOne;
  private final Thread thread;

  private MemoryGuard(int percent, BooleanSupplier stopOne) {
    this.percent = percent;
    this.stopOne = stopOne;
    this.thread = new Thread(this::loop, "scapsql-memory-guard");
    this.thread.setDaemon(true);
  }

  /** Starts watching; {@code stopOne} stops a query and says whether one was running. Null when percent is 0. */
  static MemoryGuard start(int percent, BooleanSupplier stopOne) {
    if (percent <= 0) {
      return null;
    }
    MemoryGuard g = new MemoryGuard(percent, stopOne);
    g.thread.start();
    return g;
  }

  private void loop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(TICK_MILLIS);
        if (overLimit() && stopOne.getAsBoolean()) {
          Thread.sleep(SETTLE_MILLIS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Live heap after the last collection of each heap pool, against the limit. */
  boolean overLimit() {
    long max = Runtime.getRuntime().maxMemory();
    if (max <= 0 || max == Long.MAX_VALUE) {
      return false;
    }
    long live = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()) {
        continue;
      }
      MemoryUsage after = pool.getCollectionUsage();
      if (after != null) {
        live += after.getUsed();
      }
    }
    return live > max / 100 * percent;
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
