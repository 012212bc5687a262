package org.scapsql.adapter.rel;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
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
 * The window scan that runs: generated code evaluates the bound rows (its input), then
 * calls {@link EventsTable.EventsQueryable#queryWindow} with them, the encoded
 * {@link ScanSpec} and the encoded {@link WindowBounds}.
 */
public final class EnumerableScapWindowScan extends SingleRel implements EnumerableRel {
  private static final Method QUERY_WINDOW = Types.lookupMethod(EventsTable.EventsQueryable.class, "queryWindow",
      DataContext.class, String.class, Enumerable.class, String.class);

  private final RelOptTable table;
  private final EventsTable eventsTable;
  private final ScanSpec spec;
  private final WindowBounds bounds;

  EnumerableScapWindowScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, EventsTable eventsTable,
      ScanSpec spec, WindowBounds bounds, RelNode boundRows, RelDataType rowType) {
    super(cluster, traits.replace(EnumerableConvention.INSTANCE), boundRows);
    this.table = table;
    this.eventsTable = eventsTable;
    this.spec = spec;
    this.bounds = bounds;
    this.rowType = rowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableScapWindowScan(getCluster(), traitSet, table, eventsTable, spec, bounds, sole(inputs),
        rowType);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return ScapWindowScan.estimate(table, spec, bounds, mq.getRowCount(getInput()));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double events = Math.max(1, ScapTableScan.estimateRows(table, spec) * Math.pow(0.1, bounds.kinds.length));
    return ScapTableScan.cost(planner, events, rowType.getFieldCount() - bounds.outputColumns.length);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return ScapWindowScan.explain(pw, this, table, spec, bounds, getInput());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder list = new BlockBuilder();
    Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression childRows = list.append("boundRows", child.block);
    // One-column bound rows come as bare values: the window reads every bound row as an array.
    Expression boundArrays = list.append("boundArrays", child.physType.convertTo(childRows, JavaRowFormat.ARRAY));
    Expression t = list.append("table", table.getExpression(EventsTable.EventsQueryable.class));
    Expression rows = list.append("windowRows", Expressions.call(t, QUERY_WINDOW, DataContext.ROOT,
        Expressions.constant(spec.encode()), boundArrays, Expressions.constant(bounds.encode())));
    list.add(Expressions.return_(null, rows));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false);
    return implementor.result(physType, list.toBlock());
  }
}
