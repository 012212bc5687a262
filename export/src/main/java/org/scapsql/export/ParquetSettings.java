package org.scapsql.export;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How the Parquet files are written. Row groups of 128 MiB are what scan engines
 * (Spark, Trino, DuckDB) split and skip by; a writer holds at most one row group in
 * memory, so this also bounds what each running export buffers.
 */
public record ParquetSettings(CompressionCodecName compression, long rowGroupBytes) {
  public static final long DEFAULT_ROW_GROUP_BYTES = 128L << 20;
  /** A row group smaller than this would mostly hold page headers and statistics. */
  public static final long MIN_ROW_GROUP_BYTES = 1L << 20;

  public static final ParquetSettings DEFAULT = new ParquetSettings(CompressionCodecName.ZSTD, DEFAULT_ROW_GROUP_BYTES);

  public ParquetSettings {
    if (compression == null) {
      throw new IllegalArgumentException("a compression codec is required");
    }
    if (rowGroupBytes < MIN_ROW_GROUP_BYTES || rowGroupBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("row group size must be between 1m and 2047m");
    }
  }

  /** The codecs this writer can write without native Hadoop libraries. */
  public static CompressionCodecName codec(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "zstd":
        return CompressionCodecName.ZSTD;
      case "snappy":
        return CompressionCodecName.SNAPPY;
      case "gzip":
        return CompressionCodecName.GZIP;
      case "none":
      case "uncompressed":
        return CompressionCodecName.UNCOMPRESSED;
      default:
        throw new IllegalArgumentException("unknown compression '" + name + "': use zstd, snappy, gzip or none");
    }
  }
}
