package org.scapsql.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/**
 * Calcite's {@link DatabaseMetaData} with the answers that differ for a read-only
 * database without transactions, and {@code getConnection} returning the wrapping
 * connection. Remarks come from the adapter's connection factory (its meta table and column hooks),
 * primary and foreign keys from {@link KeyMetadata}.
 */
final class ScapMetaData implements InvocationHandler {
  private final DatabaseMetaData target;
  private final Connection connection;
  private final String url;

  private ScapMetaData(DatabaseMetaData target, Connection connection, String url) {
    this.target = target;
    this.connection = connection;
    this.url = url;
  }

  static DatabaseMetaData wrap(DatabaseMetaData target, Connection connection, String url) {
    if (target == null || connection == null) {
      throw new IllegalArgumentException("metadata and connection are required");
    }
    return (DatabaseMetaData) Proxy.newProxyInstance(ScapMetaData.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, new ScapMetaData(target, connection, url));
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    Object identity = Delegation.identity(self, target, method.getName(), args);
    if (identity != Delegation.NOT_IDENTITY) {
      return identity;
    }
    switch (method.getName()) {
      case "getConnection":
        return connection;
      case "isReadOnly":
        return true;
      case "supportsTransactions":
      case "supportsMultipleTransactions":
      case "supportsDataDefinitionAndDataManipulationTransactions":
      case "supportsDataManipulationTransactionsOnly":
      case "supportsSavepoints":
      case "supportsStoredProcedures":
        return false;
      case "supportsTransactionIsolationLevel":
        return ((Integer) args[0]) == Connection.TRANSACTION_NONE;
      case "getDefaultTransactionIsolation":
        return Connection.TRANSACTION_NONE;
      case "getDatabaseProductName":
        return ScapDriver.NAME;
      case "getDatabaseProductVersion":
        return ScapDriver.VERSION + " (" + target.getDatabaseProductName() + " "
            + target.getDatabaseProductVersion() + ")";
      case "getDatabaseMajorVersion":
        return ScapDriver.MAJOR;
      case "getDatabaseMinorVersion":
        return ScapDriver.MINOR;
      case "getDriverName":
        return ScapDriver.NAME;
      case "getDriverVersion":
        return ScapDriver.VERSION;
      case "getDriverMajorVersion":
        return ScapDriver.MAJOR;
      case "getDriverMinorVersion":
        return ScapDriver.MINOR;
      case "getURL":
        return url;
      case "getPrimaryKeys":
        return KeyMetadata.primaryKeys(connection, (String) args[0], (String) args[1], (String) args[2]);
      case "getImportedKeys":
        return KeyMetadata.importedKeys(connection, (String) args[0], (String) args[1], (String) args[2]);
      case "getExportedKeys":
        return KeyMetadata.exportedKeys(connection, (String) args[0], (String) args[1], (String) args[2]);
      case "getCrossReference":
        return KeyMetadata.crossReference(connection, (String) args[0], (String) args[1], (String) args[2],
            (String) args[3], (String) args[4], (String) args[5]);
      case "toString":
        return "scapsql " + target;
      default:
        Object result = Delegation.call(target, method, args);
        // Metadata rows come from no statement of the caller's: getStatement is null, as JDBC allows.
        return result instanceof java.sql.ResultSet ? Results.wrap((java.sql.ResultSet) result, null, false, null)
            : result;
    }
  }
}
