package org.scapsql.export;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The exported columns of a query's result, from its JDBC metadata. */
public final class ResultColumns {
  private ResultColumns() {}

  public static List<ExportColumn> of(ResultSetMetaData md) throws SQLException {
    int n = md.getColumnCount();
    Map<String, Integer> bigints = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String name = md.getColumnLabel(i);
      if (names.contains(name)) {
        throw new IllegalArgumentException("the result has two columns named " + name
            + "; give one of them another name (AS ...): a Parquet file cannot hold both");
      }
      names.add(name);
      if (md.getColumnType(i) == Types.BIGINT) {
        bigints.put(name.toLowerCase(Locale.ROOT), i - 1);
      }
    }
    List<ExportColumn> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ExportColumn.Kind kind = kind(md.getColumnType(i), md.getColumnTypeName(i));
      int twin = kind == ExportColumn.Kind.TIMESTAMP_NANOS ? twin(names.get(i - 1), bigints) : -1;
      out.add(new ExportColumn(names.get(i - 1), kind, twin));
    }
    return out;
  }

  /**
   * The BIGINT nanoseconds a TIMESTAMP column stands for, by scapsql's naming:
   * {@code evt_time} and {@code evt_rawtime}, {@code first_time} and {@code first_rawtime},
   * {@code proc_start_time} and {@code proc_start}.
   */
  static int twin(String name, Map<String, Integer> bigints) {
    String n = name.toLowerCase(Locale.ROOT);
    if (!n.endsWith("_time")) {
      return -1;
    }
    String stem = n.substring(0, n.length() - "_time".length());
    Integer raw = bigints.get(stem + "_rawtime");
    if (raw == null) {
      raw = bigints.get(stem);
    }
    return raw == null ? -1 : raw;
  }

  static ExportColumn.Kind kind(int jdbcType, String typeName) {
    switch (jdbcType) {
      case Types.BOOLEAN:
      case Types.BIT:
        return ExportColumn.Kind.BOOLEAN;
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
        return ExportColumn.Kind.INT32;
      case Types.BIGINT:
        return ExportColumn.Kind.INT64;
      case Types.REAL:
        return ExportColumn.Kind.FLOAT;
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.DECIMAL:
      case Types.NUMERIC:
        // A SQL DECIMAL here is a computed ratio or average; engines compare it as a double.
        return ExportColumn.Kind.DOUBLE;
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
        return ExportColumn.Kind.BINARY;
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return ExportColumn.Kind.TIMESTAMP_NANOS;
      case Types.DATE:
        return ExportColumn.Kind.DATE;
      default:
        if (typeName != null && typeName.toUpperCase(Locale.ROOT).contains("MAP")) {
          return ExportColumn.Kind.MAP;
        }
        // Text holds every other value (times of day, intervals, arrays) as the shell prints it.
        return ExportColumn.Kind.STRING;
    }
  }
}
