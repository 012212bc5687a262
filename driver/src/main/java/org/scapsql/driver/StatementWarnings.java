package org.scapsql.driver;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.scapsql.adapter.QueryWarnings;

/**
 * The warnings a statement's scans report (see {@link QueryWarnings}), as the JDBC
 * SQLWarning chain of the statement and of its result sets.
 */
final class StatementWarnings {
  /** SQLSTATE of a scan's warning: "warning", class 01. */
  static final String SQLSTATE = "01000";

  private final QueryWarnings collected;

  private StatementWarnings(QueryWarnings collected) {
    this.collected = collected;
  }

  /** Listens to a Calcite statement's scans; null for a statement of another kind. */
  static StatementWarnings attach(Statement target) {
    try {
      return new StatementWarnings(QueryWarnings.attach(target));
    } catch (SQLException | RuntimeException e) {
      return null;
    }
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
