package org.scapsql.adapter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What scans have done, for tests and benchmarks that must prove pushdown:
 * events read from files, events whose parameters were decoded to build a row
 * or test a parameter predicate, rows returned, and scans that stopped before
 * the end of their capture.
 */
public final class ScanCounters {
  public static final AtomicLong EVENTS_READ = new AtomicLong();
  public static final AtomicLong EVENTS_DECODED = new AtomicLong();
  public static final AtomicLong EVENTS_TRACKED = new AtomicLong();
  public static final AtomicLong ROWS = new AtomicLong();
  public static final AtomicLong SCANS_STOPPED_EARLY = new AtomicLong();

  private ScanCounters() {}

  public static void reset() {
    EVENTS_READ.set(0);
    EVENTS_DECODED.set(0);
    EVENTS_TRACKED.set(0);
    ROWS.set(0);
    SCANS_STOPPED_EARLY.set(0);
  }
}
