package org.scapsql.adapter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.sql.SqlKind;

/**
 * A window on the events' time (or number) whose bounds are not literals but values of
 * other rows: a scalar subquery, the single-row side of a join. At execution the bound
 * rows are read first (a cheap scan of their own); their values then become a pushed
 * range of the events scan, so the reader and the column cache skip what lies outside,
 * instead of Calcite comparing every event with every bound row.
 *
 * <p>Each bound row gives one window, the intersection of its bounds. The result is
 * that of the join it replaces: every event inside a row's window, followed by that
 * row's output columns, once per row whose window holds it. A NULL bound makes its
 * row's window empty, as the comparison it stands for is never true.
 */
public final class WindowBounds {
  /** The events column the window is on: evt_rawtime, evt_time or evt_num. */
  public final EventColumn column;
  /** Per bound: the comparison ({@code >=, >, <=, <, =}) of the column with the bound value. */
  public final SqlKind[] kinds;
  /** Per bound: the index of its value in a bound row. */
  public final int[] valueColumns;
  /** The bound row's columns that follow the event's in each output row. */
  public final int[] outputColumns;

  public WindowBounds(EventColumn column, SqlKind[] kinds, int[] valueColumns, int[] outputColumns) {
    if (kinds.length != valueColumns.length || kinds.length == 0) {
      throw new IllegalArgumentException("a window needs at least one bound, each with its value");
    }
    if (column != EventColumn.EVT_RAWTIME && column != EventColumn.EVT_TIME && column != EventColumn.EVT_NUM) {
      throw new IllegalArgumentException("a window is on evt_rawtime, evt_time or evt_num, not " + column);
    }
    for (SqlKind k : kinds) {
      if (toSpec(column, k, BigDecimal.ZERO) == null) {
        throw new IllegalArgumentException("not a window bound: " + k);
      }
    }
    this.column = column;
    this.kinds = kinds.clone();
    this.valueColumns = valueColumns.clone();
    this.outputColumns = outputColumns.clone();
  }

  /** The same window with more bounds, on values further along a wider bound row. */
  public WindowBounds plus(SqlKind[] moreKinds, int[] moreValues, int[] moreOutputs) {
    SqlKind[] k = Arrays.copyOf(kinds, kinds.length + moreKinds.length);
    System.arraycopy(moreKinds, 0, k, kinds.length, moreKinds.length);
    int[] v = Arrays.copyOf(valueColumns, valueColumns.length + moreValues.length);
    System.arraycopy(moreValues, 0, v, valueColumns.length, moreValues.length);
    int[] o = Arrays.copyOf(outputColumns, outputColumns.length + moreOutputs.length);
    System.arraycopy(moreOutputs, 0, o, outputColumns.length, moreOutputs.length);
    return new WindowBounds(column, k, v, o);
  }

