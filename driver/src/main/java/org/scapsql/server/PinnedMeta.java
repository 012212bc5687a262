package org.scapsql.server;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.scapsql.driver.Errors;
import org.scapsql.driver.Limits;
import org.scapsql.driver.ScapDriver;
import org.scapsql.driver.ScapUrl;

/**
 * Avatica's JDBC-backed {@code Meta}, with every remote connection opened on the
 * captures the server was started with. Avatica merges what a client sends when it
 * connects (its URL's properties, user, password) into the properties it hands
 * {@link #createConnection}; those are dropped here, so no client can name another
 * file, a model, a schema factory or a different URL.
 *
 * <p>It also keeps the server's own rules for every query: each failure leaves as an
 * error response with the same one-line message and SQLSTATE a local caller gets
 * (never a stack trace, never an {@code Error} that Avatica would turn into an HTTP
 * 500 without a body); statements stop at the {@link ServerLimits}; a statement can
 * be cancelled by the client that owns it ({@link #cancel}); closing a running
 * statement stops its scan; and the connection stays read-only whatever a client syncs.
 */
final class PinnedMeta extends JdbcMeta {
  /** Avatica keeps the server-side statement in a field it does not expose. */
  private static final Field STATEMENT = statementField();

  private final List<Path> captures;
  private final ScapDriver driver = new ScapDriver();
  private final ServerLimits limits;
  /** Statements whose execute or fetch is in progress, by id. */
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();
  /** Rows sent by each statement's current execution. */
  private final Map<Integer, AtomicLong> rowsSent = new ConcurrentHashMap<>();
  /** Statements the memory guard stopped (their error says why). */
  private final Set<Integer> stoppedForMemory = ConcurrentHashMap.newKeySet();

  /** An execute or fetch in progress. */
  record Running(String connectionId, int statementId, long startNanos) {}

  PinnedMeta(List<Path> captures, ServerLimits limits) throws SQLException {
    super(ScapUrl.of(captures), new Properties());
    this.captures = List.copyOf(captures);
    this.limits = limits;
  }

  @Override
  protected Connection createConnection(String url, Properties clientInfo) throws SQLException {
    return driver.connectForServer(captures);
  }

