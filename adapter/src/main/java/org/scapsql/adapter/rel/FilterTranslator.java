package org.scapsql.adapter.rel;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.scapsql.adapter.EventColumn;
import org.scapsql.adapter.ScanSpec;

/**
 * Turns predicates on {@code events} columns into a {@link ScanSpec}: equality
 * and IN on evt_type, evt_dir, evt_category, capture, thread_tid, proc_pid, fd_num;
 * ranges on evt_rawtime, evt_time and evt_num; evt_failed true or false; and on the
 * other columns the value tests of {@link ColumnTests}. A predicate is taken only
 * when the reader can test it exactly; the rest stays with Calcite.
 */
public final class FilterTranslator {
  private FilterTranslator() {}

  /** Splits a condition into the conjuncts the reader can test and the rest. */
  public static void split(RexNode condition, RelDataType rowType, List<RexNode> pushed, List<RexNode> rest) {
    for (RexNode c : RelOptUtil.conjunctions(condition)) {
      if (apply(c, rowType, ScanSpec.ALL) != null) {
        pushed.add(c);
      } else {
        rest.add(c);
      }
    }
  }

  /** The spec with a condition (a conjunction) added; null if any part cannot be pushed. */
  public static ScanSpec apply(RexNode condition, RelDataType rowType, ScanSpec spec) {
    ScanSpec out = spec;
    for (RexNode c : RelOptUtil.conjunctions(condition)) {
      out = applyOne(c, rowType, out);
      if (out == null) {
        return null;
      }
    }
    return out;
  }

