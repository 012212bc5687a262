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
