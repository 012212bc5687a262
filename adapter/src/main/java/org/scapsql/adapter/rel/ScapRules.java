package org.scapsql.adapter.rel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.ImmutableBitSet;
import org.scapsql.adapter.ScanSpec;

/** Planner rules that move work from Calcite into the capture reader. */
public final class ScapRules {
  private ScapRules() {}

  /** Turns the logical scan, with all that was folded into it, into the scan that runs. */
  public static final ConverterRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
      .withConversion(ScapTableScan.class, org.apache.calcite.plan.Convention.NONE, EnumerableConvention.INSTANCE,
          "ScapToEnumerableRule")
      .withRuleFactory(ToEnumerable::new)
      .toRule(ToEnumerable.class);

  public static final RelOptRule FILTER = RuleConfig.of("ScapFilterRule", LogicalFilter.class, FilterRule::new)
      .toRule();
  public static final RelOptRule PROJECT = RuleConfig.of("ScapProjectRule", LogicalProject.class, ProjectRule::new)
      .toRule();
  public static final RelOptRule LIMIT = RuleConfig.of("ScapLimitRule", LogicalSort.class, LimitRule::new).toRule();
  public static final RelOptRule CALC = RuleConfig.of("ScapCalcRule", LogicalCalc.class, CalcRule::new).toRule();
  public static final RelOptRule TOP_N = RuleConfig.of("ScapTopNRule", LogicalSort.class, TopNRule::new).toRule();
  public static final RelOptRule AGGREGATE = RuleConfig.of("ScapAggregateRule",
      org.apache.calcite.rel.logical.LogicalAggregate.class, AggregateRule::new).toRule();

  /**
   * The configuration of a rule that matches one logical node directly over a scap scan,
   * written by hand (Calcite's own rules generate theirs with the Immutables processor,
   * which this build does not run).
   */
  record RuleConfig(RelBuilderFactory relBuilderFactory, String description, RelRule.OperandTransform operandSupplier,
      Function<RuleConfig, RelOptRule> factory) implements RelRule.Config {
    static RuleConfig of(String description, Class<? extends RelNode> over, Function<RuleConfig, RelOptRule> factory) {
      return new RuleConfig(RelFactories.LOGICAL_BUILDER, description,
          top -> top.operand(over).oneInput(scan -> scan.operand(ScapTableScan.class).noInputs()), factory);
    }

    @Override
    public RuleConfig withRelBuilderFactory(RelBuilderFactory f) {
      return new RuleConfig(f, description, operandSupplier, factory);
    }

    @Override
    public RuleConfig withDescription(String d) {
      return new RuleConfig(relBuilderFactory, d, operandSupplier, factory);
    }

    @Override
    public RuleConfig withOperandSupplier(RelRule.OperandTransform t) {
      return new RuleConfig(relBuilderFactory, description, t, factory);
    }

    @Override
    public RelOptRule toRule() {
      return factory.apply(this);
    }
  }

  /**
   * Ours, and Calcite's bounded sort for {@code ORDER BY ... LIMIT} where the scan cannot
   * take it (over a join, an aggregate, an expression): it keeps offset+fetch rows
   * instead of sorting all of them.
   */
  public static final List<RelOptRule> RULES = List.of(FILTER, PROJECT, LIMIT, CALC, TOP_N, AGGREGATE,
      org.apache.calcite.adapter.enumerable.EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE);

  static final class ToEnumerable extends ConverterRule {
    ToEnumerable(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      ScapTableScan scan = (ScapTableScan) rel;
      RelTraitSet traits = rel.getTraitSet().replace(EnumerableConvention.INSTANCE);
      return new EnumerableScapScan(rel.getCluster(), traits, scan.getTable(), scan.spec(), scan.getRowType());
    }
  }

