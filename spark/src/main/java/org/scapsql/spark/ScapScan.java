package org.scapsql.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.scapsql.adapter.ColumnDef;
import org.scapsql.adapter.ScanSpec;

/**
 * A scan of one table over the captures: one input partition, so one task, per
 * capture file, each reading its file with the pushed spec. Its description, which
 * Spark's plan shows, says what was pushed.
 */
final class ScapScan implements Scan, Batch {
  private final ScapOptions options;
  /** The pushed spec of an events scan (null for the other tables). */
  private final ScanSpec spec;
  private final int[] columns;

  ScapScan(ScapOptions options, ScanSpec spec, int[] columns) {
    this.options = options;
    this.spec = spec;
    this.columns = columns.clone();
  }

  @Override
  public StructType readSchema() {
    List<ColumnDef> all = options.def().columns();
    StructType full = ColumnTypes.schema(all);
    StructField[] out = new StructField[columns.length];
    for (int i = 0; i < columns.length; i++) {
      out[i] = full.fields()[columns[i]];
    }
    return new StructType(out);
  }

  @Override
  public String description() {
    List<String> names = new ArrayList<>();
    for (StructField f : readSchema().fields()) {
      names.add(f.name());
    }
    StringBuilder b = new StringBuilder("ScapScan ").append(options.def().name());
    b.append(" captures=").append(partitions().size()).append('/').append(options.captures.size());
    if (spec != null) {
      b.append(" pushed=[").append(spec).append(']');
      if (spec.fetch >= 0) {
        b.append(" limit=").append(spec.fetch);
      }
    }
    return b.append(" columns=").append(names).toString();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  /** The captures a task reads: all, less those a pushed {@code capture} filter excludes. */
  private List<String> partitions() {
    List<String> out = new ArrayList<>();
    for (String c : options.captures) {
      String name = Path.of(c).getFileName().toString();
      if (spec == null || spec.captureNames == null || spec.captureNames.contains(name)) {
        out.add(c);
      }
    }
    // The event types are the reader's, not a capture's: one task answers them.
    if (options.def().name().equals("event_types") && out.size() > 1) {
      return out.subList(0, 1);
    }
    return out;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    if (spec != null && spec.isEmpty()) {
      return new InputPartition[0];
    }
    return partitions().stream().map(CapturePartition::new).toArray(InputPartition[]::new);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new CaptureReaders(options.def().name(), spec == null ? null : spec.encode(), columns);
  }
}
