package org.scapsql.driver;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.scapsql.adapter.Keys;
import org.scapsql.adapter.connection.ScapConnections;

/**
 * {@code getPrimaryKeys}, {@code getImportedKeys}, {@code getExportedKeys} and
 * {@code getCrossReference} from {@link Keys}. Calcite answers them with empty
 * results; here they describe the lifetime ids so that tools can draw and follow
 * the joins. The rows are produced by a {@code VALUES} query on the connection
 * itself, so they come back as an ordinary result set with JDBC's column names and
 * types, locally and through a remote connection alike.
 */
final class KeyMetadata {
  private static final String SCHEMA = ScapConnections.SCHEMA;

  private KeyMetadata() {}

  private static final String[] PK_COLUMNS = {
      "TABLE_CAT VARCHAR", "TABLE_SCHEM VARCHAR", "TABLE_NAME VARCHAR", "COLUMN_NAME VARCHAR", "KEY_SEQ SMALLINT",
      "PK_NAME VARCHAR"};

  private static final String[] FK_COLUMNS = {
      "PKTABLE_CAT VARCHAR", "PKTABLE_SCHEM VARCHAR", "PKTABLE_NAME VARCHAR", "PKCOLUMN_NAME VARCHAR",
      "FKTABLE_CAT VARCHAR", "FKTABLE_SCHEM VARCHAR", "FKTABLE_NAME VARCHAR", "FKCOLUMN_NAME VARCHAR",
      "KEY_SEQ SMALLINT", "UPDATE_RULE SMALLINT", "DELETE_RULE SMALLINT", "FK_NAME VARCHAR", "PK_NAME VARCHAR",
      "DEFERRABILITY SMALLINT"};

  /** Whether a catalog and schema argument select schema {@code scap} (null means "any"). */
  private static boolean ours(String catalog, String schema) {
    return (catalog == null || catalog.isEmpty()) && (schema == null || schema.equalsIgnoreCase(SCHEMA));
  }

  static ResultSet primaryKeys(Connection c, String catalog, String schema, String table) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (ours(catalog, schema) && table != null) {
      Keys.PrimaryKey pk = Keys.primaryKey(table);
      if (pk != null) {
        for (int i = 0; i < pk.columns().size(); i++) {
          rows.add(new Object[] {null, SCHEMA, pk.table(), pk.columns().get(i), i + 1, pk.name()});
        }
        // JDBC orders primary key columns by name.
        rows.sort(Comparator.comparing(r -> (String) r[3]));
      }
    }
    return query(c, PK_COLUMNS, rows);
  }

  static ResultSet importedKeys(Connection c, String catalog, String schema, String table) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (ours(catalog, schema) && table != null) {
      for (Keys.ForeignKey k : Keys.referencesFrom(table)) {
        add(rows, k);
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[2]).thenComparing(r -> (String) r[11])
        .thenComparing(r -> (Integer) r[8]));
    return query(c, FK_COLUMNS, rows);
  }

  static ResultSet exportedKeys(Connection c, String catalog, String schema, String table) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (ours(catalog, schema) && table != null) {
      for (Keys.ForeignKey k : Keys.referencesTo(table)) {
        add(rows, k);
      }
    }
    rows.sort(fkOrder());
    return query(c, FK_COLUMNS, rows);
  }

  static ResultSet crossReference(Connection c, String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (ours(parentCatalog, parentSchema) && ours(foreignCatalog, foreignSchema) && parentTable != null
        && foreignTable != null) {
      for (Keys.ForeignKey k : Keys.referencesFrom(foreignTable)) {
        if (k.refTable().equalsIgnoreCase(parentTable)) {
          add(rows, k);
        }
      }
    }
    rows.sort(fkOrder());
    return query(c, FK_COLUMNS, rows);
  }

  private static Comparator<Object[]> fkOrder() {
    return Comparator.comparing((Object[] r) -> (String) r[6]).thenComparing(r -> (String) r[11])
        .thenComparing(r -> (Integer) r[8]);
  }

  private static void add(List<Object[]> rows, Keys.ForeignKey k) {
    Keys.PrimaryKey pk = Keys.primaryKey(k.refTable());
    for (int i = 0; i < k.columns().size(); i++) {
      rows.add(new Object[] {null, SCHEMA, k.refTable(), k.refColumns().get(i), null, SCHEMA,
          k.table(), k.columns().get(i), i + 1, DatabaseMetaData.importedKeyNoAction,
          DatabaseMetaData.importedKeyNoAction, k.name(), pk.name(), DatabaseMetaData.importedKeyNotDeferrable});
    }
  }

  /** The rows as a result set with the given columns ("NAME TYPE"), made by the connection. */
  private static ResultSet query(Connection c, String[] columns, List<Object[]> rows) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT * FROM (VALUES ");
    List<Object[]> values = rows.isEmpty() ? List.<Object[]>of(new Object[columns.length]) : rows;
    for (int r = 0; r < values.size(); r++) {
      sql.append(r > 0 ? ", (" : "(");
      for (int i = 0; i < columns.length; i++) {
        Object v = values.get(r)[i];
        String type = columns[i].substring(columns[i].indexOf(' ') + 1);
        // Every value is cast: Calcite would type a column of string literals as a blank-padded CHAR.
        String literal = v == null ? "NULL" : v instanceof String ? "'" + ((String) v).replace("'", "''") + "'"
            : v.toString();
        sql.append(i > 0 ? ", " : "").append("CAST(").append(literal).append(" AS ").append(type).append(')');
      }
      sql.append(')');
    }
    sql.append(") AS k(");
    for (int i = 0; i < columns.length; i++) {
      sql.append(i > 0 ? ", " : "").append('"').append(columns[i], 0, columns[i].indexOf(' ')).append('"');
    }
    sql.append(')');
    if (rows.isEmpty()) {
      sql.append(" WHERE 1 = 0");
    }
    Statement s = c.createStatement();
    try {
      ResultSet rs = s.executeQuery(sql.toString());
      s.closeOnCompletion();
      return rs;
    } catch (SQLException | RuntimeException e) {
      s.close();
      throw e;
    }
  }
}
