package org.scapsql.adapter.connection;

import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.schema.Table;

/**
 * Calcite's hook for the rows of {@code DatabaseMetaData.getColumns}: adds the
 * column's description as REMARKS, and gives TYPE_NAME as the bare SQL type
 * ({@code BIGINT}, not Calcite's {@code BIGINT NOT NULL}) that tools such as
 * DBeaver match against {@code getTypeInfo}.
 */
public final class DocumentedColumns implements CalciteMetaColumnFactory {
  public static final DocumentedColumns INSTANCE = new DocumentedColumns();

  private DocumentedColumns() {}

  @Override
  public MetaImpl.MetaColumn createColumn(Table table, String tableCat, String tableSchem, String tableName,
      String columnName, int dataType, String typeName, Integer columnSize, Integer decimalDigits,
      int numPrecRadix, int nullable, Integer charOctetLength, int ordinalPosition, String isNullable) {
    return new Row(tableCat, tableSchem, tableName, columnName, dataType, bareTypeName(typeName), columnSize,
        decimalDigits, numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable,
        Remarks.column(tableSchem, tableName, columnName));
  }

  @Override
  public Class<? extends MetaImpl.MetaColumn> getMetaColumnClass() {
    return Row.class;
  }

  /**
   * {@code BIGINT NOT NULL} to {@code BIGINT}, {@code TIMESTAMP(3)} to {@code TIMESTAMP},
   * {@code VARCHAR CHARACTER SET "UTF-16LE"} to {@code VARCHAR}, {@code (VARCHAR, VARCHAR) MAP}
   * to {@code MAP}: precision, scale and element types have columns or methods of their own.
   */
  static String bareTypeName(String typeName) {
    if (typeName == null) {
      return null;
    }
    String t = typeName.strip();
    if (t.endsWith(" NOT NULL")) {
      t = t.substring(0, t.length() - " NOT NULL".length());
    }
    int charset = t.indexOf(" CHARACTER SET ");
    if (charset >= 0) {
      t = t.substring(0, charset);
    }
    if (t.endsWith(")")) {
      int open = t.lastIndexOf('(');
      if (open > 0) {
        t = t.substring(0, open);
      }
    }
    for (String collection : new String[] {"MAP", "ARRAY", "MULTISET"}) {
      if (t.endsWith(" " + collection)) {
        return collection;
      }
    }
    return t.strip();
  }

  /** A column row whose {@code remarks} field hides the parent's always-null one. */
  public static final class Row extends MetaImpl.MetaColumn {
    public final String remarks;

    Row(String tableCat, String tableSchem, String tableName, String columnName, int dataType, String typeName,
        Integer columnSize, Integer decimalDigits, int numPrecRadix, int nullable, Integer charOctetLength,
        int ordinalPosition, String isNullable, String remarks) {
      super(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize, decimalDigits,
          numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable);
      this.remarks = remarks;
    }
  }
}
