package org.scapsql.adapter.rel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.scapsql.adapter.EventColumn;
import org.scapsql.adapter.ScanSpec;
import org.scapsql.adapter.WindowBounds;

/**
 * Rules for a time window whose bounds come from other rows. {@code WHERE evt_rawtime
 * BETWEEN (SELECT ...) AND (SELECT ...)}, the same with a JOIN or a WITH, all reach the
 * planner as an inner join of an events scan with rows whose values bound evt_rawtime
 * (evt_time, evt_num). Calcite would run it as a nested loop, comparing every event
 * with every bound row, and re-running the bound side once per event where nothing is
 * cached. These rules make it a {@link ScapWindowScan}: the bound side runs first, and
 * its values become the events scan's pushed range.
 */
public final class WindowRules {
  private WindowRules() {}

  /** An inner join of an events scan (left) with any rows, on bounds of its time. */
  public static final RelOptRule JOIN = new ScapRules.RuleConfig(RelFactories.LOGICAL_BUILDER, "ScapWindowJoinRule",
      top -> top.operand(LogicalJoin.class).inputs(
          scan -> scan.operand(ScapTableScan.class).noInputs(),
          other -> other.operand(RelNode.class).anyInputs()),
      JoinRule::new).toRule();

  /**
   * A window scan joined with more bound rows: two scalar subqueries (a lower and an upper
   * bound) are two joins, one over the other.
   */
  public static final RelOptRule MORE_BOUNDS = new ScapRules.RuleConfig(RelFactories.LOGICAL_BUILDER,
      "ScapWindowMoreBoundsRule",
      top -> top.operand(LogicalJoin.class).inputs(
          window -> window.operand(ScapWindowScan.class).anyInputs(),
          other -> other.operand(RelNode.class).anyInputs()),
      MoreBoundsRule::new).toRule();

  public static final ConverterRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
      .withConversion(ScapWindowScan.class, Convention.NONE, EnumerableConvention.INSTANCE,
          "ScapWindowToEnumerableRule")
      .withRuleFactory(ToEnumerable::new)
      .toRule(ToEnumerable.class);

  public static final List<RelOptRule> RULES = List.of(JOIN, MORE_BOUNDS, TO_ENUMERABLE);

  static final class ToEnumerable extends ConverterRule {
    ToEnumerable(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      ScapWindowScan w = (ScapWindowScan) rel;
      RelTraitSet traits = w.getTraitSet().replace(EnumerableConvention.INSTANCE);
      RelNode input = convert(w.getInput(), w.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
      return new EnumerableScapWindowScan(w.getCluster(), traits, w.table, w.eventsTable, w.spec, w.bounds, input,
          w.getRowType());
    }
  }

  static final class JoinRule extends RelRule<ScapRules.RuleConfig> {
    JoinRule(ScapRules.RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalJoin join = call.rel(0);
      ScapTableScan scan = call.rel(1);
      ScanSpec spec = scan.spec();
      // A limit, a top-N or an aggregate below the join applies before it: a window must not narrow their input.
      if (join.getJoinType() != JoinRelType.INNER || spec.isAggregated() || spec.sortColumns != null
          || spec.fetch >= 0 || spec.offset > 0) {
        return;
      }
      int left = scan.getRowType().getFieldCount();
      Split split = Split.of(join.getCondition(), scan.getRowType(), left, left, null);
      if (split == null || split.keyedOverMany(join, left)) {
        return;
      }
      RelBuilder b = call.builder();
      RelNode other = join.getRight();
      int width = other.getRowType().getFieldCount();
      RelNode boundRows = split.boundRows(b, other, left);
      WindowBounds bounds = new WindowBounds(split.column, split.kindArray(), range(width, split.kinds.size()),
          range(0, width));
      RelNode window = new ScapWindowScan(join.getCluster(), join.getTraitSet(), scan.getTable(), scan.eventsTable(),
          spec, bounds, boundRows, join.getRowType());
      call.transformTo(split.withRest(window, b));
    }
  }

  static final class MoreBoundsRule extends RelRule<ScapRules.RuleConfig> {
    MoreBoundsRule(ScapRules.RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalJoin join = call.rel(0);
      ScapWindowScan window = call.rel(1);
      if (join.getJoinType() != JoinRelType.INNER) {
        return;
      }
      int left = window.getRowType().getFieldCount();
      Split split = Split.of(join.getCondition(), window.getRowType(), window.eventWidth(), left,
          window.bounds.column);
      if (split == null || split.keyedOverMany(join, left)) {
        return;
      }
      RelBuilder b = call.builder();
      RelNode other = join.getRight();
      int width = other.getRowType().getFieldCount();
      int before = window.getInput().getRowType().getFieldCount();
      RelNode more = split.boundRows(b, other, left);
      // Each pair of bound rows (one each, for scalar subqueries) is one window.
      RelNode boundRows = b.push(window.getInput()).push(more).join(JoinRelType.INNER, b.literal(true)).build();
      WindowBounds bounds = window.bounds.plus(split.kindArray(), range(before + width, split.kinds.size()),
          range(before, width));
      RelNode wider = new ScapWindowScan(join.getCluster(), join.getTraitSet(), window.table, window.eventsTable,
          window.spec, bounds, boundRows, join.getRowType());
      call.transformTo(split.withRest(wider, b));
    }
  }

