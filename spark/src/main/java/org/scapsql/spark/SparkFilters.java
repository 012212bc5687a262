package org.scapsql.spark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.scapsql.adapter.ColumnTest;
import org.scapsql.adapter.EventColumn;
import org.scapsql.adapter.ScanSpec;
import org.scapsql.adapter.WindowBounds;

/**
 * Spark's filters on {@code events} columns as the adapter's {@link ScanSpec}: the
 * same predicates the SQL adapter pushes (its FilterTranslator reads Calcite's
 * expressions, this reads Spark's), so the reader tests them before it builds a row.
 * Equality and IN (or equalities joined by OR) on evt_type, evt_dir, evt_category, capture, thread_tid, proc_pid
 * and fd_num; ranges on evt_rawtime, evt_time and evt_num; evt_failed; and on the
 * other columns the adapter's value tests ({@link ColumnTest}): booleans, IS [NOT] NULL,
 * equality and IN on text and whole numbers, ranges on whole numbers. A filter is taken
 * only when the reader decides it exactly as Spark would; the rest stays in Spark.
 */
final class SparkFilters {
  private SparkFilters() {}

  /** Comparison kinds of a range filter. */
  private enum Cmp { GT, GE, LT, LE }

  /** The spec with {@code f} added, or null when the reader cannot decide {@code f} exactly. */
  static ScanSpec apply(Filter f, ScanSpec spec) {
    if (f instanceof And a) {
      ScanSpec left = apply(a.left(), spec);
      return left == null ? null : apply(a.right(), left);
    }
    if (f instanceof Or) {
      // a = x OR a = y OR a IN (...) on one column is an IN, as Calcite's search arguments make it.
      List<Object> values = new ArrayList<>();
      String attribute = pointsOf(f, values);
      EventColumn c = attribute == null ? null : column(attribute);
      return c == null ? null : in(c, values.toArray(), spec);
    }
    if (f instanceof EqualTo e) {
      EventColumn c = column(e.attribute());
      return c == null ? null : in(c, new Object[] {e.value()}, spec);
    }
    if (f instanceof In in) {
      EventColumn c = column(in.attribute());
      return c == null ? null : in(c, in.values(), spec);
    }
    if (f instanceof GreaterThan g) {
      return range(column(g.attribute()), Cmp.GT, g.value(), spec);
    }
    if (f instanceof GreaterThanOrEqual g) {
      return range(column(g.attribute()), Cmp.GE, g.value(), spec);
    }
    if (f instanceof LessThan l) {
      return range(column(l.attribute()), Cmp.LT, l.value(), spec);
    }
    if (f instanceof LessThanOrEqual l) {
      return range(column(l.attribute()), Cmp.LE, l.value(), spec);
    }
    if (f instanceof IsNull n) {
      EventColumn c = column(n.attribute());
      return c == null || c.type == SqlTypeName.MAP ? null : spec.withTest(ColumnTest.of(c.ordinal(),
          ColumnTest.Kind.NULL));
    }
    if (f instanceof IsNotNull n) {
      EventColumn c = column(n.attribute());
      if (c == null || c.type == SqlTypeName.MAP) {
        return null;
      }
      // Spark adds IS NOT NULL beside every comparison on a nullable column; a test the spec already makes
      // fails NULL on its own, and a second test would build the column once more per event.
      return !c.nullable || rejectsNull(spec, c) ? spec : spec.withTest(ColumnTest.of(c.ordinal(),
          ColumnTest.Kind.NOT_NULL));
    }
    if (f instanceof Not n && n.child() instanceof EqualTo e && e.value() instanceof Boolean b) {
      // NOT (c = true) keeps the rows where c is false: NULL fails both, as in a WHERE.
      EventColumn c = column(e.attribute());
      return c == null ? null : in(c, new Object[] {!b}, spec);
    }
    return null;
  }

  /** The column a disjunction of equalities and INs tests, with its values in {@code into}; null if not one. */
  private static String pointsOf(Filter f, List<Object> into) {
    if (f instanceof EqualTo e) {
      into.add(e.value());
      return e.attribute();
    }
    if (f instanceof In in) {
      into.addAll(java.util.Arrays.asList(in.values()));
      return in.attribute();
    }
    if (f instanceof Or o) {
      String left = pointsOf(o.left(), into);
      String right = pointsOf(o.right(), into);
      return left != null && left.equals(right) ? left : null;
    }
    return null;
  }

