package org.scapsql.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;

/**
 * The connection a scapsql URL returns: Calcite's, made read-only and made safe for
 * tools. Calcite's commit and rollback throw {@code UnsupportedOperationException}
 * and its default is auto-commit off, which sends tools such as DBeaver into
 * transaction mode; here there are no transactions: auto-commit is on by default,
 * commit and rollback do nothing, and {@code setReadOnly(false)} is accepted but the
 * connection stays read-only. Statements refuse writes through {@link ReadOnlyGuard}.
 */
final class ReadOnlyConnection implements InvocationHandler {
  private final Connection target;
  private final String url;
  private final Connection proxy;
  private final boolean wireSafe;
  // Only remembered for getAutoCommit: every statement is its own unit either way.
  private volatile boolean autoCommit = true;

  private ReadOnlyConnection(Connection target, String url, boolean wireSafe) {
    this.target = target;
    this.url = url;
    this.wireSafe = wireSafe;
    this.proxy = (Connection) Proxy.newProxyInstance(ReadOnlyConnection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, this);
  }

  /** Wraps {@code target}; {@code wireSafe} shapes results for Avatica's wire format ({@link Results}). */
  static Connection wrap(Connection target, String url, boolean wireSafe) {
    if (target == null) {
      throw new IllegalArgumentException("no connection to wrap");
    }
    return new ReadOnlyConnection(target, url, wireSafe).proxy;
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
    Object identity = Delegation.identity(self, target, method.getName(), args);
    if (identity != Delegation.NOT_IDENTITY) {
      return identity;
    }
    switch (method.getName()) {
      case "commit":
      case "rollback":
        checkOpen();
        return null;
      case "setAutoCommit":
        checkOpen();
        autoCommit = (Boolean) args[0];
        return null;
      case "getAutoCommit":
        checkOpen();
        return autoCommit;
      case "setReadOnly":
        checkOpen();
        return null;
      case "isReadOnly":
        checkOpen();
        return true;
      case "setTransactionIsolation":
        checkOpen();
        return null;
      case "getTransactionIsolation":
        checkOpen();
        return Connection.TRANSACTION_NONE;
      case "setSavepoint":
      case "releaseSavepoint":
        throw new SQLFeatureNotSupportedException("scapsql is read-only and has no transactions or savepoints",
            Errors.NOT_SUPPORTED);
      case "prepareCall":
        throw new SQLFeatureNotSupportedException("scapsql has no stored procedures", Errors.NOT_SUPPORTED);
      case "createStatement":
        return GuardedStatement.wrap((Statement) Delegation.call(target, method, args), proxy, Statement.class,
            wireSafe);
      case "prepareStatement":
        GuardedStatement.check((String) args[0]);
        return GuardedStatement.wrap((Statement) Delegation.call(target, method, args), proxy,
            PreparedStatement.class, wireSafe);
      case "getMetaData":
        return ScapMetaData.wrap((DatabaseMetaData) Delegation.call(target, method, args), proxy, url);
      case "nativeSQL":
        GuardedStatement.check((String) args[0]);
        return Delegation.call(target, method, args);
      case "toString":
        return "scapsql connection to " + url;
      default:
        return Delegation.call(target, method, args);
    }
  }

  private void checkOpen() throws SQLException {
    if (target.isClosed()) {
      throw new SQLException("connection is closed", "08003");
    }
  }
}
