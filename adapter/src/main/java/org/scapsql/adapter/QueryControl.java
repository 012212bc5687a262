package org.scapsql.adapter;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * Lets a long scan notice that its statement was cancelled or ran out of time
 * (Calcite hands both to the query through the data context, but enforces
 * neither: the scan must look).
 */
public final class QueryControl {
  private static final QueryControl NONE = new QueryControl(null, Long.MAX_VALUE);

  private final AtomicBoolean cancel;
  private final long deadlineNanos;

  private QueryControl(AtomicBoolean cancel, long deadlineNanos) {
    this.cancel = cancel;
    this.deadlineNanos = deadlineNanos;
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
    return new QueryControl(flag, deadline);
  }

  /** Throws when the query must stop. */
  public void check() {
    if (cancel != null && cancel.get()) {
      throw new QueryStoppedException("query cancelled");
    }
    if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() > deadlineNanos) {
      if (cancel != null) {
        cancel.set(true);
      }
      throw new QueryStoppedException("query timed out");
    }
  }

  /** The error a stopped scan raises; the driver reports it as the statement's error. */
  public static final class QueryStoppedException extends RuntimeException {
    public QueryStoppedException(String message) {
      super(message);
    }
  }
}