  /**
   * Splits Spark's filters into those the spec takes and the rest, and returns the
   * spec. IS NOT NULL goes last, so that it is seen beside the comparison that makes it
   * redundant.
   */
  static ScanSpec push(Filter[] filters, List<Filter> pushed, List<Filter> rest) {
    ScanSpec spec = ScanSpec.ALL;
    List<Filter> ordered = new ArrayList<>();
    for (Filter f : filters) {
      if (!(f instanceof IsNotNull)) {
        ordered.add(f);
      }
    }
    for (Filter f : filters) {
      if (f instanceof IsNotNull) {
        ordered.add(f);
      }
    }
    for (Filter f : ordered) {
      ScanSpec next = apply(f, spec);
      if (next == null) {
        rest.add(f);
      } else {
        pushed.add(f);
        spec = next;
      }
    }
    return spec;
  }

  private static boolean rejectsNull(ScanSpec spec, EventColumn c) {
    switch (c) {
      case PROC_PID:
        if (spec.pids != null) {
          return true;
        }
        break;
      case FD_NUM:
        if (spec.fds != null) {
          return true;
        }
        break;
      default:
        break;
    }
    for (ColumnTest t : spec.tests) {
      if (t.column == c.ordinal() && t.kind != ColumnTest.Kind.NULL) {
        return true;
      }
    }
    return false;
  }

  static EventColumn column(String attribute) {
    for (EventColumn c : EventColumn.values()) {
      if (c.columnName.equals(attribute)) {
        return c;
      }
    }
    return null;
  }

  /** {@code c IN (values)}; one value is an equality. A NULL in the list matches nothing, as in SQL. */
  private static ScanSpec in(EventColumn c, Object[] values, ScanSpec spec) {
    List<Object> vs = new ArrayList<>();
    for (Object v : values) {
      if (v != null) {
        vs.add(v);
      }
    }
    if (vs.isEmpty()) {
      return null;
    }
    switch (c) {
      case EVT_TYPE: case EVT_CATEGORY: case CAPTURE: {
        Set<String> s = strings(vs);
        if (s == null) {
          return null;
        }
        return c == EventColumn.EVT_TYPE ? spec.withTypes(s)
            : c == EventColumn.EVT_CATEGORY ? spec.withCategories(s) : spec.withCaptures(s);
      }
      case EVT_DIR: {
        Set<String> s = strings(vs);
        if (s == null || s.size() != 1) {
          return null;
        }
        String d = s.iterator().next();
        return d.equals(">") || d.equals("<") ? spec.withDir(d.charAt(0)) : spec.asEmpty();
      }
      case THREAD_TID: case PROC_PID: case FD_NUM: {
        Set<Long> s = longs(vs);
        if (s == null) {
          return null;
        }
        return c == EventColumn.THREAD_TID ? spec.withTids(s)
            : c == EventColumn.PROC_PID ? spec.withPids(s) : spec.withFds(s);
      }
      case EVT_FAILED:
        if (vs.size() != 1 || !(vs.get(0) instanceof Boolean b)) {
          return null;
        }
        return spec.withFailed(b);
      case EVT_RAWTIME: case EVT_NUM: case EVT_TIME: {
        if (vs.size() != 1) {
          return null;
        }
        ScanSpec from = range(c, Cmp.GE, vs.get(0), spec);
        return from == null ? null : range(c, Cmp.LE, vs.get(0), from);
      }
      default:
        return test(c, vs, spec);
    }
  }

  /** Equality and IN on another column: one of the adapter's value tests. */
  private static ScanSpec test(EventColumn c, List<Object> vs, ScanSpec spec) {
    switch (c.type) {
      case VARCHAR: {
        Set<String> s = strings(vs);
        return s == null ? null : spec.withTest(ColumnTest.strings(c.ordinal(), s));
      }
      case BOOLEAN: {
        if (vs.size() != 1 || !(vs.get(0) instanceof Boolean b)) {
          return null;
        }
        return spec.withTest(ColumnTest.of(c.ordinal(), b ? ColumnTest.Kind.TRUE : ColumnTest.Kind.FALSE));
      }
      case BIGINT: case INTEGER: {
        Set<Long> s = longs(vs);
        if (s == null) {
          return null;
        }
        long[] points = s.stream().mapToLong(Long::longValue).toArray();
        return spec.withTest(ColumnTest.ranges(c.ordinal(), points, points));
      }
      default:
        return null;
    }
  }

