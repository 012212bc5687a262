package org.scapsql.adapter.connection;

import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;

/**
 * Calcite's statement preparation with one more rule for every query of a scapsql
 * connection: {@code ORDER BY ... LIMIT n} anywhere (over entity tables, joins,
 * aggregates) keeps n rows in a bounded sort instead of sorting all rows first. The
 * events scan takes its own top-N (see the adapter's rules); this covers the rest.
 */
final class ScapPrepare extends CalcitePrepareImpl {
  @Override
  protected RelOptPlanner createPlanner(Context prepareContext, org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    planner.addRule(EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE);
    return planner;
  }
}
