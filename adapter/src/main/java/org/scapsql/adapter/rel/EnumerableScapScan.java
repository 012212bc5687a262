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
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.scapsql.adapter.EventsTable;
import org.scapsql.adapter.ScanSpec;

/**
 * The physical {@code events} scan: generated code calls
 * {@link EventsTable.EventsQueryable#query} with the encoded {@link ScanSpec}.
 */
public final class EnumerableScapScan extends TableScan implements EnumerableRel {
  private static final Method QUERY =
      Types.lookupMethod(EventsTable.EventsQueryable.class, "query", DataContext.class, String.class);
  private static final Method QUERY_SCALAR =
      Types.lookupMethod(EventsTable.EventsQueryable.class, "queryScalar", DataContext.class, String.class);

  private final ScanSpec spec;
  private final RelDataType rowType;

  EnumerableScapScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, ScanSpec spec,
      RelDataType rowType) {
    super(cluster, traits.replace(EnumerableConvention.INSTANCE), List.of(), table);
    this.spec = spec;
    this.rowType = rowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableScapScan(getCluster(), traitSet, table, spec, rowType);
  }

  @Override
  public RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return ScapTableScan.estimateRows(table, spec);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return ScapTableScan.cost(planner, estimateRowCount(mq), rowType.getFieldCount());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return ScapTableScan.explainSpec(super.explainTerms(pw), spec);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    // Calcite represents one-column rows as the bare value, wider rows as Object[].
    boolean scalar = getRowType().getFieldCount() == 1;
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        scalar ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY, false);
    BlockBuilder list = new BlockBuilder();
    Expression t = list.append("table", table.getExpression(EventsTable.EventsQueryable.class));
    Expression enumerable = list.append("enumerable",
        Expressions.call(t, scalar ? QUERY_SCALAR : QUERY, DataContext.ROOT, Expressions.constant(spec.encode())));
    list.add(Expressions.return_(null, enumerable));
    return implementor.result(physType, list.toBlock());
  }
}
