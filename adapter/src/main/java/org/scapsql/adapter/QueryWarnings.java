package org.scapsql.adapter;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.NoSuchStatementException;

/**
 * What a statement's scans want its caller to know without failing it: a damaged or
 * truncated capture whose rows stop early. Calcite gives a scan no way to reach its
 * JDBC statement except the statement's cancel flag, which it puts in the data
 * context; so warnings are filed under that flag (held weakly: a closed statement's
 * entry goes with it) and the driver reads them back as SQLWarnings.
 */
public final class QueryWarnings {
  /** Warnings kept per statement execution; more are counted, not kept. */
  static final int MAX_KEPT = 20;

  private static final Map<AtomicBoolean, QueryWarnings> BY_FLAG = Collections.synchronizedMap(new WeakHashMap<>());

  private final List<String> messages = new ArrayList<>();
  private int dropped;

  private QueryWarnings() {}

  /** A collector that belongs to no statement (background work reads it back itself). */
  public static QueryWarnings detached() {
    return new QueryWarnings();
  }

  /** Collects the warnings of a Calcite statement's scans from now on. */
  public static QueryWarnings attach(Statement calciteStatement) throws SQLException {
    QueryWarnings w = new QueryWarnings();
    BY_FLAG.put(cancelFlag(calciteStatement), w);
    return w;
  }

  /**
   * The flag a Calcite statement's scans watch ({@link QueryControl}). Avatica sets it on
   * cancel and never clears it, so whoever reuses a cancelled statement must.
   */
  public static AtomicBoolean cancelFlag(Statement calciteStatement) throws SQLException {
    if (calciteStatement == null) {
      throw new IllegalArgumentException("no statement");
    }
    AvaticaStatement s = calciteStatement.unwrap(AvaticaStatement.class);
    AvaticaConnection c = s.getConnection().unwrap(AvaticaConnection.class);
    try {
      return c.getCancelFlag(s.handle);
    } catch (NoSuchStatementException e) {
      throw new SQLException("statement is closed", "HY010", e);
    }
  }

  /** The collector of the statement that owns {@code cancelFlag}, or null when nobody listens. */
  static QueryWarnings of(AtomicBoolean cancelFlag) {
    return cancelFlag == null ? null : BY_FLAG.get(cancelFlag);
  }

  /** Records a warning once (the same damage seen by two scans of one query is one warning). */
  public synchronized void add(String message) {
    if (message == null || messages.contains(message)) {
      return;
    }
    if (messages.size() < MAX_KEPT) {
      messages.add(message);
    } else {
      dropped++;
    }
  }

  /** The warnings so far, with a last line counting those not kept. */
  public synchronized List<String> list() {
    List<String> out = new ArrayList<>(messages);
    if (dropped > 0) {
      out.add(dropped + " more warnings");
    }
    return out;
  }

  /** Forgets what was recorded (a statement's warnings restart with each execution). */
  public synchronized void clear() {
    messages.clear();
    dropped = 0;
  }
}
