package org.scapsql.adapter;

import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTableQueryable;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.scapsql.adapter.rel.ScapTableScan;

/**
 * The {@code events} table: every event of the captures, in file order. Scans
 * go through the SCAP convention so that filters, projections and limits run
 * inside the reader ({@link org.scapsql.adapter.rel.ScapRules}).
 */
public final class EventsTable extends AbstractQueryableTable implements TranslatableTable {
  private final List<Path> captures;

  public EventsTable(List<Path> captures) {
    super(Object[].class);
    this.captures = List.copyOf(captures);
  }

  public List<Path> captures() {
    return captures;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return rowType(typeFactory);
  }

  public static RelDataType rowType(RelDataTypeFactory tf) {
    return ColumnDef.rowType(tf, EventColumn.definitions());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelOptCluster cluster = context.getCluster();
    return new ScapTableScan(cluster, cluster.traitSet(), relOptTable, this, ScanSpec.ALL);
  }

  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    return new EventsQueryable<>(queryProvider, schema, this, tableName);
  }

  /** A scan with nothing pushed (used when Calcite plans without the SCAP rules). */
  public Enumerable<Object[]> scan(DataContext root, ScanSpec spec) {
    QueryControl control = QueryControl.of(root);
    if (EventScan.readsWholeWithState(spec)) {
      // Bound with the plan: the entity tables the same query reads can ride on this scan.
      org.scapsql.adapter.entity.EntityNeeds.willScanWhole(
          spec.captureNames == null ? captures
              : captures.stream().filter(p -> spec.captureNames.contains(p.getFileName().toString())).toList(),
          control);
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new EventScan(captures, spec, control);
      }
    };
  }

  /** What generated code calls: the scan with the pushed spec. */
  public static final class EventsQueryable<T> extends AbstractTableQueryable<T> {
    EventsQueryable(QueryProvider provider, SchemaPlus schema, EventsTable table, String tableName) {
      super(provider, schema, table, tableName);
    }

    @Override
    public Enumerator<T> enumerator() {
      @SuppressWarnings("unchecked")
      Enumerator<T> e = (Enumerator<T>) ((EventsTable) table).scan(null, ScanSpec.ALL).enumerator();
      return e;
    }

    /** Called from generated code with the encoded {@link ScanSpec}. */
    public Enumerable<Object[]> query(DataContext root, String spec) {
      return ((EventsTable) table).scan(root, ScanSpec.decode(spec));
    }

    /** The same for a one-column scan, whose rows Calcite wants as bare values. */
    public Enumerable<Object> queryScalar(DataContext root, String spec) {
      return ((EventsTable) table).scan(root, ScanSpec.decode(spec)).select(row -> row[0]);
    }

    /**
     * A window scan: the {@code bounds} rows are read first, and their window becomes the
     * scan's pushed range ({@link WindowBounds}).
     */
    public Enumerable<Object[]> queryWindow(DataContext root, String spec, Enumerable<Object[]> bounds,
        String window) {
      return WindowBounds.decode(window).rows((EventsTable) table, root, ScanSpec.decode(spec), bounds);
    }
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }
}