  /**
   * The half-open range {@code [from, to)} on evt_rawtime nanoseconds (on the number for
   * evt_num) where {@code column kind value} holds, or null for a comparison that is not
   * a bound. evt_time is the time truncated to the millisecond, so its bounds, in
   * milliseconds, map onto whole milliseconds of nanoseconds; fractions round the way
   * the comparison with a whole column value does.
   */
  public static long[] toSpec(EventColumn column, SqlKind kind, BigDecimal value) {
    BigDecimal scale = column == EventColumn.EVT_TIME ? BigDecimal.valueOf(1_000_000L) : BigDecimal.ONE;
    BigDecimal from = null;
    BigDecimal to = null;
    switch (kind) {
      case GREATER_THAN_OR_EQUAL:
        from = value.setScale(0, RoundingMode.CEILING).multiply(scale);
        break;
      case GREATER_THAN:
        from = value.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE).multiply(scale);
        break;
      case LESS_THAN:
        to = value.setScale(0, RoundingMode.CEILING).multiply(scale);
        break;
      case LESS_THAN_OR_EQUAL:
        to = value.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE).multiply(scale);
        break;
      case EQUALS:
        if (value.stripTrailingZeros().scale() > 0) {
          // A whole column never equals a fraction.
          return new long[] {0, 0};
        }
        from = value.multiply(scale);
        to = value.add(BigDecimal.ONE).multiply(scale);
        break;
      default:
        return null;
    }
    return new long[] {clamp(from, Long.MIN_VALUE), clamp(to, Long.MAX_VALUE)};
  }

  /**
   * An exact bound as a long, or {@code dflt} when there is none; values past a long's
   * range become its ends, so an absurd literal gives an empty or a whole range, never an
   * overflow. Shared with the Spark data source's filter translation.
   */
  public static long clamp(BigDecimal v, long dflt) {
    if (v == null) {
      return dflt;
    }
    if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
      return Long.MAX_VALUE;
    }
    if (v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) {
      return Long.MIN_VALUE;
    }
    return v.longValueExact();
  }

  /** A bound value as Calcite hands it over: exact numbers, timestamps as epoch milliseconds. */
  private static BigDecimal number(Object v) {
    if (v instanceof BigDecimal) {
      return (BigDecimal) v;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof java.sql.Timestamp) {
      return BigDecimal.valueOf(((java.sql.Timestamp) v).getTime());
    }
    throw new IllegalStateException("a window bound must be an exact number or a timestamp, not "
        + v.getClass().getSimpleName());
  }

  /** One bound row's window, {@code [from, to)}, or null when it is empty. */
  long[] window(Object[] row) {
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    for (int i = 0; i < kinds.length; i++) {
      Object v = row[valueColumns[i]];
      if (v == null) {
        return null;
      }
      long[] r = toSpec(column, kinds[i], number(v));
      from = Math.max(from, r[0]);
      to = Math.min(to, r[1]);
    }
    return from < to ? new long[] {from, to} : null;
  }

  /**
   * The rows of the join this window replaces: the bound rows are read first, then the
   * events of the union of their windows in one pass.
   */
  public Enumerable<Object[]> rows(EventsTable table, DataContext root, ScanSpec spec, Enumerable<Object[]> bounds) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        List<Object[]> boundRows = bounds.toList();
        List<Window> windows = new ArrayList<>();
        for (Object[] r : boundRows) {
          long[] w = window(r);
          if (w != null) {
            Object[] out = new Object[outputColumns.length];
            for (int i = 0; i < out.length; i++) {
              out[i] = r[outputColumns[i]];
            }
            windows.add(new Window(w[0], w[1], out));
          }
        }
        if (windows.isEmpty()) {
          return Linq4j.emptyEnumerator();
        }
        if (windows.size() == 1) {
          // The pushed range is exact: every event the scan returns is inside the window.
          Window w = windows.get(0);
          return table.scan(root, restrict(spec, w.from, w.to)).select(e -> joined(e, e.length, w.out))
              .enumerator();
        }
        return several(table, root, spec, windows);
      }
    };
  }

  /** Several windows: one pass over the span they cover, each event tested against each window. */
  private Enumerator<Object[]> several(EventsTable table, DataContext root, ScanSpec spec, List<Window> windows) {
    windows.sort(Comparator.comparingLong(w -> w.from));
    long from = windows.get(0).from;
    long to = Long.MIN_VALUE;
    for (Window w : windows) {
      to = Math.max(to, w.to);
    }
    int width = spec.columns == null ? EventColumn.count() : spec.columns.length;
    // The key the windows test is the column itself for evt_num, the nanoseconds otherwise.
    int key = (column == EventColumn.EVT_NUM ? EventColumn.EVT_NUM : EventColumn.EVT_RAWTIME).ordinal();
    int at = -1;
    ScanSpec scan = restrict(spec, from, to);
    if (spec.columns == null) {
      at = key;
    } else {
      for (int i = 0; i < width; i++) {
        if (spec.columns[i] == key) {
          at = i;
        }
      }
      if (at < 0) {
        int[] cols = Arrays.copyOf(spec.columns, width + 1);
        cols[width] = key;
        scan = scan.withColumns(cols);
        at = width;
      }
    }
    int keyAt = at;
    Enumerator<Object[]> events = table.scan(root, scan).enumerator();
    return new Enumerator<>() {
      private Object[] event;
      private int next = windows.size();
      private Object[] current;

      @Override
      public Object[] current() {
        return current;
      }

      @Override
      public boolean moveNext() {
        while (true) {
          if (event != null) {
            long k = ((Number) event[keyAt]).longValue();
            for (; next < windows.size() && windows.get(next).from <= k; next++) {
              Window w = windows.get(next);
              if (k < w.to) {
                current = joined(event, width, w.out);
                next++;
                return true;
              }
            }
          }
          if (!events.moveNext()) {
            return false;
          }
          event = events.current();
          next = 0;
        }
      }

      @Override
      public void reset() {
        throw new UnsupportedOperationException("a window scan cannot be rewound");
      }

      @Override
      public void close() {
        events.close();
      }
    };
  }

  private ScanSpec restrict(ScanSpec spec, long from, long to) {
    return column == EventColumn.EVT_NUM ? spec.withNum(from, to) : spec.withTime(from, to);
  }

  private static Object[] joined(Object[] event, int width, Object[] out) {
    Object[] row = Arrays.copyOf(event, width + out.length);
    System.arraycopy(out, 0, row, width, out.length);
    return row;
  }

  /** One bound row's window and the columns it adds to each of its events. */
  private record Window(long from, long to, Object[] out) {}

  public String encode() {
    StringBuilder sb = new StringBuilder(column.name());
    for (int i = 0; i < kinds.length; i++) {
      sb.append(';').append(kinds[i].name()).append(':').append(valueColumns[i]);
    }
    sb.append('|');
    for (int i = 0; i < outputColumns.length; i++) {
      sb.append(i == 0 ? "" : ",").append(outputColumns[i]);
    }
    return sb.toString();
  }

  public static WindowBounds decode(String s) {
    String[] halves = s.split("\\|", -1);
    String[] parts = halves[0].split(";");
    SqlKind[] kinds = new SqlKind[parts.length - 1];
    int[] values = new int[parts.length - 1];
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split(":");
      kinds[i - 1] = SqlKind.valueOf(kv[0]);
      values[i - 1] = Integer.parseInt(kv[1]);
    }
    int[] outputs = halves[1].isEmpty() ? new int[0]
        : Arrays.stream(halves[1].split(",")).mapToInt(Integer::parseInt).toArray();
    return new WindowBounds(EventColumn.valueOf(parts[0]), kinds, values, outputs);
  }

  /** The bounds as EXPLAIN shows them, each with the name of its value in the bound row. */
  public String describe(List<String> boundNames) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < kinds.length; i++) {
      parts.add(column.columnName + " " + kinds[i].sql + " " + boundNames.get(valueColumns[i]));
    }
    return String.join(" and ", parts);
  }
}
