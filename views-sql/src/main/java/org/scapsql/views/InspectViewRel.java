package org.scapsql.views;

import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * An Inspect view with context columns, as the query names it, before planning.
 * Its input is the view's SQL; {@link ContextRewrite} replaces it, moving the
 * conditions on context columns from the WHERE above into the view's event source
 * ({@link ContextSourceRel}). The planner never sees one.
 */
final class InspectViewRel extends SingleRel {
  final String view;
  /** Names of the context columns (lower case). */
  final Set<String> context;

  InspectViewRel(RelOptCluster cluster, RelTraitSet traits, RelNode input, String view, Set<String> context) {
    super(cluster, traits, input);
    this.view = view;
    this.context = Set.copyOf(context);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new InspectViewRel(getCluster(), traitSet, sole(inputs), view, context);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Never implemented: the rewrite removes it before the planner runs.
    return planner.getCostFactory().makeInfiniteCost();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("view", view);
  }
}
