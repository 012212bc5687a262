package org.scapsql.adapter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The best {@code offset + fetch} rows of a scan under an ORDER BY, kept while the
 * scan reads: memory holds that many rows, never the whole capture. The scan offers
 * each matching event's sort key first and builds the full row only when the key
 * would enter, so the other events cost one key. Equal keys keep file order (a
 * stable sort), so the answer is the one a full sort followed by LIMIT gives.
 */
final class TopN {
  private final long offset;
  private final int capacity;
  private final Comparator<Object[]> keys;
  private final Comparator<Entry> order;
  /** Worst entry first, so it is the one dropped when a better one comes. */
  private final PriorityQueue<Entry> heap;
  private long sequence;

  private record Entry(Object[] key, long sequence, Object[] row) {}

  TopN(ScanSpec spec) {
    if (spec.sortColumns == null || spec.fetch < 0) {
      throw new IllegalArgumentException("a top-N needs sort keys and a fetch");
    }
    long wanted = spec.offset + spec.fetch;
    if (wanted > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a top-N of " + wanted + " rows is too large to keep");
    }
    this.offset = spec.offset;
    this.capacity = (int) wanted;
    this.keys = keyOrder(spec.sortDescending, spec.sortNullsFirst);
    this.order = Comparator.<Entry, Object[]>comparing(Entry::key, keys).thenComparingLong(Entry::sequence);
    this.heap = new PriorityQueue<>(Math.max(1, Math.min(capacity, 1024)), order.reversed());
  }

  /** Whether a row with this key would be kept; counts the row either way (for file order among ties). */
  boolean wants(Object[] key) {
    sequence++;
    if (capacity == 0) {
      return false;
    }
    // A later row with an equal key loses to the one already kept: strictly better only.
    return heap.size() < capacity || keys.compare(key, heap.peek().key()) < 0;
  }

  /** Keeps the row offered by the last {@link #wants} that returned true. */
  void add(Object[] key, Object[] row) {
    heap.add(new Entry(key, sequence, row));
    if (heap.size() > capacity) {
      heap.poll();
    }
  }

  /** The kept rows in order, past the offset. */
  List<Object[]> rows() {
    List<Entry> all = new ArrayList<>(heap);
    heap.clear();
    all.sort(order);
    List<Object[]> out = new ArrayList<>(Math.max(0, all.size() - (int) Math.min(offset, all.size())));
    for (int i = (int) Math.min(offset, all.size()); i < all.size(); i++) {
      out.add(all.get(i).row());
    }
    return out;
  }

  /**
   * Whether a top-N runs in two passes: when its sort keys and filters need no state
   * tracking but its rows do, and every capture can be read twice (files, not pipes).
   * The first pass then reads event headers only (several times faster than tracking
   * state) and keeps the best keys with their event numbers; the second builds just
   * those rows, stopping each capture after its last wanted event. For
   * {@code ORDER BY evt_rawtime DESC} every event is a new best, and building each
   * row in one pass would cost more than both passes.
   */
  static boolean twoPasses(List<java.nio.file.Path> captures, ScanSpec spec) {
    if (!spec.needsState() || keyScan(spec).needsState()) {
      return false;
    }
    for (java.nio.file.Path p : captures) {
      if (!java.nio.file.Files.isRegularFile(p)) {
        return false;
      }
    }
    return true;
  }

  /** The first pass: the sort keys, then evt_num and capture, of every matching event. */
  private static ScanSpec keyScan(ScanSpec spec) {
    int k = spec.sortColumns.length;
    int[] columns = java.util.Arrays.copyOf(spec.sortColumns, k + 2);
    columns[k] = EventColumn.EVT_NUM.ordinal();
    columns[k + 1] = EventColumn.CAPTURE.ordinal();
    return spec.withColumns(columns).withSort(null, null, null).withLimit(0, -1);
  }

  /** The top-N's rows, in order, by the two passes {@link #twoPasses} describes. */
  static List<Object[]> inTwoPasses(List<java.nio.file.Path> captures, ScanSpec spec, QueryControl control) {
    int k = spec.sortColumns.length;
    TopN top = new TopN(spec);
    try (EventScan first = new EventScan(captures, keyScan(spec), control)) {
      while (first.moveNext()) {
        Object[] r = first.current();
        Object[] key = java.util.Arrays.copyOf(r, k);
        if (top.wants(key)) {
          top.add(key, new Object[] {r[k + 1], r[k]});
        }
      }
    }
    List<Object[]> ids = top.rows();
    java.util.Map<String, java.util.TreeSet<Long>> byCapture = new java.util.HashMap<>();
    for (Object[] id : ids) {
      byCapture.computeIfAbsent((String) id[0], c -> new java.util.TreeSet<>()).add((Long) id[1]);
    }
    java.util.Map<String, long[]> wanted = new java.util.HashMap<>();
    byCapture.forEach((c, nums) -> wanted.put(c, nums.stream().mapToLong(Long::longValue).toArray()));
    // The second pass: the full rows of the wanted events, with their number and capture to place them.
    int width = spec.columns == null ? EventColumn.count() : spec.columns.length;
    int[] columns = new int[width + 2];
    for (int i = 0; i < width; i++) {
      columns[i] = spec.columns == null ? i : spec.columns[i];
    }
    columns[width] = EventColumn.EVT_NUM.ordinal();
    columns[width + 1] = EventColumn.CAPTURE.ordinal();
    ScanSpec rows = spec.withColumns(columns).withSort(null, null, null).withLimit(0, -1);
    java.util.Map<String, Object[]> built = new java.util.HashMap<>();
    if (!wanted.isEmpty()) {
      try (EventScan second = new EventScan(captures, rows, control, wanted)) {
        while (second.moveNext()) {
          Object[] r = second.current();
          built.put(r[width + 1] + "\n" + r[width], java.util.Arrays.copyOf(r, width));
        }
      }
    }
    List<Object[]> out = new ArrayList<>(ids.size());
    for (Object[] id : ids) {
      Object[] row = built.get(id[0] + "\n" + id[1]);
      if (row != null) {
        out.add(row);
      }
    }
    return out;
  }

  /** SQL order over key tuples: per key ascending or descending, NULLs first or last. */
  static Comparator<Object[]> keyOrder(boolean[] descending, boolean[] nullsFirst) {
    return (a, b) -> {
      for (int i = 0; i < descending.length; i++) {
        int c = compare(a[i], b[i], descending[i], nullsFirst[i]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object x, Object y, boolean descending, boolean nullsFirst) {
    if (x == null || y == null) {
      if (x == y) {
        return 0;
      }
      // NULLS FIRST/LAST hold whatever the direction.
      return (x == null) == nullsFirst ? -1 : 1;
    }
    int c = ((Comparable) x).compareTo(y);
    return descending ? -c : c;
  }
}
