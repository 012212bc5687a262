package org.scapsql.export;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes rows ({@code Object[]} in column order, values as JDBC returns them) to Parquet
 * through parquet-hadoop's record consumer. Every column is optional: a NULL in a
 * column the SQL type calls NOT NULL would otherwise fail the export at its row.
 */
public final class RowWriteSupport extends WriteSupport<Object[]> {
  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private final List<ExportColumn> columns;
  private final MessageType schema;
  private final Map<String, String> metadata;
  private RecordConsumer out;

  public RowWriteSupport(String table, List<ExportColumn> columns, Map<String, String> metadata) {
    this.columns = List.copyOf(columns);
    this.schema = schema(table, this.columns);
    this.metadata = Map.copyOf(metadata);
  }

  /** The Parquet schema of a table with {@code columns}. */
  public static MessageType schema(String table, List<ExportColumn> columns) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (ExportColumn c : columns) {
      b.addField(field(c));
    }
    return b.named(table);
  }

  private static Type field(ExportColumn c) {
    switch (c.kind()) {
      case BOOLEAN:
        return Types.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
      case INT32:
        return Types.optional(PrimitiveTypeName.INT32).named(c.name());
      case INT64:
        return Types.optional(PrimitiveTypeName.INT64).named(c.name());
      case FLOAT:
        return Types.optional(PrimitiveTypeName.FLOAT).named(c.name());
      case DOUBLE:
        return Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
      case STRING:
        return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
      case BINARY:
        return Types.optional(PrimitiveTypeName.BINARY).named(c.name());
      case TIMESTAMP_NANOS:
        // Not adjusted to UTC: the SQL type is TIMESTAMP without a zone whose wall clock is UTC, and engines
        // read it back as the same plain timestamp (DuckDB: TIMESTAMP_NS).
        return Types.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.NANOS)).named(c.name());
      case DATE:
        return Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(c.name());
      case MAP:
        return Types.optionalMap()
            .key(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("key"))
            .value(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("value"))
            .named(c.name());
      default:
        throw new IllegalStateException("unknown kind " + c.kind());
    }
  }

  public MessageType schema() {
    return schema;
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, metadata);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(schema, metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(Object[] row) {
    out.startMessage();
    for (int i = 0; i < columns.size(); i++) {
      ExportColumn c = columns.get(i);
      Object v = c.nanosFrom() >= 0 ? row[c.nanosFrom()] : row[i];
      if (v == null) {
        continue;
      }
      out.startField(c.name(), i);
      value(c, v);
      out.endField(c.name(), i);
    }
    out.endMessage();
  }

  private void value(ExportColumn c, Object v) {
    switch (c.kind()) {
      case BOOLEAN:
        out.addBoolean((Boolean) v);
        break;
      case INT32:
        out.addInteger(((Number) v).intValue());
        break;
      case INT64:
        out.addLong(((Number) v).longValue());
        break;
      case FLOAT:
        out.addFloat(((Number) v).floatValue());
        break;
      case DOUBLE:
        out.addDouble(((Number) v).doubleValue());
        break;
      case STRING:
        out.addBinary(Binary.fromString(v.toString()));
        break;
      case BINARY:
        out.addBinary(Binary.fromConstantByteArray(bytes(v)));
        break;
      case TIMESTAMP_NANOS:
        out.addLong(nanos(v));
        break;
      case DATE:
        out.addInteger(days(v));
        break;
      case MAP:
        map((Map<?, ?>) v);
        break;
      default:
        throw new IllegalStateException("unknown kind " + c.kind());
    }
  }

  private void map(Map<?, ?> m) {
    out.startGroup();
    if (!m.isEmpty()) {
      out.startField("key_value", 0);
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getKey() == null) {
          continue; // A Parquet map key is required; SQL maps from scapsql never hold a NULL key.
        }
        out.startGroup();
        out.startField("key", 0);
        out.addBinary(Binary.fromString(e.getKey().toString()));
        out.endField("key", 0);
        if (e.getValue() != null) {
          out.startField("value", 1);
          out.addBinary(Binary.fromString(e.getValue().toString()));
          out.endField("value", 1);
        }
        out.endGroup();
      }
      out.endField("key_value", 0);
    }
    out.endGroup();
  }

  private static byte[] bytes(Object v) {
    if (v instanceof byte[]) {
      return (byte[]) v;
    }
    if (v instanceof ByteString) {
      return ((ByteString) v).getBytes();
    }
    return v.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Nanoseconds since the epoch: a twin's BIGINT as it is, a SQL timestamp from its UTC wall clock. */
  static long nanos(Object v) {
    if (v instanceof Number) {
      return ((Number) v).longValue();
    }
    Timestamp t = (Timestamp) v;
    return Math.floorDiv(t.getTime(), 1000L) * 1_000_000_000L + t.getNanos();
  }

  private static int days(Object v) {
    if (v instanceof Number) {
      return ((Number) v).intValue();
    }
    // Calcite hands a DATE as a java.sql.Date at UTC midnight (the connection's time zone is UTC).
    return (int) Math.floorDiv(((Date) v).getTime() * 1_000_000L, NANOS_PER_DAY);
  }
}
