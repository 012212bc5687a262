package org.scapsql.spark;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** One table of schema {@code scap} over the captures of one read. */
final class ScapTable implements SupportsRead {
  private final ScapOptions options;

  ScapTable(ScapOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "scap." + options.def().name();
  }

  @Override
  public StructType schema() {
    return options.schema();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
    return new ScapScanBuilder(options);
  }
}
