package org.scapsql.adapter.rel;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.scapsql.adapter.ColumnTest;
import org.scapsql.adapter.EventColumn;

/**
 * Turns one conjunct into a {@link ColumnTest} when it compares one column with
 * constants in a way the scan evaluates exactly: a boolean column (or its negation),
 * {@code IS [NOT] NULL}, equality and {@code IN} on text and whole-number columns,
 * and ranges on whole-number columns (Calcite's search arguments). Text ranges are
 * left to Calcite, whose collation decides them.
 */
final class ColumnTests {
  private ColumnTests() {}

  static ColumnTest of(RexNode c, RelDataType rowType) {
    EventColumn col = FilterTranslator.column(c, rowType);
    if (col != null) {
      return col.type == SqlTypeName.BOOLEAN ? ColumnTest.of(col.ordinal(), ColumnTest.Kind.TRUE) : null;
    }
    if (!(c instanceof RexCall call) || call.getOperands().isEmpty()) {
      return null;
    }
    SqlKind kind = call.getKind();
    col = FilterTranslator.column(call.getOperands().get(0), rowType);
    if (call.getOperands().size() == 1) {
      if (col == null) {
        return null;
      }
      switch (kind) {
        case NOT: case IS_FALSE:
          return col.type == SqlTypeName.BOOLEAN ? ColumnTest.of(col.ordinal(), ColumnTest.Kind.FALSE) : null;
        case IS_TRUE:
          return col.type == SqlTypeName.BOOLEAN ? ColumnTest.of(col.ordinal(), ColumnTest.Kind.TRUE) : null;
        case IS_NULL:
          return col.type == SqlTypeName.MAP ? null : ColumnTest.of(col.ordinal(), ColumnTest.Kind.NULL);
        case IS_NOT_NULL:
          return col.type == SqlTypeName.MAP ? null : ColumnTest.of(col.ordinal(), ColumnTest.Kind.NOT_NULL);
        default:
          return null;
      }
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
    col = FilterTranslator.column(a, rowType);
    if (col == null || !(b instanceof RexLiteral lit) || lit.isNull()) {
      return null;
    }
    if (kind == SqlKind.SEARCH) {
      Sarg<?> sarg = lit.getValueAs(Sarg.class);
      return sarg == null || sarg.nullAs == RexUnknownAs.TRUE ? null : fromSarg(col, sarg);
    }
    boolean whole = col.type == SqlTypeName.BIGINT || col.type == SqlTypeName.INTEGER;
    if (kind == SqlKind.EQUALS && col.type == SqlTypeName.VARCHAR) {
      String v = lit.getValueAs(String.class);
      return v == null ? null : ColumnTest.strings(col.ordinal(), Set.of(v));
    }
    if (kind == SqlKind.EQUALS && col.type == SqlTypeName.BOOLEAN) {
      Boolean v = lit.getValueAs(Boolean.class);
      return v == null ? null : ColumnTest.of(col.ordinal(), v ? ColumnTest.Kind.TRUE : ColumnTest.Kind.FALSE);
    }
    if (!whole) {
      return null;
    }
    BigDecimal v = lit.getValueAs(BigDecimal.class);
    if (v == null) {
      return null;
    }
    switch (kind) {
      case EQUALS: return range(col, v, BoundType.CLOSED, v, BoundType.CLOSED);
      case GREATER_THAN: return range(col, v, BoundType.OPEN, null, null);
      case GREATER_THAN_OR_EQUAL: return range(col, v, BoundType.CLOSED, null, null);
      case LESS_THAN: return range(col, null, null, v, BoundType.OPEN);
      case LESS_THAN_OR_EQUAL: return range(col, null, null, v, BoundType.CLOSED);
      default: return null;
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static ColumnTest fromSarg(EventColumn col, Sarg sarg) {
    Set<Range> ranges = sarg.rangeSet.asRanges();
    if (col.type == SqlTypeName.VARCHAR) {
      if (!sarg.isPoints()) {
        return null;
      }
      Set<String> values = new TreeSet<>();
      for (Range r : ranges) {
        if (!(r.lowerEndpoint() instanceof NlsString s)) {
          return null;
        }
        values.add(s.getValue());
      }
      return ColumnTest.strings(col.ordinal(), values);
    }
    if (col.type != SqlTypeName.BIGINT && col.type != SqlTypeName.INTEGER) {
      return null;
    }
    long[] lows = new long[ranges.size()];
    long[] highs = new long[ranges.size()];
    int i = 0;
    for (Range r : ranges) {
      BigDecimal lo = r.hasLowerBound() ? number(r.lowerEndpoint()) : null;
      BigDecimal hi = r.hasUpperBound() ? number(r.upperEndpoint()) : null;
      if ((r.hasLowerBound() && lo == null) || (r.hasUpperBound() && hi == null)) {
        return null;
      }
      long[] bounds = bounds(lo, r.hasLowerBound() ? r.lowerBoundType() : null, hi,
          r.hasUpperBound() ? r.upperBoundType() : null);
      lows[i] = bounds[0];
      highs[i] = bounds[1];
      i++;
    }
    return ColumnTest.ranges(col.ordinal(), lows, highs);
  }

  private static BigDecimal number(Object endpoint) {
    return endpoint instanceof BigDecimal d ? d : null;
  }

  private static ColumnTest range(EventColumn col, BigDecimal lo, BoundType loType, BigDecimal hi, BoundType hiType) {
    long[] b = bounds(lo, loType, hi, hiType);
    return b == null ? null : ColumnTest.ranges(col.ordinal(), new long[] {b[0]}, new long[] {b[1]});
  }

  /** A range as closed whole-number bounds (an empty one as lo > hi). */
  private static long[] bounds(BigDecimal lo, BoundType loType, BigDecimal hi, BoundType hiType) {
    long l = Long.MIN_VALUE;
    long h = Long.MAX_VALUE;
    if (lo != null) {
      BigDecimal x = loType == BoundType.CLOSED ? lo.setScale(0, RoundingMode.CEILING)
          : lo.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE);
      l = clamp(x);
    }
    if (hi != null) {
      BigDecimal x = hiType == BoundType.CLOSED ? hi.setScale(0, RoundingMode.FLOOR)
          : hi.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE);
      h = clamp(x);
    }
    return new long[] {l, h};
  }

  private static long clamp(BigDecimal v) {
    if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
      return Long.MAX_VALUE;
    }
    if (v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) {
      return Long.MIN_VALUE;
    }
    return v.longValueExact();
  }
}
