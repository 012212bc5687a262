package org.scapsql.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A statement of a {@link ReadOnlyConnection}: checks the SQL text of every execute
 * and batch entry against the {@link Limits} and the {@link ReadOnlyGuard}, answers
 * {@code getConnection} with the wrapping connection so tools never reach past it,
 * hands out its results through {@link Results}, and reports what its scans warned
 * about (a damaged capture) as SQLWarnings. Closing a statement whose query is still
 * running cancels the query first, so the scan stops instead of running on unseen.
 * Its results also answer {@code getObject(column, Class)} ({@link TypedResults}).
 */
final class GuardedStatement implements InvocationHandler {
  private final Statement target;
  private final Connection connection;
  private final boolean wireSafe;
  private final StatementWarnings warnings;
  private Statement proxy;

  private GuardedStatement(Statement target, Connection connection, boolean wireSafe) {
    this.target = target;
    this.connection = connection;
    this.wireSafe = wireSafe;
    this.warnings = StatementWarnings.attach(target);
  }

  static <T extends Statement> T wrap(Statement target, Connection connection, Class<T> type, boolean wireSafe) {
    if (target == null || connection == null) {
      throw new IllegalArgumentException("statement and connection are required");
    }
    GuardedStatement handler = new GuardedStatement(target, connection, wireSafe);
    Object p = Proxy.newProxyInstance(GuardedStatement.class.getClassLoader(), new Class<?>[] {type}, handler);
    handler.proxy = type.cast(p);
    return type.cast(p);
  }

  /** Limits and the read-only guard: what every statement text passes before Calcite sees it. */
  static void check(String sql) throws SQLException {
    Limits.checkSql(sql);
    ReadOnlyGuard.check(sql);
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    try {
      return dispatch(self, method, args);
    } catch (SQLException e) {
      throw Errors.toSqlException(e);
    }
  }

  private Object dispatch(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    boolean executes = name.startsWith("execute");
    if (args != null && args.length > 0 && args[0] instanceof String && (executes || name.equals("addBatch"))) {
      check((String) args[0]);
    }
    Object identity = Delegation.identity(self, target, name, args);
    if (identity != Delegation.NOT_IDENTITY) {
      return identity;
    }
    if (executes && warnings != null) {
      warnings.newExecution();
    }
    switch (name) {
      case "getConnection":
        return connection;
      case "getWarnings":
        SQLWarning own = (SQLWarning) Delegation.call(target, method, args);
        return warnings == null ? own : warnings.chain(own);
      case "clearWarnings":
        Delegation.call(target, method, args);
        if (warnings != null) {
          warnings.clear();
        }
        return null;
      case "close":
        if (!target.isClosed()) {
          try {
            target.cancel();
          } catch (SQLException | RuntimeException ignored) {
            // Nothing running, or already stopping: closing is what was asked.
          }
        }
        return Delegation.call(target, method, args);
      case "toString":
        return "scapsql " + target;
      default:
        Object result = Delegation.call(target, method, args);
        if (result instanceof ResultSet) {
          return Results.wrap(TypedResults.wrap((ResultSet) result), proxy, wireSafe, warnings);
        }
        if (result instanceof ResultSetMetaData) {
          return Results.wrap((ResultSetMetaData) result, wireSafe);
        }
        return result;
    }
  }
}
