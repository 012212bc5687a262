package org.scapsql.driver;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;

/** Calls the wrapped JDBC object the way its caller expects errors to arrive. */
final class Delegation {
  private Delegation() {}

  /**
   * Invokes {@code method} on {@code target}. Where the method may throw a
   * SQLException, whatever the target throws (Calcite's wrapped errors, an engine's
   * unchecked exception, a stack overflow or out-of-memory inside the query) leaves as
   * the one SQLException {@link Errors} makes of it, so a tool sees a database error
   * instead of a crash. Other methods' exceptions pass through unwrapped.
   */
  static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (throwsSqlException(method) && Errors.mappable(cause)) {
        throw Errors.toSqlException(cause);
      }
      throw cause;
    }
  }

  private static boolean throwsSqlException(Method method) {
    for (Class<?> t : method.getExceptionTypes()) {
      if (t.isAssignableFrom(SQLException.class)) {
        return true;
      }
    }
    return false;
  }

  /** {@code unwrap}: the proxy itself when it is what the caller asks for, else the target's answer. */
  static Object unwrap(Object proxy, Object target, Class<?> iface) throws SQLException {
    if (iface.isInstance(proxy)) {
      return proxy;
    }
    if (iface.isInstance(target)) {
      return target;
    }
    return ((java.sql.Wrapper) target).unwrap(iface);
  }

  static boolean isWrapperFor(Object proxy, Object target, Class<?> iface) throws SQLException {
    return iface.isInstance(proxy) || iface.isInstance(target) || ((java.sql.Wrapper) target).isWrapperFor(iface);
  }

  /** Marks a call {@link #identity} leaves to the caller. */
  static final Object NOT_IDENTITY = new Object();

  /**
   * The calls every proxy answers the same way: {@code unwrap} and
   * {@code isWrapperFor} see through it, {@code hashCode} and {@code equals} go by
   * the proxy's identity. Anything else returns {@link #NOT_IDENTITY}.
   */
  static Object identity(Object proxy, Object target, String name, Object[] args) throws SQLException {
    switch (name) {
      case "unwrap":
        return unwrap(proxy, target, (Class<?>) args[0]);
      case "isWrapperFor":
        return isWrapperFor(proxy, target, (Class<?>) args[0]);
      case "hashCode":
        return System.identityHashCode(proxy);
      case "equals":
        return proxy == args[0];
      default:
        return NOT_IDENTITY;
    }
  }
}