  private static int[] range(int from, int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /**
   * A join condition split into bounds on one events column ({@code column kind value},
   * the value computed from the other side's columns alone) and the rest.
   */
  static final class Split {
    EventColumn column;
    final List<SqlKind> kinds = new ArrayList<>();
    final List<RexNode> values = new ArrayList<>();
    final List<RexNode> rest = new ArrayList<>();

    /**
     * The split of {@code condition} over a join whose left side has {@code leftType}, of
     * which the first {@code eventWidth} columns are events columns; null when no conjunct
     * is a bound (on {@code only}, when given).
     */
    static Split of(RexNode condition, RelDataType leftType, int eventWidth, int leftWidth, EventColumn only) {
      Split s = new Split();
      s.column = only;
      for (RexNode c : RelOptUtil.conjunctions(condition)) {
        if (!s.addBound(c, leftType, eventWidth, leftWidth)) {
          s.rest.add(c);
        }
      }
      return s.kinds.isEmpty() ? null : s;
    }

    private boolean addBound(RexNode c, RelDataType leftType, int eventWidth, int leftWidth) {
      SqlKind kind = c.getKind();
      if (!(c instanceof RexCall) || ((RexCall) c).getOperands().size() != 2
          || (kind != SqlKind.GREATER_THAN_OR_EQUAL && kind != SqlKind.GREATER_THAN
          && kind != SqlKind.LESS_THAN_OR_EQUAL && kind != SqlKind.LESS_THAN && kind != SqlKind.EQUALS)) {
        return false;
      }
      RexNode col = ((RexCall) c).getOperands().get(0);
      RexNode value = ((RexCall) c).getOperands().get(1);
      if (!isEventRef(col, eventWidth)) {
        RexNode t = col;
        col = value;
        value = t;
        kind = kind.reverse();
      }
      if (!isEventRef(col, eventWidth)) {
        return false;
      }
      EventColumn ec = FilterTranslator.column(col, leftType);
      if (ec == null || (column != null && ec != column)) {
        return false;
      }
      ImmutableBitSet refs = RelOptUtil.InputFinder.bits(value);
      if ((!refs.isEmpty() && refs.nth(0) < leftWidth) || !RexUtil.isDeterministic(value)
          || !boundType(ec, value.getType().getSqlTypeName())) {
        return false;
      }
      column = ec;
      kinds.add(kind);
      values.add(value);
      return true;
    }

    private static boolean isEventRef(RexNode n, int eventWidth) {
      return n instanceof RexInputRef && ((RexInputRef) n).getIndex() < eventWidth;
    }

    /** Whether a value of type {@code t} compares with the column as the scan's range does. */
    private static boolean boundType(EventColumn column, SqlTypeName t) {
      switch (column) {
        case EVT_TIME:
          return t == SqlTypeName.TIMESTAMP;
        case EVT_RAWTIME: case EVT_NUM:
          return SqlTypeName.EXACT_TYPES.contains(t);
        default:
          return false;
      }
    }

    /**
     * True when the rest of the condition joins on equal columns and the other side may
     * have many rows: a hash join on the key then tests each event against its own rows
     * only, where a window would test it against every window holding it.
     */
    boolean keyedOverMany(LogicalJoin join, int leftWidth) {
      Double most = join.getCluster().getMetadataQuery().getMaxRowCount(join.getRight());
      if (most != null && most <= 1) {
        return false;
      }
      for (RexNode c : rest) {
        if ((c.getKind() == SqlKind.EQUALS || c.getKind() == SqlKind.IS_NOT_DISTINCT_FROM)
            && c instanceof RexCall) {
          ImmutableBitSet a = RelOptUtil.InputFinder.bits(((RexCall) c).getOperands().get(0));
          ImmutableBitSet b = RelOptUtil.InputFinder.bits(((RexCall) c).getOperands().get(1));
          if (!a.isEmpty() && !b.isEmpty() && (a.nth(0) < leftWidth) != (b.nth(0) < leftWidth)) {
            return true;
          }
        }
      }
      return false;
    }

    SqlKind[] kindArray() {
      return kinds.toArray(new SqlKind[0]);
    }

    /** The other side's rows followed by the bound values, each named for what it bounds. */
    RelNode boundRows(RelBuilder b, RelNode other, int leftWidth) {
      b.push(other);
      List<RexNode> exprs = new ArrayList<>(b.fields());
      List<String> names = new ArrayList<>(other.getRowType().getFieldNames());
      Set<String> taken = new HashSet<>(names);
      for (int i = 0; i < values.size(); i++) {
        exprs.add(RexUtil.shift(values.get(i), -leftWidth));
        String name = name(kinds.get(i));
        for (int n = 1; !taken.add(name); n++) {
          name = name(kinds.get(i)) + n;
        }
        names.add(name);
      }
      return b.project(exprs, names, true).build();
    }

    private static String name(SqlKind kind) {
      switch (kind) {
        case GREATER_THAN_OR_EQUAL: return "from";
        case GREATER_THAN: return "after";
        case LESS_THAN_OR_EQUAL: return "until";
        case LESS_THAN: return "before";
        default: return "at";
      }
    }

    /** The window with the conjuncts that are not bounds in a filter above it. */
    RelNode withRest(RelNode window, RelBuilder b) {
      if (rest.isEmpty()) {
        return window;
      }
      return LogicalFilter.create(window, RexUtil.composeConjunction(window.getCluster().getRexBuilder(), rest));
    }
  }
}
