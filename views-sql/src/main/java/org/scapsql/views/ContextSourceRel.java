package org.scapsql.views;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Marks where a view's event rows come from (a {@code @source} view): the place
 * where {@link ContextRewrite} puts the conditions on context columns, below every
 * grouping and window of the view, so they filter events as Inspect's drill-down
 * filters do and reach the capture reader. Removed before planning.
 */
final class ContextSourceRel extends SingleRel {
  final String source;

  ContextSourceRel(RelOptCluster cluster, RelTraitSet traits, RelNode input, String source) {
    super(cluster, traits, input);
    this.source = source;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ContextSourceRel(getCluster(), traitSet, sole(inputs), source);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeInfiniteCost();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("source", source);
  }
}
