package org.scapsql.adapter;

import java.lang.ref.WeakReference;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What scans have done, for progress displays, tests and benchmarks that must prove
 * pushdown: events read from files, events whose parameters were decoded to build a row
 * or test a parameter predicate, events run through the state tracker, rows returned,
 * and scans that stopped before the end of their capture.
 *
 * <p>Each statement execution has its own counters (filed, like {@link QueryWarnings},
 * under the statement's cancel flag: the one thing of the statement a scan can reach),
 * so concurrent queries of a server do not mix their progress. A progress display that
 * cannot reach the statement (the shell's, under SQLLine) finds them by the thread that
 * runs it ({@link #eventsReadBy}). The static totals add up every query of the JVM, for
 * tests that must see that nothing at all is being read any more (a server's cancelled
 * query). Scans add in batches, so neither costs a shared write per event.
 */
public final class ScanCounters {
  public static final AtomicLong EVENTS_READ = new AtomicLong();
  public static final AtomicLong EVENTS_DECODED = new AtomicLong();
  public static final AtomicLong EVENTS_TRACKED = new AtomicLong();
  public static final AtomicLong ROWS = new AtomicLong();
  public static final AtomicLong SCANS_STOPPED_EARLY = new AtomicLong();

  private static final Map<AtomicBoolean, ScanCounters> BY_FLAG = Collections.synchronizedMap(new WeakHashMap<>());
  /** The counters of the execution each thread runs or last ran (a thread runs one statement at a time). */
  private static final Map<Thread, ScanCounters> BY_THREAD = Collections.synchronizedMap(new WeakHashMap<>());

  private final AtomicLong eventsRead = new AtomicLong();
  private final AtomicLong eventsDecoded = new AtomicLong();
  private final AtomicLong eventsTracked = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong scansStoppedEarly = new AtomicLong();

  /** The execution counted now (held weakly: a finished execution's context goes). */
  private WeakReference<Object> execution = new WeakReference<>(null);

  private ScanCounters() {}

  /** Counters of a query that nobody watches (no statement behind it). */
  static ScanCounters unwatched() {
    return new ScanCounters();
  }

  /**
   * The counters of the statement that owns {@code cancelFlag}, made on first use and
   * started again when {@code execution} (the data context of one execution) is new.
   */
  static ScanCounters of(AtomicBoolean cancelFlag, Object execution) {
    ScanCounters c = cancelFlag == null ? new ScanCounters()
        : BY_FLAG.computeIfAbsent(cancelFlag, f -> new ScanCounters());
    synchronized (c) {
      if (c.execution.get() != execution) {
        c.restart();
        c.execution = new WeakReference<>(execution);
      }
    }
    // A statement's scans run on the thread that executes it or reads its rows.
    BY_THREAD.put(Thread.currentThread(), c);
    return c;
  }

  /**
   * Events read so far by the statement execution {@code thread} runs (or last ran): what
   * a progress line watching that thread shows, blind to other threads' queries.
   */
  public static LongSupplier eventsReadBy(Thread thread) {
    return () -> {
      ScanCounters c = BY_THREAD.get(thread);
      return c == null ? 0 : c.eventsRead();
    };
  }

  private static ScanCounters of(AtomicBoolean cancelFlag) {
    return cancelFlag == null ? new ScanCounters() : BY_FLAG.computeIfAbsent(cancelFlag, f -> new ScanCounters());
  }

  /** The counters of a Calcite statement's scans (of its current or last execution). */
  public static ScanCounters of(Statement calciteStatement) throws SQLException {
    return of(QueryWarnings.cancelFlag(calciteStatement));
  }

  /**
   * Sets the JVM-wide totals to zero, once the entity passes queries started beside
   * them have ended (a query closed before it read its entity tables leaves its pass
   * running, and the totals must count only what comes next).
   */
  public static void reset() {
    org.scapsql.adapter.entity.EntityCache.awaitPrefetches(60_000);
    EVENTS_READ.set(0);
    EVENTS_DECODED.set(0);
    EVENTS_TRACKED.set(0);
    ROWS.set(0);
    SCANS_STOPPED_EARLY.set(0);
  }

  /** Starts this statement's counts again (a new execution). */
  public void restart() {
    eventsRead.set(0);
    eventsDecoded.set(0);
    eventsTracked.set(0);
    rows.set(0);
    scansStoppedEarly.set(0);
  }

  public long eventsRead() {
    return eventsRead.get();
  }

  public long eventsDecoded() {
    return eventsDecoded.get();
  }

  public long eventsTracked() {
    return eventsTracked.get();
  }

  public long rows() {
    return rows.get();
  }

  public long scansStoppedEarly() {
    return scansStoppedEarly.get();
  }

  void read(long n) {
    eventsRead.addAndGet(n);
    EVENTS_READ.addAndGet(n);
  }

  void tracked(long n) {
    eventsTracked.addAndGet(n);
    EVENTS_TRACKED.addAndGet(n);
  }

  void decoded(long n) {
    eventsDecoded.addAndGet(n);
    EVENTS_DECODED.addAndGet(n);
  }

  void rows(long n) {
    rows.addAndGet(n);
    ROWS.addAndGet(n);
  }

  void stoppedEarly() {
    scansStoppedEarly.incrementAndGet();
    SCANS_STOPPED_EARLY.incrementAndGet();
  }
}