  /**
   * Folds the conjuncts the reader can test into the scan; the others stay in a
   * filter above. Never below a limit (that would change the answer).
   */
  static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      ScapTableScan scan = call.rel(1);
      ScanSpec spec = scan.spec();
      if (spec.fetch >= 0 || spec.offset > 0 || spec.isAggregated()) {
        return;
      }
      List<RexNode> pushed = new ArrayList<>();
      List<RexNode> rest = new ArrayList<>();
      FilterTranslator.split(filter.getCondition(), scan.getRowType(), pushed, rest);
      if (pushed.isEmpty()) {
        return;
      }
      RexBuilder rb = filter.getCluster().getRexBuilder();
      RelNode newScan = scan.with(FilterTranslator.apply(RexUtil.composeConjunction(rb, pushed), scan.getRowType(),
          spec));
      call.transformTo(rest.isEmpty() ? newScan
          : filter.copy(filter.getTraitSet(), newScan, RexUtil.composeConjunction(rb, rest)));
    }
  }

  /**
   * Narrows the scan to the columns a projection uses; expressions and renames
   * stay in a projection above, over the narrow scan.
   */
  static final class ProjectRule extends RelRule<RuleConfig> {
    ProjectRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      ScapTableScan scan = call.rel(1);
      if (scan.spec().sortColumns != null || scan.spec().isAggregated()) {
        // A sorted scan declares its order by position; it keeps its columns (only N rows are built).
        return;
      }
      ImmutableBitSet used = RelOptUtilHelper.inputsUsed(project.getProjects());
      int width = scan.getRowType().getFieldCount();
      if (used.cardinality() == width) {
        return;
      }
      ScanSpec spec = scan.spec();
      RexShuttle shuttle = remap(used);
      ScapTableScan narrow = scan.with(spec.withColumns(narrowColumns(spec, used)));
      List<RexNode> rewritten = new ArrayList<>();
      for (RexNode p : project.getProjects()) {
        rewritten.add(p.accept(shuttle));
      }
      if (isIdentity(rewritten, narrow, project)) {
        call.transformTo(narrow);
      } else {
        call.transformTo(project.copy(project.getTraitSet(), narrow, rewritten, project.getRowType()));
      }
    }

    private static boolean isIdentity(List<RexNode> projects, RelNode input, LogicalProject project) {
      if (projects.size() != input.getRowType().getFieldCount()) {
        return false;
      }
      for (int i = 0; i < projects.size(); i++) {
        RexNode p = projects.get(i);
        if (!(p instanceof RexInputRef) || ((RexInputRef) p).getIndex() != i
            || !input.getRowType().getFieldNames().get(i).equals(project.getRowType().getFieldNames().get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  /** Folds OFFSET/FETCH without ORDER BY into the scan: it stops at the limit. */
  static final class LimitRule extends RelRule<RuleConfig> {
    LimitRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      ScapTableScan scan = call.rel(1);
      ScanSpec spec = scan.spec();
      if (!inFileOrder(sort, scan) || spec.fetch >= 0 || spec.offset > 0 || spec.isAggregated()
          || (sort.offset == null && sort.fetch == null)
          || (sort.offset != null && !(sort.offset instanceof RexLiteral))
          || (sort.fetch != null && !(sort.fetch instanceof RexLiteral))) {
        return;
      }
      call.transformTo(scan.with(spec.withLimit(sort.offset == null ? 0 : RexLiteral.intValue(sort.offset),
          sort.fetch == null ? -1 : RexLiteral.intValue(sort.fetch))));
    }
  }

  /**
   * {@code ORDER BY ... LIMIT n} (with any OFFSET) straight over an events scan: the scan
   * keeps the best offset+n rows while it reads, testing each event's sort key before
   * building its row, so memory holds n rows and the other events cost one key each.
   * The scan then declares the sort's order, and no sort is left above it.
   */
  static final class TopNRule extends RelRule<RuleConfig> {
    TopNRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      ScapTableScan scan = call.rel(1);
      ScanSpec spec = scan.spec();
      List<org.apache.calcite.rel.RelFieldCollation> keys = sort.getCollation().getFieldCollations();
      if (keys.isEmpty() || inFileOrder(sort, scan) || sort.fetch == null || !(sort.fetch instanceof RexLiteral)
          || (sort.offset != null && !(sort.offset instanceof RexLiteral))
          || spec.fetch >= 0 || spec.offset > 0 || spec.sortColumns != null || spec.isAggregated()) {
        return;
      }
      long offset = sort.offset == null ? 0 : RexLiteral.intValue(sort.offset);
      long fetch = RexLiteral.intValue(sort.fetch);
      if (offset < 0 || fetch < 0 || offset + fetch > Integer.MAX_VALUE - 8) {
        return;
      }
      int n = keys.size();
      int[] sortColumns = new int[n];
      boolean[] sortDescending = new boolean[n];
      boolean[] sortNullsFirst = new boolean[n];
      for (int i = 0; i < n; i++) {
        org.apache.calcite.rel.RelFieldCollation k = keys.get(i);
        int column = spec.columns == null ? k.getFieldIndex() : spec.columns[k.getFieldIndex()];
        if (org.scapsql.adapter.EventColumn.of(column).type == org.apache.calcite.sql.type.SqlTypeName.MAP) {
          return;
        }
        boolean descending = k.getDirection().isDescending();
        org.apache.calcite.rel.RelFieldCollation.NullDirection nulls = k.nullDirection;
        if (nulls == org.apache.calcite.rel.RelFieldCollation.NullDirection.UNSPECIFIED) {
          nulls = k.getDirection().defaultNullDirection();
        }
        sortColumns[i] = column;
        sortDescending[i] = descending;
        sortNullsFirst[i] = nulls == org.apache.calcite.rel.RelFieldCollation.NullDirection.FIRST;
      }
      call.transformTo(scan.sorted(spec.withSort(sortColumns, sortDescending, sortNullsFirst)
          .withLimit(offset, fetch), sort.getCollation()));
    }
  }

  /**
   * The planner also merges filters and projections into calcs: fold a calc's
   * testable conjuncts and its column needs into the scan the same way.
   */
  static final class CalcRule extends RelRule<RuleConfig> {
    CalcRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      org.apache.calcite.rel.logical.LogicalCalc calc = call.rel(0);
      ScapTableScan scan = call.rel(1);
      org.apache.calcite.rex.RexProgram program = calc.getProgram();
      ScanSpec spec = scan.spec();
      if (spec.sortColumns != null || spec.isAggregated()) {
        return;
      }
      RexBuilder rb = calc.getCluster().getRexBuilder();
      List<RexNode> pushed = new ArrayList<>();
      List<RexNode> rest = new ArrayList<>();
      if (program.getCondition() != null) {
        RexNode cond = program.expandLocalRef(program.getCondition());
        if (spec.fetch >= 0 || spec.offset > 0) {
          rest.add(cond);
        } else {
          FilterTranslator.split(cond, scan.getRowType(), pushed, rest);
        }
      }
      List<RexNode> projects = new ArrayList<>();
      for (org.apache.calcite.rex.RexLocalRef r : program.getProjectList()) {
        projects.add(program.expandLocalRef(r));
      }
      List<RexNode> needed = new ArrayList<>(projects);
      needed.addAll(rest);
      ImmutableBitSet used = RelOptUtilHelper.inputsUsed(needed);
      if (pushed.isEmpty() && used.cardinality() == scan.getRowType().getFieldCount()) {
        return;
      }
      if (!pushed.isEmpty()) {
        spec = FilterTranslator.apply(RexUtil.composeConjunction(rb, pushed), scan.getRowType(), spec);
      }
      RexShuttle shuttle = remap(used);
      ScapTableScan narrow = scan.with(spec.withColumns(narrowColumns(spec, used)));
      List<RexNode> newProjects = new ArrayList<>();
      for (RexNode p : projects) {
        newProjects.add(p.accept(shuttle));
      }
      RexNode newCondition = rest.isEmpty() ? null : RexUtil.composeConjunction(rb, rest).accept(shuttle);
      org.apache.calcite.rex.RexProgram newProgram = org.apache.calcite.rex.RexProgram.create(
          narrow.getRowType(), newProjects, newCondition, calc.getRowType(), rb);
      if (newCondition == null && newProgram.isTrivial()
          && narrow.getRowType().getFieldNames().equals(calc.getRowType().getFieldNames())) {
        call.transformTo(narrow);
      } else {
        call.transformTo(org.apache.calcite.rel.logical.LogicalCalc.create(narrow, newProgram));
      }
    }
  }

  /**
   * GROUP BY straight over an events scan: counts, sums, minima and maxima are
   * computed inside the scan, which then returns one row per group instead of one per
   * event. Only plain aggregates are pushed (no DISTINCT, no FILTER, one grouping set)
   * over columns whose values are whole numbers; the rest stay with Calcite.
   */
  static final class AggregateRule extends RelRule<RuleConfig> {
    AggregateRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      org.apache.calcite.rel.logical.LogicalAggregate agg = call.rel(0);
      ScapTableScan scan = call.rel(1);
      ScanSpec spec = scan.spec();
      if (spec.isAggregated() || spec.sortColumns != null || spec.fetch >= 0 || spec.offset > 0
          || agg.getGroupType() != org.apache.calcite.rel.core.Aggregate.Group.SIMPLE) {
        return;
      }
      int[] keys = new int[agg.getGroupSet().cardinality()];
      int k = 0;
      for (int i : agg.getGroupSet()) {
        int column = spec.columns == null ? i : spec.columns[i];
        if (org.scapsql.adapter.EventColumn.of(column).type == org.apache.calcite.sql.type.SqlTypeName.MAP) {
          return;
        }
        keys[k++] = column;
      }
      List<org.apache.calcite.rel.core.AggregateCall> calls = agg.getAggCallList();
      int[] kinds = new int[calls.size()];
      int[] args = new int[calls.size()];
      for (int i = 0; i < calls.size(); i++) {
        org.apache.calcite.rel.core.AggregateCall c = calls.get(i);
        if (c.isDistinct() || c.hasFilter() || c.isApproximate() || !c.collation.getFieldCollations().isEmpty()
            || c.getArgList().size() > 1) {
          return;
        }
        int arg = c.getArgList().isEmpty() ? -1 : spec.columns == null ? c.getArgList().get(0)
            : spec.columns[c.getArgList().get(0)];
        int kind = kindOf(c, arg);
        if (kind < 0) {
          return;
        }
        kinds[i] = kind;
        args[i] = arg;
      }
      call.transformTo(scan.aggregated(spec.withAggregate(keys, kinds, args), agg.getRowType()));
    }

    /** The pushed kind of an aggregate call, or -1 when the scan does not compute it. */
    private static int kindOf(org.apache.calcite.rel.core.AggregateCall c, int arg) {
      org.apache.calcite.sql.SqlKind kind = c.getAggregation().getKind();
      if (kind == org.apache.calcite.sql.SqlKind.COUNT) {
        return ScanSpec.AGG_COUNT;
      }
      if (arg < 0) {
        return -1;
      }
      org.apache.calcite.sql.type.SqlTypeName in = org.scapsql.adapter.EventColumn.of(arg).type;
      org.apache.calcite.sql.type.SqlTypeName out = c.getType().getSqlTypeName();
      boolean whole = in == org.apache.calcite.sql.type.SqlTypeName.BIGINT
          || in == org.apache.calcite.sql.type.SqlTypeName.INTEGER;
      // The scan adds in 64 bits and hands back the argument's own type, as Calcite's SUM does.
      if (!whole || out != in) {
        return -1;
      }
      switch (kind) {
        case SUM: return ScanSpec.AGG_SUM;
        case SUM0: return ScanSpec.AGG_SUM0;
        case MIN: return ScanSpec.AGG_MIN;
        case MAX: return ScanSpec.AGG_MAX;
        default: return -1;
      }
    }
  }

  /** The spec's columns narrowed to the used ones (indexes into the scan's current row). */
  static int[] narrowColumns(ScanSpec spec, ImmutableBitSet used) {
    int[] below = spec.columns;
    int[] cols = new int[used.cardinality()];
    int k = 0;
    for (int i : used) {
      cols[k++] = below == null ? i : below[i];
    }
    return cols;
  }

  /** The rewrite of references to the used columns onto the narrower row. */
  static RexShuttle remap(ImmutableBitSet used) {
    Map<Integer, Integer> newIndex = new LinkedHashMap<>();
    int k = 0;
    for (int i : used) {
      newIndex.put(i, k++);
    }
    return new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(newIndex.get(ref.getIndex()), ref.getType());
      }
    };
  }

  /**
   * True when the sort asks for no order, or for the order the scan produces
   * anyway: evt_num ascending over a single capture (event numbers restart in
   * each capture of several).
   */
  static boolean inFileOrder(LogicalSort sort, ScapTableScan scan) {
    List<org.apache.calcite.rel.RelFieldCollation> fields = sort.getCollation().getFieldCollations();
    if (fields.isEmpty()) {
      return true;
    }
    if (fields.size() != 1 || scan.eventsTable().captures().size() != 1) {
      return false;
    }
    org.apache.calcite.rel.RelFieldCollation f = fields.get(0);
    return f.getDirection() == org.apache.calcite.rel.RelFieldCollation.Direction.ASCENDING
        && scan.getRowType().getFieldNames().get(f.getFieldIndex()).equals("evt_num");
  }

  /** Small helpers over Rex trees. */
  static final class RelOptUtilHelper {
    private RelOptUtilHelper() {}

    static ImmutableBitSet inputsUsed(List<RexNode> exprs) {
      ImmutableBitSet.Builder b = ImmutableBitSet.builder();
      for (RexNode e : exprs) {
        e.accept(new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            b.set(ref.getIndex());
            return ref;
          }
        });
      }
      return b.build();
    }
  }
}
