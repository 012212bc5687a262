package org.scapsql.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A map from long keys to objects with open addressing, so the tracker's
 * per-event lookups (thread by tid, fd by number) neither box nor allocate.
 */
public final class LongMap<V> {
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private Object[] values;
  private int size;
  private int mask;

  public LongMap() {
    this(16);
  }

  public LongMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new long[cap];
    Arrays.fill(keys, EMPTY);
    values = new Object[cap];
    mask = cap - 1;
  }

  private static int hash(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  @SuppressWarnings("unchecked")
  public V get(long key) {
    if (key == EMPTY) {
      return null;
    }
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return (V) values[i];
      }
      if (k == EMPTY) {
        return null;
      }
      i = (i + 1) & mask;
    }
  }

  /** Puts and returns the previous value. The key Long.MIN_VALUE cannot be stored. */
  @SuppressWarnings("unchecked")
  public V put(long key, V value) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("key Long.MIN_VALUE is reserved");
    }
    if ((size + 1) * 4 > keys.length * 3) {
      grow();
    }
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        V old = (V) values[i];
        values[i] = value;
        return old;
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        size++;
        return null;
      }
      i = (i + 1) & mask;
    }
  }

  @SuppressWarnings("unchecked")
  public V remove(long key) {
    if (key == EMPTY) {
      return null;
    }
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == EMPTY) {
        return null;
      }
      if (k == key) {
        V old = (V) values[i];
        shiftBack(i);
        size--;
        return old;
      }
      i = (i + 1) & mask;
    }
  }

  /** Backward-shift deletion keeps probe chains intact without tombstones. */
  private void shiftBack(int hole) {
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      long k = keys[i];
      if (k == EMPTY) {
        break;
      }
      int home = hash(k) & mask;
      // Move k into the hole if its home is not in (hole, i].
      boolean between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
      if (!between) {
        keys[hole] = k;
        values[hole] = values[i];
        hole = i;
      }
    }
    keys[hole] = EMPTY;
    values[hole] = null;
  }

  private void grow() {
    long[] ok = keys;
    Object[] ov = values;
    keys = new long[ok.length * 2];
    Arrays.fill(keys, EMPTY);
    values = new Object[ok.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int j = 0; j < ok.length; j++) {
      if (ok[j] != EMPTY) {
        put(ok[j], (V) cast(ov[j]));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> V cast(Object o) {
    return (V) o;
  }

  public int size() {
    return size;
  }

  public void clear() {
    Arrays.fill(keys, EMPTY);
    Arrays.fill(values, null);
    size = 0;
  }

  @SuppressWarnings("unchecked")
  public void forEachValue(Consumer<V> action) {
    for (int j = 0; j < keys.length; j++) {
      if (keys[j] != EMPTY) {
        action.accept((V) values[j]);
      }
    }
  }

  /** A snapshot of the values (safe to modify the map while walking it). */
  @SuppressWarnings("unchecked")
  public List<V> values() {
    List<V> out = new ArrayList<>(size);
    for (int j = 0; j < keys.length; j++) {
      if (keys[j] != EMPTY) {
        out.add((V) values[j]);
      }
    }
    return out;
  }
}
