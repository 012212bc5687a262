package org.scapsql.adapter.connection;

import java.lang.reflect.Type;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * Calcite's statement preparation with two additions for every query of a scapsql
 * connection.
 *
 * <ul>
 *   <li>{@code ORDER BY ... LIMIT n} anywhere (over entity tables, joins, aggregates)
 *       keeps n rows in a bounded sort instead of sorting all rows first. The events
 *       scan takes its own top-N (see the adapter's rules); this covers the rest.</li>
 *   <li>A query asked again over the same unchanged captures gets the rows of its
 *       first run ({@link ReusedResults}) without being planned or run again, when
 *       its rows depend on nothing else: a query (not EXPLAIN), no parameters, and
 *       no function whose value changes between calls ({@code CURRENT_TIMESTAMP},
 *       {@code RAND}, ...), views included.</li>
 * </ul>
 */
final class ScapPrepare extends CalcitePrepareImpl {
  private final boolean reuse;

  /** Preparation whose results are reused. */
  ScapPrepare() {
    this(true);
  }

  /**
   * @param reuse whether results are reused: false for connections whose functions or
   *     views are not the class path's (tests with extensions of their own), since the
   *     key of a kept result does not say which those are
   */
  ScapPrepare(boolean reuse) {
    this.reuse = reuse;
  }

  @Override
  protected RelOptPlanner createPlanner(Context prepareContext, org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    planner.addRule(EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE);
    return planner;
  }

  @Override
  public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType, long maxRowCount) {
    ReusedResults.Key key = reuse && ReusedResults.enabled() ? ReusedResults.key(context, query.sql, maxRowCount)
        : null;
    ReusedResults results = ReusedResults.shared();
    if (key == null) {
      results.planned();
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    CalciteSignature<T> kept = results.reuse(context, key,
        () -> super.prepareSql(context, query, elementType, maxRowCount));
    if (kept != null) {
      return kept;
    }
    results.planned();
    Verdict verdict = new Verdict();
    CalciteSignature<T> prepared;
    try (Hook.Closeable parsed = Hook.PARSE_TREE.<Object[]>addThread(verdict::parsed);
        Hook.Closeable converted = Hook.CONVERTED.<RelNode>addThread(verdict::converted)) {
      prepared = super.prepareSql(context, query, elementType, maxRowCount);
    }
    if (verdict.reusable() && prepared.parameters.isEmpty() && prepared.statementType == Meta.StatementType.SELECT) {
      return results.keeping(key, prepared);
    }
    return prepared;
  }

  /** What the preparation of one statement showed about whether its rows may be kept. */
  private static final class Verdict {
    private SqlKind kind;
    private boolean converted;
    private boolean changing;

    void parsed(Object[] sqlAndNode) {
      // The statement's own tree comes first; views parsed while it is converted come after.
      if (kind == null && sqlAndNode.length > 1 && sqlAndNode[1] instanceof SqlNode) {
        kind = ((SqlNode) sqlAndNode[1]).getKind();
      }
    }

    void converted(RelNode rel) {
      converted = true;
      changing |= changing(rel);
    }

    boolean reusable() {
      return kind != null && SqlKind.QUERY.contains(kind) && converted && !changing;
    }

    /** Whether a function in {@code rel} (subqueries included) may give another value on another call. */
    private static boolean changing(RelNode rel) {
      boolean[] found = {false};
      RexShuttle calls = new RexShuttle() {
        @Override
        public RexNode visitCall(RexCall call) {
          if (!call.getOperator().isDeterministic() || call.getOperator().isDynamicFunction()) {
            found[0] = true;
          }
          return super.visitCall(call);
        }

        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
          found[0] |= changing(subQuery.rel);
          return super.visitSubQuery(subQuery);
        }
      };
      new RelVisitor() {
        @Override
        public void visit(RelNode node, int ordinal, RelNode parent) {
          node.accept(calls);
          super.visit(node, ordinal, parent);
        }
      }.go(rel);
      return found[0];
    }
  }
}
