package org.scapsql.adapter;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * Lets a long scan notice that its statement was cancelled or ran out of time
 * (Calcite hands both to the query through the data context, but enforces
 * neither: the scan must look).
 */
public final class QueryControl {

  private final AtomicBoolean cancel;
  private final long deadlineNanos;
  private final QueryWarnings warnings;
  private final ScanCounters counters;
  /** The statement execution this control belongs to (its data context), or null. */
  private final Object statement;

  private QueryControl(AtomicBoolean cancel, long deadlineNanos, QueryWarnings warnings, ScanCounters counters,
      Object statement) {
    this.statement = statement;
    this.cancel = cancel;
    this.deadlineNanos = deadlineNanos;
    this.warnings = warnings;
    this.counters = counters;
  }

  /** A query that cannot be cancelled and has no deadline (a command's own pass, a test's). */
  public static QueryControl none() {
    return new QueryControl(null, Long.MAX_VALUE, null, ScanCounters.unwatched(), null);
  }

  /**
   * Work that no statement owns (building the column cache): stops when {@code cancel}
   * is set, and hands its warnings to {@code warnings} (a fresh collector).
   */
  public static QueryControl background(AtomicBoolean cancel, QueryWarnings warnings) {
    return new QueryControl(cancel, Long.MAX_VALUE, warnings, ScanCounters.unwatched(), null);
  }

  public static QueryControl of(DataContext root) {
    if (root == null) {
      return none();
    }
    AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(root);
    Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
    long deadline = Long.MAX_VALUE;
    if (timeout instanceof Number && ((Number) timeout).longValue() > 0) {
      long millis = ((Number) timeout).longValue();
      // The timeout counts from the statement's start (Calcite's clock for it), not from this scan's.
      Object started = root.get(DataContext.Variable.UTC_TIMESTAMP.camelName);
      long elapsed = started instanceof Number
          ? Math.max(0, System.currentTimeMillis() - ((Number) started).longValue()) : 0;
      deadline = System.nanoTime() + Math.max(0, millis - elapsed) * 1_000_000L;
    }
    return new QueryControl(flag, deadline, QueryWarnings.of(flag), ScanCounters.of(flag, root), root);
  }

  /**
   * The statement execution this control belongs to, the same object for every scan it
   * binds (its data context); null for work no statement owns.
   */
  public Object statement() {
    return statement;
  }

  /** The counters of the query's scans. */
  public ScanCounters counters() {
    return counters;
  }

  /** The warnings given so far (empty when nobody listens). */
  public List<String> warnings() {
    return warnings == null ? List.of() : warnings.list();
  }

  /** Tells the statement's caller something it should know about the rows (see {@link QueryWarnings}). */
  public void warn(String message) {
    if (warnings != null) {
      warnings.add(message);
    }
  }

  /**
   * Throws when the query must stop. Cheap enough to call for every row: two volatile
   * reads (the clock is {@link Clock}'s), so a query whose rows each cost much work
   * above the scan (a nested-loop join) still stops within one row.
   */
  public void check() {
    // The deadline first: a timeout sets the cancel flag for the statement's other scans
    // (a scan's reading thread, ScanAhead), which must report the timeout too, not a cancel.
    if (deadlineNanos != Long.MAX_VALUE && Clock.nanos > deadlineNanos) {
      if (cancel != null) {
        cancel.set(true);
      }
      throw new QueryStoppedException("query timed out", true);
    }
    if (cancel != null && cancel.get()) {
      throw new QueryStoppedException("query cancelled", false);
    }
  }

  /** A clock read with a volatile load instead of a system call; a daemon thread moves it every 5 ms. */
  private static final class Clock {
    static volatile long nanos = System.nanoTime();

    static {
      Thread t = new Thread(() -> {
        try {
          while (true) {
            nanos = System.nanoTime();
            Thread.sleep(5);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "scapsql-query-clock");
      t.setDaemon(true);
      t.start();
    }

    private Clock() {}
  }

  /** The error a stopped scan raises; the driver reports it as the statement's error. */
  public static final class QueryStoppedException extends RuntimeException {
    private final boolean timeout;

    public QueryStoppedException(String message) {
      this(message, false);
    }

    public QueryStoppedException(String message, boolean timeout) {
      super(message);
      this.timeout = timeout;
    }

    /** True when the query ran out of time rather than being cancelled. */
    public boolean timeout() {
      return timeout;
    }
  }
}
