package org.scapsql.adapter.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.scapsql.adapter.EventsTable;
import org.scapsql.adapter.ScanSpec;
import org.scapsql.adapter.WindowBounds;

/**
 * An {@code events} scan whose time (or number) range comes from other rows: the join of
 * the events with a scalar subquery or a single-row side, on a range of evt_rawtime,
 * evt_time or evt_num, made by {@link WindowRules}. Its input computes the bound rows
 * (their columns, then the bound values); its rows are the join's: the event's columns,
 * then the bound row's. {@link EnumerableScapWindowScan} reads the bound rows first and
 * pushes their window into the events scan.
 */
public final class ScapWindowScan extends SingleRel {
  final RelOptTable table;
  final EventsTable eventsTable;
  final ScanSpec spec;
  final WindowBounds bounds;

  ScapWindowScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, EventsTable eventsTable,
      ScanSpec spec, WindowBounds bounds, RelNode boundRows, RelDataType rowType) {
    super(cluster, traits, boundRows);
    this.table = table;
    this.eventsTable = eventsTable;
    this.spec = spec;
    this.bounds = bounds;
    this.rowType = rowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ScapWindowScan(getCluster(), traitSet, table, eventsTable, spec, bounds, sole(inputs), rowType);
  }

  /** The columns of the events side, before those of the bound rows. */
  int eventWidth() {
    return rowType.getFieldCount() - bounds.outputColumns.length;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return estimate(table, spec, bounds, mq.getRowCount(getInput()));
  }

  static double estimate(RelOptTable table, ScanSpec spec, WindowBounds bounds, Double boundRows) {
    double events = ScapTableScan.estimateRows(table, spec) * Math.pow(0.1, bounds.kinds.length);
    return Math.max(1, events * Math.max(1, boundRows == null ? 1 : boundRows));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Like a scan with the bounds pushed: the window scan reads no more than that scan.
    double events = Math.max(1, ScapTableScan.estimateRows(table, spec) * Math.pow(0.1, bounds.kinds.length));
    return ScapTableScan.cost(planner, events, eventWidth());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return explain(pw, this, table, spec, bounds, getInput());
  }

  static RelWriter explain(RelWriter pw, SingleRel rel, RelOptTable table, ScanSpec spec, WindowBounds bounds,
      RelNode input) {
    // Calcite wants the inputs first; EXPLAIN prints them below the node anyway.
    pw.input("bounds", input).item("table", table.getQualifiedName());
    ScapTableScan.explainSpec(pw, spec);
    return pw.item("window", bounds.describe(input.getRowType().getFieldNames()));
  }
}
