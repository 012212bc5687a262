package org.scapsql.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;

/**
 * Result sets of a scapsql connection: every failure while reading rows (a cancelled
 * or timed-out scan, a damaged capture, an error in a computed column) arrives as the
 * one SQLException {@link Errors} makes; {@code getStatement} leads back to the
 * guarded statement, never past it; and {@code getWarnings} holds what the scans
 * reported (a capture whose rows stop early).
 *
 * <p>For the server ({@code wireSafe}): Avatica's wire format has no map type, so a MAP
 * column ({@code events.evt_params}) would fail the whole query remotely ("Unhandled
 * type in Frame"); there it becomes VARCHAR holding the same text a local
 * {@code getString} returns, e.g. {@code {fd=3, size=12}}.
 */
final class Results {
  private Results() {}

  /** {@code owner} is the statement the caller holds (null for metadata results). */
  static ResultSet wrap(ResultSet rs, Statement owner, boolean wireSafe, StatementWarnings warnings) {
    if (rs == null) {
      return null;
    }
    return (ResultSet) Proxy.newProxyInstance(Results.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        new Rows(rs, owner, wireSafe, warnings));
  }

  static ResultSetMetaData wrap(ResultSetMetaData md, boolean wireSafe) {
    if (md == null || !wireSafe) {
      return md;
    }
    return (ResultSetMetaData) Proxy.newProxyInstance(Results.class.getClassLoader(),
        new Class<?>[] {ResultSetMetaData.class}, new Columns(md));
  }

  private static boolean isMap(ResultSetMetaData md, int column) throws java.sql.SQLException {
    String name = md.getColumnTypeName(column);
    return md.getColumnType(column) == Types.OTHER && name != null && name.endsWith("MAP");
  }

  private static final class Rows implements InvocationHandler {
    private final ResultSet target;
    private final Statement owner;
    private final boolean wireSafe;
    private final StatementWarnings warnings;

    Rows(ResultSet target, Statement owner, boolean wireSafe, StatementWarnings warnings) {
      this.target = target;
      this.owner = owner;
      this.wireSafe = wireSafe;
      this.warnings = warnings;
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
          return wireSafe && v instanceof Map ? v.toString() : v;
        case "getMetaData":
          return wrap((ResultSetMetaData) Delegation.call(target, method, args), wireSafe);
        case "getStatement":
          return owner;
        case "getWarnings":
          SQLWarning own = (SQLWarning) Delegation.call(target, method, args);
          return warnings == null ? own : warnings.chain(own);
        case "clearWarnings":
          Delegation.call(target, method, args);
          if (warnings != null) {
            warnings.clear();
          }
          return null;
        case "toString":
          return "scapsql " + target;
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
      return Delegation.call(target, method, args);
    }
  }
}
