package org.scapsql.adapter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GROUP BY pushed into the events scan ({@link ScanSpec#withAggregate}): the scan
 * hands it each matching event's row of keys and arguments, and it keeps one set of
 * accumulators per group, so Calcite receives one row per group instead of one per
 * event. Follows SQL's rules: COUNT(column), SUM, MIN and MAX skip NULLs; SUM, MIN and
 * MAX of no value are NULL; with no keys there is one row even when no event matched.
 */
public final class Aggregation {
  private final int keys;
  private final int[] kinds;
  private final int[] args;
  /** Whether each aggregate's result is an INTEGER (its argument's type) rather than a BIGINT. */
  private final boolean[] intResult;
  /** Groups in the order first met; the key is the bare value for one key column, else a list. */
  private final Map<Object, long[]> groups = new LinkedHashMap<>();
  private final Map<Object, Object[]> keyRows = new LinkedHashMap<>();

  Aggregation(ScanSpec spec) {
    if (!spec.isAggregated()) {
      throw new IllegalArgumentException("the scan spec holds no aggregation: " + spec);
    }
    this.keys = spec.groupCount;
    this.kinds = spec.aggKinds;
    this.args = spec.aggArgs;
    this.intResult = new boolean[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      intResult[i] = kinds[i] != ScanSpec.AGG_COUNT && args[i] >= 0
          && EventColumn.of(spec.columns[args[i]]).type == org.apache.calcite.sql.type.SqlTypeName.INTEGER;
    }
  }

  /**
   * Adds one event's row (keys first, then arguments). Accumulators per group: for each
   * aggregate a value and a count of values seen (to tell an empty SUM from a zero one).
   */
  public void add(Object[] row) {
    long[] acc = accumulators(row);
    for (int i = 0; i < kinds.length; i++) {
      int a = args[i];
      if (a < 0) {
        acc[2 * i]++;
        continue;
      }
      Object v = row[a];
      if (v != null) {
        accumulate(kinds[i], acc, 2 * i, v instanceof Number n ? n.longValue() : 0);
      }
    }
  }

  private long[] accumulators(Object[] row) {
    Object key = keys == 1 ? row[0] : keys == 0 ? List.of() : Arrays.asList(Arrays.copyOf(row, keys));
    long[] acc = groups.get(key);
    if (acc == null) {
      acc = fresh();
      groups.put(key, acc);
      keyRows.put(key, Arrays.copyOf(row, keys));
    }
    return acc;
  }

  /**
   * Adds one non-NULL value to the accumulator pair at {@code at} (value, values seen)
   * of an aggregate of {@code kind}. Shared with scans that accumulate partial groups
   * themselves ({@link #addPartial}).
   */
  public static void accumulate(int kind, long[] acc, int at, long x) {
    long seen = acc[at + 1]++;
    switch (kind) {
      case ScanSpec.AGG_COUNT -> acc[at]++;
      case ScanSpec.AGG_SUM, ScanSpec.AGG_SUM0 -> acc[at] += x;
      case ScanSpec.AGG_MIN -> acc[at] = seen == 0 ? x : Math.min(acc[at], x);
      case ScanSpec.AGG_MAX -> acc[at] = seen == 0 ? x : Math.max(acc[at], x);
      default -> throw new IllegalStateException("unknown aggregate " + kind);
    }
  }

  /** Adds this aggregation's open groups to {@code other} (same spec), as partial groups. */
  void mergeInto(Aggregation other) {
    for (Map.Entry<Object, long[]> g : groups.entrySet()) {
      other.addPartial(keyRows.get(g.getKey()), g.getValue(), 0);
    }
    groups.clear();
    keyRows.clear();
  }

  /** The kinds of the aggregates, in order. */
  public int[] kinds() {
    return kinds.clone();
  }

  /**
   * Merges a group accumulated elsewhere: {@code keyRow} holds its keys, {@code acc} from
   * {@code at} on one accumulator pair per aggregate, as {@link #accumulate} fills them.
   */
  public void addPartial(Object[] keyRow, long[] acc, int at) {
    long[] mine = accumulators(keyRow);
    for (int i = 0; i < kinds.length; i++) {
      long v = acc[at + 2 * i];
      long seen = acc[at + 2 * i + 1];
      int k = 2 * i;
      switch (kinds[i]) {
        case ScanSpec.AGG_COUNT, ScanSpec.AGG_SUM, ScanSpec.AGG_SUM0 -> mine[k] += v;
        case ScanSpec.AGG_MIN -> mine[k] = seen == 0 ? mine[k] : mine[k + 1] == 0 ? v : Math.min(mine[k], v);
        case ScanSpec.AGG_MAX -> mine[k] = seen == 0 ? mine[k] : mine[k + 1] == 0 ? v : Math.max(mine[k], v);
        default -> throw new IllegalStateException("unknown aggregate " + kinds[i]);
      }
      mine[k + 1] += seen;
    }
  }

  long[] fresh() {
    return new long[2 * kinds.length];
  }

  /** One row per group: the keys, then each aggregate's value. */
  List<Object[]> rows() {
    if (keys == 0 && groups.isEmpty()) {
      groups.put(List.of(), fresh());
      keyRows.put(List.of(), new Object[0]);
    }
    List<Object[]> out = new ArrayList<>(groups.size());
    for (Map.Entry<Object, long[]> g : groups.entrySet()) {
      Object[] r = Arrays.copyOf(keyRows.get(g.getKey()), keys + kinds.length);
      long[] acc = g.getValue();
      for (int i = 0; i < kinds.length; i++) {
        r[keys + i] = value(i, acc[2 * i], acc[2 * i + 1]);
      }
      out.add(r);
    }
    groups.clear();
    keyRows.clear();
    return out;
  }

  private Object value(int i, long v, long seen) {
    switch (kinds[i]) {
      case ScanSpec.AGG_COUNT:
        return v;
      case ScanSpec.AGG_SUM0:
        return intResult[i] ? (Object) (int) v : (Object) v;
      default:
        if (seen == 0) {
          return null;
        }
        return intResult[i] ? (Object) (int) v : (Object) v;
    }
  }
}
