package org.scapsql.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.Map;

/**
 * Result sets as the Avatica server can send them. Avatica's wire format has no map
 * type, so a MAP column ({@code events.evt_params}) would fail the whole query
 * remotely ("Unhandled type in Frame"); here it becomes VARCHAR holding the same
 * text a local {@code getString} returns, e.g. {@code {fd=3, size=12}}.
 */
final class WireSafeResults {
  private WireSafeResults() {}

  static ResultSet wrap(ResultSet rs) {
    if (rs == null) {
      return null;
    }
    return (ResultSet) Proxy.newProxyInstance(WireSafeResults.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, new Rows(rs));
  }

  static ResultSetMetaData wrap(ResultSetMetaData md) {
    if (md == null) {
      return null;
    }
    return (ResultSetMetaData) Proxy.newProxyInstance(WireSafeResults.class.getClassLoader(),
        new Class<?>[] {ResultSetMetaData.class}, new Columns(md));
  }

  private static boolean isMap(ResultSetMetaData md, int column) throws java.sql.SQLException {
    String name = md.getColumnTypeName(column);
    return md.getColumnType(column) == Types.OTHER && name != null && name.endsWith("MAP");
  }

  /** Values: maps become their text. */
  private static final class Rows implements InvocationHandler {
    private final ResultSet target;

    Rows(ResultSet target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      Object identity = Delegation.identity(self, target, method.getName(), args);
      if (identity != Delegation.NOT_IDENTITY) {
        return identity;
      }
      switch (method.getName()) {
        case "getObject":
          Object v = Delegation.call(target, method, args);
          return v instanceof Map ? v.toString() : v;
        case "getMetaData":
          return wrap((ResultSetMetaData) Delegation.call(target, method, args));
        default:
          return Delegation.call(target, method, args);
      }
    }
  }

  /** Column types: MAP columns are described as VARCHAR. */
  private static final class Columns implements InvocationHandler {
    private final ResultSetMetaData target;

    Columns(ResultSetMetaData target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (args != null && args.length == 1 && args[0] instanceof Integer && isMap(target, (Integer) args[0])) {
        switch (name) {
          case "getColumnType":
            return Types.VARCHAR;
          case "getColumnTypeName":
            return "VARCHAR";
          case "getColumnClassName":
            return String.class.getName();
          default:
            break;
        }
      }
      Object identity = Delegation.identity(self, target, name, args);
      if (identity != Delegation.NOT_IDENTITY) {
        return identity;
      }
      switch (name) {
        default:
          return Delegation.call(target, method, args);
      }
    }
  }
}
