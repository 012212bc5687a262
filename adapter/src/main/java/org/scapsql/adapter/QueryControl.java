package org.scapsql.adapter;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * Lets a long scan notice that its statement was cancelled or ran out of time
 * (Calcite hands both to the query through the data context, but enforces
 * neither: the scan must look).
 */
public final class QueryControl {
  private static final QueryControl NONE = new QueryControl(null, Long.MAX_VALUE, null);

  private final AtomicBoolean cancel;
  private final long deadlineNanos;
  private final QueryWarnings warnings;

  private QueryControl(AtomicBoolean cancel, long deadlineNanos, QueryWarnings warnings) {
    this.cancel = cancel;
    this.deadlineNanos = deadlineNanos;
    this.warnings = warnings;
  }

  public static QueryControl of(DataContext root) {
    if (root == null) {
      return NONE;
    }
    AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(root);
    Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
    long deadline = Long.MAX_VALUE;
    if (timeout instanceof Number && ((Number) timeout).longValue() > 0) {
      deadline = System.nanoTime() + ((Number) timeout).longValue() * 1_000_000L;
    }
    return new QueryControl(flag, deadline, QueryWarnings.of(flag));
  }

  /** Tells the statement's caller something it should know about the rows (see {@link QueryWarnings}). */
  public void warn(String message) {
    if (warnings != null) {
      warnings.add(message);
    }
  }

  /** Throws when the query must stop. */
  public void check() {
    if (cancel != null && cancel.get()) {
      throw new QueryStoppedException("query cancelled", false);
    }
    if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() > deadlineNanos) {
      if (cancel != null) {
        cancel.set(true);
      }
      throw new QueryStoppedException("query timed out", true);
    }
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