  private static Set<String> strings(List<Object> vs) {
    Set<String> s = new TreeSet<>();
    for (Object v : vs) {
      if (!(v instanceof String str)) {
        return null;
      }
      s.add(str);
    }
    return s;
  }

  private static Set<Long> longs(List<Object> vs) {
    Set<Long> s = new TreeSet<>();
    for (Object v : vs) {
      Long l = whole(v);
      if (l == null) {
        return null;
      }
      s.add(l);
    }
    return s;
  }

  /** A whole number of Spark's integral types (other numbers compare in decimal or floating point). */
  private static Long whole(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    return null;
  }

  /** {@code c cmp v} on a range column of the spec, or as a value test on another whole-number column. */
  private static ScanSpec range(EventColumn c, Cmp cmp, Object v, ScanSpec spec) {
    if (c == null || v == null) {
      return null;
    }
    if (c == EventColumn.EVT_TIME) {
      BigDecimal millis = millis(v);
      return millis == null ? null : timeBound(cmp, millis, spec);
    }
    Long x = whole(v);
    if (x == null || (c.type != SqlTypeName.BIGINT && c.type != SqlTypeName.INTEGER)) {
      return null;
    }
    // As closed whole-number bounds: c > x is c >= x + 1, c < x is c <= x - 1 (an empty range when x is an end).
    long lo = Long.MIN_VALUE;
    long hi = Long.MAX_VALUE;
    switch (cmp) {
      case GT:
        if (x == Long.MAX_VALUE) {
          return spec.asEmpty();
        }
        lo = x + 1;
        break;
      case GE:
        lo = x;
        break;
      case LT:
        if (x == Long.MIN_VALUE) {
          return spec.asEmpty();
        }
        hi = x - 1;
        break;
      default:
        hi = x;
    }
    if (c == EventColumn.EVT_RAWTIME || c == EventColumn.EVT_NUM) {
      // The spec's ranges are half-open.
      long to = hi == Long.MAX_VALUE ? Long.MAX_VALUE : hi + 1;
      return c == EventColumn.EVT_NUM ? spec.withNum(lo, to) : spec.withTime(lo, to);
    }
    return spec.withTest(ColumnTest.ranges(c.ordinal(), new long[] {lo}, new long[] {hi}));
  }

  /**
   * evt_time holds the event time truncated to the millisecond: its bounds map onto
   * evt_rawtime exactly, as the adapter maps them (a bound between two milliseconds
   * rounds to the side that keeps the same events).
   */
  private static ScanSpec timeBound(Cmp cmp, BigDecimal v, ScanSpec spec) {
    BigDecimal nanosPerMilli = BigDecimal.valueOf(1_000_000L);
    BigDecimal from = null;
    BigDecimal to = null;
    switch (cmp) {
      case GE: from = v.setScale(0, RoundingMode.CEILING); break;
      case GT: from = v.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE); break;
      case LT: to = v.setScale(0, RoundingMode.CEILING); break;
      default: to = v.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE);
    }
    return spec.withTime(WindowBounds.clamp(from == null ? null : from.multiply(nanosPerMilli), Long.MIN_VALUE),
        WindowBounds.clamp(to == null ? null : to.multiply(nanosPerMilli), Long.MAX_VALUE));
  }

  /** A Spark timestamp literal as milliseconds since the epoch, with its sub-millisecond part as a fraction. */
  private static BigDecimal millis(Object v) {
    Instant i;
    if (v instanceof Timestamp t) {
      i = t.toInstant();
    } else if (v instanceof Instant in) {
      i = in;
    } else {
      return null;
    }
    return BigDecimal.valueOf(i.getEpochSecond()).multiply(BigDecimal.valueOf(1000))
        .add(BigDecimal.valueOf(i.getNano()).movePointLeft(6));
  }
}
