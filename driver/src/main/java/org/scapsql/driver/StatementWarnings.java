package org.scapsql.driver;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scapsql.adapter.QueryWarnings;

/**
 * The warnings a statement's scans report (see {@link QueryWarnings}), as the JDBC
 * SQLWarning chain of the statement and of its result sets.
 */
final class StatementWarnings {
  /** SQLSTATE of a scan's warning: "warning", class 01. */
  static final String SQLSTATE = "01000";

  private final QueryWarnings collected;
  private final AtomicBoolean cancelFlag;

  private StatementWarnings(QueryWarnings collected, AtomicBoolean cancelFlag) {
    this.collected = collected;
    this.cancelFlag = cancelFlag;
  }

  /** Listens to a Calcite statement's scans; null for a statement of another kind. */
  static StatementWarnings attach(Statement target) {
    try {
      return new StatementWarnings(QueryWarnings.attach(target), QueryWarnings.cancelFlag(target));
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  /**
   * A new execution starts: forget the last one's warnings, and its cancel (Avatica
   * never clears a statement's cancel flag, which would stop every later execution).
   */
  void newExecution() {
    collected.clear();
    cancelFlag.set(false);
  }

  /** {@code first} (the target's own warnings, may be null) followed by the scans'. */
  SQLWarning chain(SQLWarning first) {
    List<String> messages = collected.list();
    SQLWarning head = first;
    for (String m : messages) {
      SQLWarning w = new SQLWarning(Errors.oneLine(m), SQLSTATE);
      if (head == null) {
        head = w;
      } else {
        head.setNextWarning(w);
      }
    }
    return head;
  }

  List<String> messages() {
    return collected.list();
  }

  void clear() {
    collected.clear();
  }
}