  static EventColumn column(RexNode n, RelDataType rowType) {
    if (!(n instanceof RexInputRef)) {
      return null;
    }
    String name = rowType.getFieldList().get(((RexInputRef) n).getIndex()).getName();
    for (EventColumn c : EventColumn.values()) {
      if (c.columnName.equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static ScanSpec applyOne(RexNode c, RelDataType rowType, ScanSpec spec) {
    ScanSpec own = applyOwn(c, rowType, spec);
    if (own != null) {
      return own;
    }
    org.scapsql.adapter.ColumnTest t = ColumnTests.of(c, rowType);
    return t == null ? null : spec.withTest(t);
  }

  /** The predicates the spec has a field of its own for (types, threads, time, ...). */
  private static ScanSpec applyOwn(RexNode c, RelDataType rowType, ScanSpec spec) {
    EventColumn col = column(c, rowType);
    if (col == EventColumn.EVT_FAILED) {
      return spec.withFailed(true);
    }
    if (!(c instanceof RexCall)) {
      return null;
    }
    RexCall call = (RexCall) c;
    SqlKind kind = call.getKind();
    if (kind == SqlKind.NOT || kind == SqlKind.IS_FALSE) {
      if (column(call.getOperands().get(0), rowType) == EventColumn.EVT_FAILED) {
        return spec.withFailed(false);
      }
      return null;
    }
    if (kind == SqlKind.IS_TRUE && column(call.getOperands().get(0), rowType) == EventColumn.EVT_FAILED) {
      return spec.withFailed(true);
    }
    if (kind == SqlKind.SEARCH) {
      col = column(call.getOperands().get(0), rowType);
      RexNode lit = call.getOperands().get(1);
      if (col == null || !(lit instanceof RexLiteral)) {
        return null;
      }
      Sarg<?> sarg = ((RexLiteral) lit).getValueAs(Sarg.class);
      if (sarg == null || sarg.nullAs == RexUnknownAs.TRUE) {
        return null;
      }
      return applySarg(col, sarg, spec);
    }
    if (call.getOperands().size() != 2) {
      return null;
    }
    RexNode a = call.getOperands().get(0);
    RexNode b = call.getOperands().get(1);
    if (!(b instanceof RexLiteral) && a instanceof RexLiteral) {
      RexNode t = a;
      a = b;
      b = t;
      kind = kind.reverse();
    }
    col = column(a, rowType);
    if (col == null || !(b instanceof RexLiteral) || ((RexLiteral) b).isNull()) {
      return null;
    }
    RexLiteral lit = (RexLiteral) b;
    switch (kind) {
      case EQUALS:
        return equal(col, lit, spec);
      case LESS_THAN: case LESS_THAN_OR_EQUAL: case GREATER_THAN: case GREATER_THAN_OR_EQUAL:
        return range(col, kind, lit, spec);
      default:
        return null;
    }
  }

  private static ScanSpec equal(EventColumn col, RexLiteral lit, ScanSpec spec) {
    switch (col) {
      case EVT_TYPE: case EVT_CATEGORY: case EVT_DIR: case CAPTURE: {
        String s = lit.getValueAs(String.class);
        return s == null ? null : strings(col, List.of(s), spec);
      }
      case THREAD_TID: case PROC_PID: case FD_NUM: {
        Long v = exactLong(lit);
        return v == null ? null : longs(col, List.of(v), spec);
      }
      case EVT_FAILED: {
        Boolean v = lit.getValueAs(Boolean.class);
        if (v == null) {
          return null;
        }
        return spec.withFailed(v);
      }
      case EVT_RAWTIME: case EVT_NUM: case EVT_TIME: {
        ScanSpec from = range(col, SqlKind.GREATER_THAN_OR_EQUAL, lit, spec);
        return from == null ? null : range(col, SqlKind.LESS_THAN_OR_EQUAL, lit, from);
      }
      default:
        return null;
    }
  }

  private static Long exactLong(RexLiteral lit) {
    BigDecimal d = lit.getValueAs(BigDecimal.class);
    if (d == null) {
      return null;
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static ScanSpec strings(EventColumn col, List<String> values, ScanSpec spec) {
    switch (col) {
      case EVT_TYPE:
        return spec.withTypes(values);
      case EVT_CATEGORY:
        return spec.withCategories(values);
      case CAPTURE:
        // The scan then never opens the other captures (nor warns about their damage).
        return spec.withCaptures(values);
      case EVT_DIR:
        if (values.size() != 1 || values.get(0).length() != 1) {
          return null;
        }
        char d = values.get(0).charAt(0);
        if (d != '>' && d != '<') {
          return spec.asEmpty();
        }
        return spec.withDir(d);
      default:
        return null;
    }
  }

  private static ScanSpec longs(EventColumn col, List<Long> values, ScanSpec spec) {
    switch (col) {
      case THREAD_TID: return spec.withTids(values);
      case PROC_PID: return spec.withPids(values);
      case FD_NUM: return spec.withFds(values);
      default: return null;
    }
  }

  /** Applies {@code col kind lit} to a range column, as a half-open nanosecond (or number) interval. */
  private static ScanSpec range(EventColumn col, SqlKind kind, RexLiteral lit, ScanSpec spec) {
    if (col != EventColumn.EVT_RAWTIME && col != EventColumn.EVT_NUM && col != EventColumn.EVT_TIME) {
      return null;
    }
    BigDecimal v;
    if (col == EventColumn.EVT_TIME) {
      Long millis = lit.getValueAs(Long.class);
      if (millis == null) {
        return null;
      }
      v = BigDecimal.valueOf(millis);
    } else {
      v = lit.getValueAs(BigDecimal.class);
      if (v == null) {
        return null;
      }
    }
    return bound(col, kind, v, spec);
  }

  private static ScanSpec bound(EventColumn col, SqlKind kind, BigDecimal v, ScanSpec spec) {
    long[] r = org.scapsql.adapter.WindowBounds.toSpec(col, kind, v);
    if (r == null || kind == SqlKind.EQUALS) {
      return null;
    }
    return col == EventColumn.EVT_NUM ? spec.withNum(r[0], r[1]) : spec.withTime(r[0], r[1]);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static ScanSpec applySarg(EventColumn col, Sarg sarg, ScanSpec spec) {
    Set<Range> ranges = sarg.rangeSet.asRanges();
    if (sarg.isPoints()) {
      List<String> strs = new ArrayList<>();
      List<Long> nums = new ArrayList<>();
      for (Range r : ranges) {
        Object p = r.lowerEndpoint();
        if (p instanceof NlsString) {
          strs.add(((NlsString) p).getValue());
        } else if (p instanceof BigDecimal) {
          try {
            nums.add(((BigDecimal) p).longValueExact());
          } catch (ArithmeticException e) {
            return null;
          }
        } else {
          return null;
        }
      }
      switch (col) {
        case EVT_TYPE: case EVT_CATEGORY: case CAPTURE:
          return nums.isEmpty() ? strings(col, strs, spec) : null;
        case EVT_DIR:
          return nums.isEmpty() && strs.size() == 1 ? strings(col, strs, spec) : null;
        case THREAD_TID: case PROC_PID: case FD_NUM:
          return strs.isEmpty() ? longs(col, nums, spec) : null;
        default:
          break;
      }
    }
    if (ranges.size() != 1
        || (col != EventColumn.EVT_RAWTIME && col != EventColumn.EVT_NUM && col != EventColumn.EVT_TIME)) {
      return null;
    }
    Range r = ranges.iterator().next();
    BigDecimal lo = r.hasLowerBound() ? number(r.lowerEndpoint()) : null;
    BigDecimal hi = r.hasUpperBound() ? number(r.upperEndpoint()) : null;
    if ((r.hasLowerBound() && lo == null) || (r.hasUpperBound() && hi == null)) {
      return null;
    }
    ScanSpec out = spec;
    if (lo != null) {
      out = bound(col, r.lowerBoundType() == BoundType.CLOSED ? SqlKind.GREATER_THAN_OR_EQUAL : SqlKind.GREATER_THAN,
          lo, out);
    }
    if (hi != null && out != null) {
      out = bound(col, r.upperBoundType() == BoundType.CLOSED ? SqlKind.LESS_THAN_OR_EQUAL : SqlKind.LESS_THAN, hi,
          out);
    }
    return out;
  }

  /** A range endpoint as a number: numbers as they are, timestamps as milliseconds since the epoch. */
  private static BigDecimal number(Object endpoint) {
    if (endpoint instanceof BigDecimal) {
      return (BigDecimal) endpoint;
    }
    if (endpoint instanceof org.apache.calcite.util.TimestampString) {
      return BigDecimal.valueOf(((org.apache.calcite.util.TimestampString) endpoint).getMillisSinceEpoch());
    }
    return null;
  }
}