  // ---- statements: the server's time limit, cancel, close --------------------------------

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    try {
      StatementHandle h = super.createStatement(ch);
      applyTimeLimit(h.id);
      return h;
    } catch (NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, -1);
    }
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    try {
      StatementHandle h = super.prepare(ch, sql, maxRowCount);
      applyTimeLimit(h.id);
      return h;
    } catch (NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, -1);
    }
  }

  private void applyTimeLimit(int statementId) throws SQLException {
    Statement s = statement(statementId);
    if (s != null && limits.maxQuerySeconds() > 0) {
      s.setQueryTimeout((int) limits.maxQuerySeconds());
    }
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    begin(h, true);
    try {
      ExecuteResult r = super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
      countRows(h, r);
      return r;
    } catch (NoSuchStatementException | NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, h.id);
    } finally {
      end(h);
    }
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    begin(h, true);
    try {
      ExecuteResult r = super.execute(h, parameterValues, maxRowsInFirstFrame);
      countRows(h, r);
      return r;
    } catch (NoSuchStatementException | NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, h.id);
    } finally {
      end(h);
    }
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    begin(h, false);
    try {
      Frame f = super.fetch(h, offset, fetchMaxRowCount);
      countRows(h, f);
      return f;
    } catch (NoSuchStatementException | MissingResultsException | NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, h.id);
    } finally {
      end(h);
    }
  }

  @Override
  public boolean syncResults(StatementHandle h, QueryState state, long offset) throws NoSuchStatementException {
    begin(h, true);
    try {
      return super.syncResults(h, state, offset);
    } catch (NoSuchStatementException | NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, h.id);
    } finally {
      end(h);
    }
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    try {
      return super.prepareAndExecuteBatch(h, sqlCommands);
    } catch (NoSuchStatementException | NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, h.id);
    }
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    try {
      return super.executeBatch(h, parameterValues);
    } catch (NoSuchStatementException | NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, h.id);
    }
  }

  /** Closing a statement whose query runs stops the query (the guarded statement cancels before closing). */
  @Override
  public void closeStatement(StatementHandle h) {
    try {
      super.closeStatement(h);
    } catch (Throwable t) {
      throw failure(t, h.id);
    } finally {
      rowsSent.remove(h.id);
      stoppedForMemory.remove(h.id);
    }
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    try {
      super.openConnection(ch, info);
    } catch (Throwable t) {
      throw failure(t, -1);
    }
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    try {
      super.closeConnection(ch);
    } catch (Throwable t) {
      throw failure(t, -1);
    }
  }

  /**
   * Avatica answers from what the client last sent, so a client that called
   * {@code setReadOnly(false)} would read back {@code false}; the connection is read-only
   * whatever it says.
   */
  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    try {
      ConnectionProperties p = super.connectionSync(ch, connProps);
      p.setReadOnly(true);
      return p;
    } catch (NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, -1);
    }
  }

  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      List<String> typeList) {
    try {
      return super.getTables(ch, catalog, schemaPattern, tableNamePattern, typeList);
    } catch (NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, -1);
    }
  }

  @Override
  public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      Pat columnNamePattern) {
    try {
      return super.getColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern);
    } catch (NoSuchConnectionException e) {
      throw e;
    } catch (Throwable t) {
      throw failure(t, -1);
    }
  }

  // ---- the side channel: cancel and warnings (see ScapServer) ----------------------------

  /**
   * Cancels a statement of the given connection; a statement of another connection is
   * out of reach (its connection id, chosen by its client, is the proof of ownership).
   * Returns whether the statement was found.
   */
  boolean cancel(String connectionId, int statementId) throws SQLException {
    Statement s = ownedStatement(connectionId, statementId);
    if (s == null) {
      return false;
    }
    s.cancel();
    return true;
  }

  /** The warnings of a statement's latest execution (a damaged capture), or null if no such statement. */
  List<String> warnings(String connectionId, int statementId) throws SQLException {
    Statement s = ownedStatement(connectionId, statementId);
    if (s == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
      out.add(w.getMessage());
    }
    return out;
  }

  private Statement ownedStatement(String connectionId, int statementId) throws SQLException {
    Connection c;
    try {
      c = getConnection(connectionId);
    } catch (NoSuchConnectionException e) {
      return null;
    }
    Statement s = statement(statementId);
    return s != null && s.getConnection() == c ? s : null;
  }

  /** Queries in progress, oldest first. */
  List<Running> running() {
    List<Running> r = new ArrayList<>(running.values());
    r.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
    return r;
  }

  /** The memory guard's way out: stops the oldest query in progress; false if none runs. */
  boolean stopOldestForMemory() {
    for (Running r : running()) {
      Statement s = statement(r.statementId());
      if (s != null) {
        stoppedForMemory.add(r.statementId());
        try {
          s.cancel();
        } catch (SQLException | RuntimeException e) {
          continue;
        }
        return true;
      }
    }
    return false;
  }

  private Statement statement(int id) {
    StatementInfo info = getStatementCache().getIfPresent(id);
    if (info == null) {
      return null;
    }
    try {
      return (Statement) STATEMENT.get(info);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot reach Avatica's statement", e);
    }
  }

  private void begin(StatementHandle h, boolean newExecution) {
    if (newExecution) {
      rowsSent.put(h.id, new AtomicLong());
      stoppedForMemory.remove(h.id);
    }
    running.put(h.id, new Running(h.connectionId, h.id, System.nanoTime()));
  }

  private void end(StatementHandle h) {
    running.remove(h.id);
  }

  private void countRows(StatementHandle h, ExecuteResult r) throws SQLException {
    if (r != null) {
      for (MetaResultSet m : r.resultSets) {
        countRows(h, m.firstFrame);
      }
    }
  }

  private void countRows(StatementHandle h, Frame f) throws SQLException {
    if (f == null || f.rows == null || limits.maxRows() == 0) {
      return;
    }
    long n = 0;
    for (Object ignored : f.rows) {
      n++;
    }
    long total = rowsSent.computeIfAbsent(h.id, k -> new AtomicLong()).addAndGet(n);
    if (total > limits.maxRows()) {
      throw new SQLException(String.format(Locale.ROOT, "result too large: more than %,d rows (the server's limit,"
          + " serve --max-rows); add a LIMIT or a filter", limits.maxRows()), Limits.SQLSTATE_LIMIT);
    }
  }

  /**
   * The error response for {@code t}: the one SQLException {@link Errors} makes, with
   * the server's own reasons for a stop it caused (its time limit, its memory guard).
   */
  private RuntimeException failure(Throwable t, int statementId) {
    if (!Errors.mappable(t)) {
      // Not a query's failure (e.g. an InternalError of the JVM): nothing sensible to answer.
      if (t instanceof Error) {
        throw (Error) t;
      }
      return new IllegalStateException(t);
    }
    SQLException e = Errors.toSqlException(t);
    String message = e.getMessage();
    String state = e.getSQLState();
    if (Errors.CANCELLED.equals(state) && statementId >= 0 && stoppedForMemory.remove(statementId)) {
      message = "query stopped by the server: its memory is short (live data above " + limits.maxHeapPercent()
          + "% of the heap, serve --max-memory); add a LIMIT or a filter";
      state = Errors.OUT_OF_MEMORY;
    } else if (e instanceof java.sql.SQLTimeoutException) {
      message = "query timed out: the server stops a query after " + limits.maxQuerySeconds()
          + " s (serve --max-query-time)";
    }
    return new RemoteError(message, e.getErrorCode(), state);
  }

  private static Field statementField() {
    try {
      Field f = StatementInfo.class.getDeclaredField("statement");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError("this Avatica version keeps statements differently: " + e);
    }
  }

  /**
   * What Avatica sends for a failure: the message and SQLSTATE, and as the only "stack
   * trace" the message again behind {@link Errors.RemoteErrorText#MARK}, so a client
   * (the Avatica driver wraps messages in its own words) can recover it exactly, and no
   * server internals (class names, paths) reach the client.
   */
  static final class RemoteError extends AvaticaRuntimeException {
    private static final long serialVersionUID = 1L;

    RemoteError(String message, int errorCode, String sqlState) {
      super(message, errorCode, sqlState, AvaticaSeverity.ERROR);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }

    @Override
    public String toString() {
      return Errors.RemoteErrorText.MARK + getErrorMessage();
    }
  }
}
