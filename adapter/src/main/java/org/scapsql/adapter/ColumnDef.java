package org.scapsql.adapter;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A column of a table of schema {@code scap} as every reader of the table sees it:
 * the schema's row type, {@code docs/tables.md} and the JDBC remarks.
 */
public record ColumnDef(String name, SqlTypeName type, boolean nullable, String description) {
  public ColumnDef {
    if (name == null || type == null || description == null || description.isBlank()) {
      throw new IllegalArgumentException("a column needs a name, a type and a description: " + name);
    }
  }

  /** The type as the documentation writes it. */
  public String typeName() {
    return type == SqlTypeName.MAP ? "MAP<VARCHAR, VARCHAR>" : type.getName();
  }

  /** The column's SQL type. */
  public RelDataType relType(RelDataTypeFactory tf) {
    RelDataType t;
    switch (type) {
      case MAP:
        // The only map column (evt_params) maps names to rendered values, a value may be NULL.
        t = tf.createMapType(tf.createSqlType(SqlTypeName.VARCHAR),
            tf.createTypeWithNullability(tf.createSqlType(SqlTypeName.VARCHAR), true));
        break;
      case TIMESTAMP:
        // A TIMESTAMP twin holds milliseconds, and says so.
        t = tf.createSqlType(type, 3);
        break;
      default:
        t = tf.createSqlType(type);
    }
    return tf.createTypeWithNullability(t, nullable);
  }

  /** The row type of a table with {@code columns}. */
  public static RelDataType rowType(RelDataTypeFactory tf, List<ColumnDef> columns) {
    RelDataTypeFactory.Builder b = tf.builder();
    for (ColumnDef c : columns) {
      b.add(c.name(), c.relType(tf));
    }
    return b.build();
  }
}
