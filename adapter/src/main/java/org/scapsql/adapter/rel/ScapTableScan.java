package org.scapsql.adapter.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinCommuteRule;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.scapsql.adapter.EventColumn;
import org.scapsql.adapter.EventsTable;
import org.scapsql.adapter.ScanSpec;

/**
 * The logical scan of the {@code events} table together with everything pushed
 * into it: predicates, the columns to build, offset and fetch. The rules in
 * {@link ScapRules} fold filters, projections and limits into it while it is
 * still logical (so every rule sees it under the operators above), and one rule
 * turns it into the {@link EnumerableScapScan} that runs.
 */
public final class ScapTableScan extends TableScan {
  private final EventsTable eventsTable;
  private final ScanSpec spec;
  /** The row type of an aggregated scan: the aggregate's own (null: derived from the spec's columns). */
  private final RelDataType aggregateRowType;

  public ScapTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, EventsTable eventsTable,
      ScanSpec spec) {
    this(cluster, traits, table, eventsTable, spec, null);
  }

  private ScapTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, EventsTable eventsTable,
      ScanSpec spec, RelDataType aggregateRowType) {
    super(cluster, traits.replace(org.apache.calcite.plan.Convention.NONE), List.of(), table);
    if (spec.isAggregated() != (aggregateRowType != null)) {
      throw new IllegalArgumentException("an aggregated scan needs its aggregate's row type, and only it");
    }
    this.eventsTable = eventsTable;
    this.spec = spec;
    this.aggregateRowType = aggregateRowType;
  }

  /** The scan computing a pushed aggregation, whose rows are those of the aggregate it replaces. */
  ScapTableScan aggregated(ScanSpec newSpec, RelDataType rowType) {
    return new ScapTableScan(getCluster(), getTraitSet(), table, eventsTable, newSpec, rowType);
  }

  public ScanSpec spec() {
    return spec;
  }

  public EventsTable eventsTable() {
    return eventsTable;
  }

  public ScapTableScan with(ScanSpec newSpec) {
    return new ScapTableScan(getCluster(), getTraitSet(), table, eventsTable, newSpec);
  }

  /** The scan with a pushed top-N: its rows come in {@code collation}'s order. */
  ScapTableScan sorted(ScanSpec newSpec, org.apache.calcite.rel.RelCollation collation) {
    RelTraitSet traits = getTraitSet().replace(collation);
    return new ScapTableScan(getCluster(), traits, table, eventsTable, newSpec);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ScapTableScan(getCluster(), traitSet, table, eventsTable, spec, aggregateRowType);
  }

  @Override
  public RelDataType deriveRowType() {
    if (aggregateRowType != null) {
      return aggregateRowType;
    }
    RelDataType full = table.getRowType();
    if (spec.columns == null) {
      return full;
    }
    RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
    for (int c : spec.columns) {
      RelDataTypeField f = full.getFieldList().get(c);
      b.add(f.getName(), f.getType());
    }
    return b.build();
  }

  /** Swaps an inner join whose right input is an events scan and whose left input is not. */
  static final RelOptRule EVENTS_TO_THE_LEFT = JoinCommuteRule.Config.DEFAULT
      .withOperandSupplier(join -> join.operand(LogicalJoin.class).inputs(
          other -> other.operand(RelNode.class).predicate(r -> !(r instanceof ScapTableScan)).anyInputs(),
          events -> events.operand(ScapTableScan.class).noInputs()))
      .as(JoinCommuteRule.Config.class)
      .toRule();

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return estimateRows(table, spec);
  }

  static double estimateRows(RelOptTable table, ScanSpec spec) {
    double rows = table.getRowCount();
    int predicates = spec.toString().isEmpty() ? 0 : spec.toString().split(" and ").length;
    rows *= Math.pow(0.1, predicates);
    if (spec.numFrom != Long.MIN_VALUE && spec.numTo != Long.MAX_VALUE) {
      // Event numbers are unique in each capture: a range of them holds at most that many events per capture.
      EventsTable events = table.unwrap(EventsTable.class);
      double numbers = (double) spec.numTo - (double) spec.numFrom;
      rows = Math.min(rows, numbers * (events == null ? 1 : Math.max(1, events.captures().size())));
    }
    if (spec.fetch >= 0) {
      rows = Math.min(rows, spec.fetch);
    }
    if (spec.isAggregated()) {
      // Groups are few next to events: a scan that aggregates is always the cheaper plan.
      rows = spec.groupCount == 0 ? 1 : Math.min(rows, 100);
    }
    return Math.max(rows, 1);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return cost(planner, estimateRowCount(mq), getRowType().getFieldCount());
  }

  /**
   * Every pushed predicate, dropped column and limit makes a scan cheaper, so the
   * planner always prefers the scan that does the most work inside the reader.
   */
  static RelOptCost cost(RelOptPlanner planner, double rows, double width) {
    return planner.getCostFactory().makeCost(rows, rows * width, 0);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return explainSpec(super.explainTerms(pw), spec);
  }

  static RelWriter explainSpec(RelWriter pw, ScanSpec spec) {
    String filter = spec.toString();
    List<String> cols = new ArrayList<>();
    if (spec.columns != null) {
      for (int c : spec.columns) {
        cols.add(EventColumn.of(c).columnName);
      }
    }
    return pw
        .itemIf("filter", filter, !filter.isEmpty())
        .itemIf("columns", cols, spec.columns != null && !spec.isAggregated())
        .itemIf("aggregate", spec.aggregateString(), spec.isAggregated())
        .itemIf("sort", spec.sortString(), spec.sortColumns != null)
        .itemIf("offset", spec.offset, spec.offset > 0)
        .itemIf("fetch", spec.fetch, spec.fetch >= 0);
  }

  @Override
  public void register(RelOptPlanner planner) {
    // A hash join holds its right input whole, and the planner's row counts for events are
    // guesses: left to itself it may commute a join (or sort both sides for a merge join) so
    // that a capture's events are held in memory. Joins stay as written, except that an
    // events scan on the right of an inner join moves to the left, where it streams.
    planner.removeRule(CoreRules.JOIN_COMMUTE);
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    planner.addRule(EVENTS_TO_THE_LEFT);
    planner.addRule(ScapRules.TO_ENUMERABLE);
    for (RelOptRule r : ScapRules.RULES) {
      planner.addRule(r);
    }
    for (RelOptRule r : WindowRules.RULES) {
      planner.addRule(r);
    }
  }
}
