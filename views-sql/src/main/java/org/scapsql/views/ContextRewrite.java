package org.scapsql.views;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.util.Holder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Makes a WHERE on a view's context columns a drill-down: the conditions that use
 * only context columns are moved from above the view into its event source, before
 * any grouping, so {@code SELECT * FROM inspect.files WHERE proc_pid = 42} gives the
 * files of process 42 with the bytes that process moved, as Inspect's drill-down
 * does, and the condition reaches the capture reader. A context column then reads
 * the constant it was compared with (NULL when it was not compared with one).
 *
 * <p>It runs once per query, before Calcite's planner, as the first step of the
 * program Calcite optimises with (installed through {@link Hook#PROGRAM}); queries
 * without Inspect views go to the standard program untouched.
 */
final class ContextRewrite {
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  /** Brings filters down onto the views (through projections and into joins) before the rewrite. */
  private static final HepProgram FILTERS_DOWN = new HepProgramBuilder()
      .addRuleCollection(List.of(CoreRules.FILTER_MERGE, CoreRules.FILTER_PROJECT_TRANSPOSE,
          CoreRules.FILTER_INTO_JOIN))
      .build();

  /**
   * Takes the moved conditions, and those on a view's own key columns, down through
   * the view's groupings, unions, projections and joins to the capture scans, where
   * the planner's scan rules pick them up.
   */
  private static final HepProgram FILTERS_TO_SCANS = new HepProgramBuilder()
      .addRuleCollection(List.of(CoreRules.FILTER_MERGE, CoreRules.FILTER_SET_OP_TRANSPOSE,
          CoreRules.FILTER_PROJECT_TRANSPOSE, CoreRules.FILTER_INTO_JOIN, CoreRules.FILTER_AGGREGATE_TRANSPOSE))
      .build();

  private static final Program PROGRAM = (planner, rel, traits, materializations, lattices) -> {
    RelNode r = rel;
    if (containsMarkers(rel)) {
      r = rewriteQuery(rel);
      // The views join small tables (the capture row, thread and process lifetimes) to
      // event streams: a merge join would sort the whole event stream first.
      planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    }
    return Programs.standard().run(planner, r, traits, materializations, lattices);
  };

  private ContextRewrite() {}

  /** Installs the rewrite for every Calcite query of this class loader (once). */
  static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      Consumer<Holder<Program>> hook = holder -> {
        if (holder.get() == null) {
          holder.set(PROGRAM);
        }
      };
      Hook.PROGRAM.add(hook);
    }
  }

  /** The query with every Inspect view and source marker replaced by plain relational expressions. */
  static RelNode rewriteQuery(RelNode rel) {
    if (!containsMarkers(rel)) {
      return rel;
    }
    HepPlanner down = new HepPlanner(FILTERS_DOWN);
    down.setRoot(rel);
    RelNode rewritten = rewrite(down.findBestExp());
    HepPlanner toScans = new HepPlanner(FILTERS_TO_SCANS);
    toScans.setRoot(rewritten);
    return toScans.findBestExp();
  }

  private static boolean containsMarkers(RelNode rel) {
    if (rel instanceof InspectViewRel || rel instanceof ContextSourceRel) {
      return true;
    }
    boolean[] found = {false};
    rel.accept(new RexShuttle() {
      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        found[0] |= containsMarkers(subQuery.rel);
        return subQuery;
      }
    });
    if (found[0]) {
      return true;
    }
    for (RelNode in : rel.getInputs()) {
      if (containsMarkers(in)) {
        return true;
      }
    }
    return false;
  }

  private static RelNode rewrite(RelNode node) {
    if (node instanceof Filter && ((Filter) node).getInput() instanceof InspectViewRel) {
      Filter filter = (Filter) node;
      InspectViewRel view = (InspectViewRel) filter.getInput();
      List<RexNode> absorbed = new ArrayList<>();
      List<RexNode> rest = new ArrayList<>();
      ImmutableBitSet contextFields = contextFields(view);
      for (RexNode c : RelOptUtil.conjunctions(filter.getCondition())) {
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(c);
        // An uncorrelated sub-query (proc_pid IN (SELECT ...)) moves with its condition.
        if (!used.isEmpty() && contextFields.contains(used) && RexUtil.isDeterministic(c)
            && !RexUtil.containsCorrelation(c)) {
          absorbed.add(c);
        } else {
          rest.add(c);
        }
      }
      RelNode expanded = expand(view, rewriteSubQueries(absorbed));
      if (rest.isEmpty()) {
        return expanded;
      }
      RexBuilder rb = filter.getCluster().getRexBuilder();
      return LogicalFilter.create(expanded, RexUtil.composeConjunction(rb, rewriteSubQueries(rest)));
    }
    if (node instanceof InspectViewRel) {
      return expand((InspectViewRel) node, List.of());
    }
    if (node instanceof ContextSourceRel) {
      return rewrite(((ContextSourceRel) node).getInput());
    }
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode in : node.getInputs()) {
      RelNode r = rewrite(in);
      changed |= r != in;
      inputs.add(r);
    }
    RelNode out = changed ? node.copy(node.getTraitSet(), inputs) : node;
    return out.accept(new RexShuttle() {
      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        RelNode r = rewrite(subQuery.rel);
        return r == subQuery.rel ? subQuery : subQuery.clone(r);
      }
    });
  }

  private static List<RexNode> rewriteSubQueries(List<RexNode> conditions) {
    List<RexNode> out = new ArrayList<>();
    RexShuttle shuttle = new RexShuttle() {
      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        RelNode r = rewrite(subQuery.rel);
        return r == subQuery.rel ? subQuery : subQuery.clone(r);
      }
    };
    for (RexNode c : conditions) {
      out.add(c.accept(shuttle));
    }
    return out;
  }

  private static ImmutableBitSet contextFields(InspectViewRel view) {
    ImmutableBitSet.Builder b = ImmutableBitSet.builder();
    List<RelDataTypeField> fields = view.getRowType().getFieldList();
    for (int i = 0; i < fields.size(); i++) {
      if (view.context.contains(fields.get(i).getName().toLowerCase(Locale.ROOT))) {
        b.set(i);
      }
    }
    return b.build();
  }

  /**
   * The view's SQL with {@code conditions} (over the view's row) put on top of every
   * event source in it, and the context columns compared with a constant reading
   * that constant.
   */
  private static RelNode expand(InspectViewRel view, List<RexNode> conditions) {
    RelDataType viewRow = view.getRowType();
    RelNode inner = view.getInput();
    if (!conditions.isEmpty()) {
      inner = inject(view, inner, conditions, viewRow);
      if (inner == view.getInput()) {
        throw new IllegalStateException("view " + view.view + " has context columns but no event source");
      }
    }
    inner = rewrite(inner);
    Map<Integer, RexNode> constants = new HashMap<>();
    for (RexNode c : conditions) {
      if (c.getKind() == SqlKind.EQUALS) {
        List<RexNode> ops = ((RexCall) c).getOperands();
        RexNode a = RexUtil.removeCast(ops.get(0));
        RexNode b = RexUtil.removeCast(ops.get(1));
        if (a instanceof RexLiteral && b instanceof RexInputRef) {
          RexNode t = a;
          a = b;
          b = t;
        }
        if (a instanceof RexInputRef && b instanceof RexLiteral) {
          constants.put(((RexInputRef) a).getIndex(), b);
        }
      }
    }
    if (constants.isEmpty()) {
      return inner;
    }
    RexBuilder rb = view.getCluster().getRexBuilder();
    List<RexNode> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (RelDataTypeField f : viewRow.getFieldList()) {
      RexNode c = constants.get(f.getIndex());
      exprs.add(c == null ? rb.makeInputRef(inner, f.getIndex()) : rb.makeCast(f.getType(), c, true, false));
      names.add(f.getName());
    }
    return LogicalProject.create(inner, List.of(), exprs, names, java.util.Set.of());
  }

  private static RelNode inject(InspectViewRel view, RelNode node, List<RexNode> conditions, RelDataType viewRow) {
    if (node instanceof ContextSourceRel) {
      RelNode source = ((ContextSourceRel) node).getInput();
      RexBuilder rb = node.getCluster().getRexBuilder();
      List<RexNode> mapped = new ArrayList<>();
      for (RexNode c : conditions) {
        mapped.add(c.accept(new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            String name = viewRow.getFieldList().get(ref.getIndex()).getName();
            RelDataTypeField target = source.getRowType().getField(name, false, false);
            if (target == null) {
              throw new IllegalStateException("view " + view.view + ": context column " + name
                  + " is not a column of its event source " + ((ContextSourceRel) node).source);
            }
            RexNode r = rb.makeInputRef(source, target.getIndex());
            return target.getType().getSqlTypeName() == ref.getType().getSqlTypeName()
                ? r : rb.makeCast(ref.getType(), r, true, false);
          }
        }));
      }
      return LogicalFilter.create(source, RexUtil.composeConjunction(rb, mapped));
    }
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode in : node.getInputs()) {
      RelNode r = inject(view, in, conditions, viewRow);
      changed |= r != in;
      inputs.add(r);
    }
    return changed ? node.copy(node.getTraitSet(), inputs) : node;
  }
}
