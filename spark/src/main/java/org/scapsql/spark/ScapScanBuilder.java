package org.scapsql.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.scapsql.adapter.ColumnDef;
import org.scapsql.adapter.ScanSpec;

/**
 * Takes what Spark pushes: the columns a query needs (every table), and on
 * {@code events} the filters the reader decides ({@link SparkFilters}) and a LIMIT,
 * into the adapter's {@link ScanSpec}. The other tables are built whole by their
 * capture's entity pass, as in the adapter, and Spark filters their rows.
 */
final class ScapScanBuilder implements SupportsPushDownFilters, SupportsPushDownRequiredColumns,
    SupportsPushDownLimit {
  private final ScapOptions options;
  private ScanSpec spec = ScanSpec.ALL;
  private Filter[] pushed = new Filter[0];
  private int[] columns;

  ScapScanBuilder(ScapOptions options) {
    this.options = options;
    List<ColumnDef> all = options.def().columns();
    columns = new int[all.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = i;
    }
  }

  @Override
  public Filter[] pushFilters(Filter[] filters) {
    if (!options.isEvents()) {
      return filters;
    }
    List<Filter> taken = new ArrayList<>();
    List<Filter> rest = new ArrayList<>();
    ScanSpec withFilters = SparkFilters.push(filters, taken, rest);
    // Keep the columns and limit already pushed: only the predicates are new.
    spec = withFilters.withColumns(spec.columns).withLimit(spec.offset, spec.fetch);
    pushed = taken.toArray(new Filter[0]);
    return rest.toArray(new Filter[0]);
  }

  @Override
  public Filter[] pushedFilters() {
    return pushed.clone();
  }

  @Override
  public void pruneColumns(StructType required) {
    List<ColumnDef> all = options.def().columns();
    int[] picked = new int[required.fields().length];
    int i = 0;
    for (StructField f : required.fields()) {
      int at = -1;
      for (int c = 0; c < all.size(); c++) {
        if (all.get(c).name().equals(f.name())) {
          at = c;
        }
      }
      if (at < 0) {
        throw new IllegalArgumentException("scap data source: table " + options.table + " has no column "
            + f.name());
      }
      picked[i++] = at;
    }
    columns = picked;
  }

  @Override
  public boolean pushLimit(int limit) {
    if (!options.isEvents()) {
      return false;
    }
    // Each capture's task stops after that many rows; Spark still limits the union of the tasks' rows.
    spec = spec.withLimit(0, limit);
    return true;
  }

  @Override
  public Scan build() {
    ScanSpec s = options.isEvents() ? spec.withColumns(columns) : null;
    return new ScapScan(options, s, columns);
  }
}
