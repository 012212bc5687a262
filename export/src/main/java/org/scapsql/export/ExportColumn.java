package org.scapsql.export;

import java.util.Objects;

/**
 * A column of an exported table: its SQL name, how it is stored in Parquet and, for a
 * TIMESTAMP, the position of its BIGINT nanosecond twin in the same row (or -1).
 * SQL TIMESTAMPs hold milliseconds, so an exported {@code evt_time} takes its value
 * from {@code evt_rawtime} and keeps the nanoseconds the capture recorded.
 */
public record ExportColumn(String name, Kind kind, int nanosFrom) {
  /** The Parquet storage of a SQL type. */
  public enum Kind {
    BOOLEAN, INT32, INT64, FLOAT, DOUBLE, STRING, BINARY,
    /** INT64 TIMESTAMP(NANOS): nanoseconds since the epoch, a UTC wall clock like the SQL column. */
    TIMESTAMP_NANOS,
    /** INT32 DATE: days since the epoch. */
    DATE,
    /** MAP of STRING to STRING, the shape of {@code evt_params}; other maps have their keys and values as text. */
    MAP
  }

  public ExportColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (nanosFrom >= 0 && kind != Kind.TIMESTAMP_NANOS) {
      throw new IllegalArgumentException("only a timestamp takes a nanosecond twin: " + name);
    }
  }

  public ExportColumn(String name, Kind kind) {
    this(name, kind, -1);
  }
}
