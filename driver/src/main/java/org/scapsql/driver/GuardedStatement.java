package org.scapsql.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

/**
 * A statement of a {@link ReadOnlyConnection}: checks the SQL text of every
 * execute and batch entry with {@link ReadOnlyGuard}, and answers
 * {@code getConnection} with the wrapping connection so tools never reach past it.
 * Its results answer {@code getObject(column, Class)} ({@link TypedResults}); for the
 * server they also go through {@link WireSafeResults}.
 */
final class GuardedStatement implements InvocationHandler {
  private final Statement target;
  private final Connection connection;
  private final boolean wireSafe;

  private GuardedStatement(Statement target, Connection connection, boolean wireSafe) {
    this.target = target;
    this.connection = connection;
    this.wireSafe = wireSafe;
  }

  static <T extends Statement> T wrap(Statement target, Connection connection, Class<T> type, boolean wireSafe) {
    if (target == null || connection == null) {
      throw new IllegalArgumentException("statement and connection are required");
    }
    Object p = Proxy.newProxyInstance(GuardedStatement.class.getClassLoader(), new Class<?>[] {type},
        new GuardedStatement(target, connection, wireSafe));
    return type.cast(p);
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (args != null && args.length > 0 && args[0] instanceof String
        && (name.startsWith("execute") || name.equals("addBatch"))) {
      ReadOnlyGuard.check((String) args[0]);
    }
    Object identity = Delegation.identity(self, target, name, args);
    if (identity != Delegation.NOT_IDENTITY) {
      return identity;
    }
    switch (name) {
      case "getConnection":
        return connection;
      case "toString":
        return "scapsql " + target;
      default:
        Object result = Delegation.call(target, method, args);
        if (result instanceof ResultSet) {
          ResultSet typed = TypedResults.wrap((ResultSet) result);
          return wireSafe ? WireSafeResults.wrap(typed) : typed;
        }
        if (wireSafe && result instanceof ResultSetMetaData) {
          return WireSafeResults.wrap((ResultSetMetaData) result);
        }
        return result;
    }
  }
}
