package org.scapsql.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A statement of a {@link ReadOnlyConnection}: checks the SQL text of every
 * execute and batch entry with {@link ReadOnlyGuard}, and answers
 * {@code getConnection} with the wrapping connection so tools never reach past it.
 */
final class GuardedStatement implements InvocationHandler {
  private final Statement target;
  private final Connection connection;

  private GuardedStatement(Statement target, Connection connection) {
    this.target = target;
    this.connection = connection;
  }

  static <T extends Statement> T wrap(Statement target, Connection connection, Class<T> type) {
    if (target == null || connection == null) {
      throw new IllegalArgumentException("statement and connection are required");
    }
    Object p = Proxy.newProxyInstance(GuardedStatement.class.getClassLoader(), new Class<?>[] {type},
        new GuardedStatement(target, connection));
    return type.cast(p);
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (args != null && args.length > 0 && args[0] instanceof String
        && (name.startsWith("execute") || name.equals("addBatch"))) {
      ReadOnlyGuard.check((String) args[0]);
    }
    switch (name) {
      case "getConnection":
        return connection;
      case "unwrap":
        return Delegation.unwrap(self, target, (Class<?>) args[0]);
      case "isWrapperFor":
        return Delegation.isWrapperFor(self, target, (Class<?>) args[0]);
      case "hashCode":
        return System.identityHashCode(self);
      case "equals":
        return self == args[0];
      case "toString":
        return "scapsql " + target;
      default:
        return Delegation.call(target, method, args);
    }
  }
}
