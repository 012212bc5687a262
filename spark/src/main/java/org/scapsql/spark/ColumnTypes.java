package org.scapsql.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.scapsql.adapter.ColumnDef;

/**
 * The adapter's columns as Spark sees them: each SQL type mapped once to a Spark
 * type, and each value the adapter computes turned into Spark's internal form. The
 * columns themselves (names, order, nullability, descriptions) are the adapter's.
 */
final class ColumnTypes {
  private ColumnTypes() {}

  /** The Spark schema of a column list; each description becomes the field's comment. */
  static StructType schema(List<ColumnDef> columns) {
    StructField[] fields = new StructField[columns.size()];
    for (int i = 0; i < fields.length; i++) {
      ColumnDef c = columns.get(i);
      Metadata comment = new MetadataBuilder().putString("comment", c.description()).build();
      fields[i] = new StructField(c.name(), sparkType(c), c.nullable(), comment);
    }
    return new StructType(fields);
  }

  static DataType sparkType(ColumnDef c) {
    switch (c.type()) {
      case BIGINT: return DataTypes.LongType;
      case INTEGER: return DataTypes.IntegerType;
      case BOOLEAN: return DataTypes.BooleanType;
      case VARCHAR: return DataTypes.StringType;
      case DOUBLE: return DataTypes.DoubleType;
      // The adapter's timestamps hold whole milliseconds (UTC); Spark's count microseconds.
      case TIMESTAMP: return DataTypes.TimestampType;
      case VARBINARY: return DataTypes.BinaryType;
      // evt_params: parameter names to rendered values, a value may be missing.
      case MAP: return DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
      default:
        throw new IllegalStateException("column " + c.name() + " has type " + c.type() + ", which has no Spark type");
    }
  }

  /** Turns one adapter value into Spark's internal representation of the column's type. */
  interface Converter extends Serializable {
    Object convert(Object value);
  }

  static Converter converter(ColumnDef c) {
    switch (c.type()) {
      case BIGINT: return v -> v == null ? null : ((Number) v).longValue();
      case INTEGER: return v -> v == null ? null : ((Number) v).intValue();
      case DOUBLE: return v -> v == null ? null : ((Number) v).doubleValue();
      case BOOLEAN: return v -> v;
      case VARCHAR: return v -> v == null ? null : UTF8String.fromString(v.toString());
      case TIMESTAMP: return v -> v == null ? null : Math.multiplyExact(((Number) v).longValue(), 1000L);
      case VARBINARY: return v -> v == null ? null : v instanceof ByteString b ? b.getBytes() : (byte[]) v;
      case MAP: return ColumnTypes::map;
      default:
        throw new IllegalStateException("column " + c.name() + " has type " + c.type() + ", which has no Spark type");
    }
  }

  private static Object map(Object v) {
    if (v == null) {
      return null;
    }
    Map<?, ?> m = (Map<?, ?>) v;
    Object[] keys = new Object[m.size()];
    Object[] values = new Object[m.size()];
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      keys[i] = UTF8String.fromString(e.getKey().toString());
      values[i] = e.getValue() == null ? null : UTF8String.fromString(e.getValue().toString());
      i++;
    }
    return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
  }
}
