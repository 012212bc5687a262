package org.scapsql.adapter.connection;

import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.schema.Table;

/**
 * Calcite's hook for the rows of {@code DatabaseMetaData.getTables}: the same rows
 * with the table's description as REMARKS. Named by class in the connection
 * properties, so Calcite instantiates it through {@link #INSTANCE}.
 */
public final class DocumentedTables implements CalciteMetaTableFactory {
  public static final DocumentedTables INSTANCE = new DocumentedTables();

  private DocumentedTables() {}

  @Override
  public MetaImpl.MetaTable createTable(Table table, String tableCat, String tableSchem, String tableName) {
    return new Row(table, tableCat, tableSchem, tableName, Remarks.table(tableSchem, tableName));
  }

  @Override
  public Class<? extends MetaImpl.MetaTable> getMetaTableClass() {
    return Row.class;
  }

  /**
   * A table row whose {@code remarks} field hides the parent's always-null one:
   * Calcite reads the columns of the result by field name from this class.
   */
  public static final class Row extends CalciteMetaImpl.CalciteMetaTable {
    public final String remarks;

    Row(Table table, String tableCat, String tableSchem, String tableName, String remarks) {
      super(table, tableCat, tableSchem, tableName);
      this.remarks = remarks;
    }
  }
}
