package org.scapsql.adapter.cache;

import java.nio.ByteBuffer;

/**
 * How one column of one chunk is stored: frame of reference with the narrowest byte
 * width that holds the chunk's range (0, 1, 2, 4 or 8 bytes a value), either of the
 * values or of their differences from the previous value (whichever is narrower:
 * event numbers and times grow steadily, codes do not), or as variable-length
 * zigzag numbers when a few outliers (a memory address among byte counts, a jump back
 * in time) would widen every value, or, when most values are 0 (a thread's counters
 * as differences from its previous event), as a bit per row saying which are not and
 * those as variable-length numbers; with a bitmap of NULLs only when the chunk has
 * one. Byte widths rather than bit packing keep decoding a plain loop; a column whose
 * values are all equal costs nothing per event.
 *
 * <p>Layout: flags (bit 0: NULL bitmap follows; bit 1: differences; bit 2: variable
 * length; bit 3: sparse), width, then for fixed widths the base and the start
 * (differences only), the bitmap, and the packed values, little-endian; for variable
 * length the bitmap and the values (or differences) of the non-NULL rows; for sparse
 * the NULL bitmap, the bitmap of the rows that are not 0, and their values.
 */
final class Packing {
  private static final int HAS_NULLS = 1;
  private static final int DELTA = 2;
  /** Zigzag variable-length values: a few outliers (an address, a jump in time) cost only themselves. */
  private static final int VARINT = 4;
  /** Mostly zeros: a bit per row, then the other values as zigzag variable-length numbers. */
  private static final int SPARSE = 8;

  private Packing() {}

  /** Bytes {@link #encode} needs at most for {@code n} values. */
  static int maxBytes(int n) {
    return 2 + 16 + (n + 7) / 8 + 10 * n;
  }

  /** Writes {@code n} values ({@code nulls} may be null: none is NULL) at the buffer's position. */
  static void encode(long[] v, boolean[] nulls, int n, ByteBuffer out) {
    boolean anyNull = false;
    if (nulls != null) {
      for (int i = 0; i < n && !anyNull; i++) {
        anyNull = nulls[i];
      }
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long dmin = Long.MAX_VALUE;
    long dmax = Long.MIN_VALUE;
    long prev = 0;
    boolean first = true;
    long start = 0;
    for (int i = 0; i < n; i++) {
      if (anyNull && nulls[i]) {
        continue;
      }
      long x = v[i];
      min = Math.min(min, x);
      max = Math.max(max, x);
      if (first) {
        start = x;
        first = false;
      } else {
        long d = x - prev;
        dmin = Math.min(dmin, d);
        dmax = Math.max(dmax, d);
      }
      prev = x;
    }
    if (first) {
      min = max = 0;
    }
    if (dmin > dmax) {
      dmin = dmax = 0;
    }
    int plainWidth = width(min, max);
    int deltaWidth = width(dmin, dmax);
    // Differences overflow when the range is over half of 64 bits; plain then.
    boolean delta = deltaWidth < plainWidth && !overflows(dmin, dmax);
    int w = delta ? deltaWidth : plainWidth;
    long fixedBytes = (long) w * n;
    long plainVar = Long.MAX_VALUE;
    long deltaVar = Long.MAX_VALUE;
    long last = 0;
    if (w > 1) {
      plainVar = 0;
      deltaVar = 0;
    }
    for (int i = 0; i < n && w > 1; i++) {
      if (anyNull && nulls[i]) {
        continue;
      }
      plainVar += varLength(zigzag(v[i]));
      deltaVar += varLength(zigzag(v[i] - last));
      last = v[i];
    }
    long sparse = (n + 7) / 8;
    for (int i = 0; i < n && sparse < fixedBytes; i++) {
      if (v[i] != 0 && !(anyNull && nulls[i])) {
        sparse += varLength(zigzag(v[i]));
      }
    }
    if (sparse < fixedBytes && sparse < Math.min(plainVar, deltaVar)) {
      out.put((byte) ((anyNull ? HAS_NULLS : 0) | SPARSE));
      out.put((byte) 0);
      putNulls(out, nulls, n, anyNull);
      boolean[] set = new boolean[n];
      for (int i = 0; i < n; i++) {
        set[i] = v[i] != 0 && !(anyNull && nulls[i]);
      }
      putNulls(out, set, n, true);
      for (int i = 0; i < n; i++) {
        if (set[i]) {
          putVar(out, zigzag(v[i]));
        }
      }
      return;
    }
    if (Math.min(plainVar, deltaVar) < fixedBytes * 3 / 4) {
      boolean vdelta = deltaVar < plainVar;
      out.put((byte) ((anyNull ? HAS_NULLS : 0) | (vdelta ? DELTA : 0) | VARINT));
      out.put((byte) 0);
      putNulls(out, nulls, n, anyNull);
      last = 0;
      for (int i = 0; i < n; i++) {
        if (anyNull && nulls[i]) {
          continue;
        }
        putVar(out, zigzag(vdelta ? v[i] - last : v[i]));
        last = v[i];
      }
      return;
    }
    out.put((byte) ((anyNull ? HAS_NULLS : 0) | (delta ? DELTA : 0)));
    out.put((byte) w);
    out.putLong(delta ? dmin : min);
    if (delta) {
      out.putLong(start);
    }
    putNulls(out, nulls, n, anyNull);
    long base = delta ? dmin : min;
    boolean seen = false;
    prev = start;
    for (int i = 0; i < n; i++) {
      long x;
      if (anyNull && nulls[i]) {
        x = base;
      } else if (delta) {
        // The first value is the start itself; the others are differences.
        x = seen ? v[i] - prev : base;
        seen = true;
        prev = v[i];
      } else {
        x = v[i];
      }
      put(out, x - base, w);
    }
  }

  private static void putNulls(ByteBuffer out, boolean[] nulls, int n, boolean anyNull) {
    if (!anyNull) {
      return;
    }
    for (int i = 0; i < n; i += 8) {
      int b = 0;
      for (int j = 0; j < 8 && i + j < n; j++) {
        if (nulls[i + j]) {
          b |= 1 << j;
        }
      }
      out.put((byte) b);
    }
  }

  private static long zigzag(long x) {
    return (x << 1) ^ (x >> 63);
  }

  private static int varLength(long z) {
    return z == 0 ? 1 : (63 - Long.numberOfLeadingZeros(z)) / 7 + 1;
  }

  private static void putVar(ByteBuffer out, long z) {
    while ((z & ~0x7FL) != 0) {
      out.put((byte) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    out.put((byte) z);
  }

  private static long getVar(ByteBuffer in) {
    long z = 0;
    int shift = 0;
    while (true) {
      byte b = in.get();
      z |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return z;
      }
      shift += 7;
      if (shift > 63) {
        throw new IllegalStateException("bad variable-length number");
      }
    }
  }

  private static void readNulls(ByteBuffer in, int n, boolean[] nulls, boolean anyNull) {
    if (nulls != null) {
      if (anyNull) {
        for (int i = 0; i < n; i += 8) {
          int b = in.get();
          for (int j = 0; j < 8 && i + j < n; j++) {
            nulls[i + j] = (b & (1 << j)) != 0;
          }
        }
      } else {
        java.util.Arrays.fill(nulls, 0, n, false);
      }
    } else if (anyNull) {
      throw new IllegalStateException("NULLs in a column that has none");
    }
  }

  /**
   * Reads {@code n} values written by {@link #encode} at the buffer's position into
   * {@code v}, and their NULL flags into {@code nulls} (null: the caller knows the
   * column has none; a chunk that has some then fails).
   */
  static void decode(ByteBuffer in, int n, long[] v, boolean[] nulls) {
    int flags = in.get();
    int w = in.get();
    if ((flags & ~(HAS_NULLS | DELTA | VARINT | SPARSE)) != 0 || (w != 0 && w != 1 && w != 2 && w != 4 && w != 8)) {
      throw new IllegalStateException("bad column encoding " + flags + "/" + w);
    }
    if ((flags & SPARSE) != 0) {
      boolean anyNull = (flags & HAS_NULLS) != 0;
      readNulls(in, n, nulls, anyNull);
      int bits = in.position();
      in.position(bits + (n + 7) / 8);
      for (int i = 0; i < n; i += 8) {
        int b = in.get(bits + i / 8) & 0xFF;
        for (int j = 0; j < 8 && i + j < n; j++) {
          if ((b & (1 << j)) == 0) {
            v[i + j] = 0;
          } else {
            long z = getVar(in);
            v[i + j] = (z >>> 1) ^ -(z & 1);
          }
        }
      }
      return;
    }
    if ((flags & VARINT) != 0) {
      boolean anyNull = (flags & HAS_NULLS) != 0;
      boolean delta = (flags & DELTA) != 0;
      readNulls(in, n, nulls, anyNull);
      long last = 0;
      for (int i = 0; i < n; i++) {
        if (anyNull && nulls[i]) {
          continue;
        }
        long z = getVar(in);
        long x = (z >>> 1) ^ -(z & 1);
        last = delta ? last + x : x;
        v[i] = last;
      }
      return;
    }
    long base = in.getLong();
    boolean delta = (flags & DELTA) != 0;
    long prev = delta ? in.getLong() : 0;
    boolean anyNull = (flags & HAS_NULLS) != 0;
    readNulls(in, n, nulls, anyNull);
    switch (w) {
      case 0 -> {
        for (int i = 0; i < n; i++) {
          v[i] = base;
        }
      }
      case 1 -> {
        for (int i = 0; i < n; i++) {
          v[i] = base + (in.get() & 0xFFL);
        }
      }
      case 2 -> {
        for (int i = 0; i < n; i++) {
          v[i] = base + (in.getShort() & 0xFFFFL);
        }
      }
      case 4 -> {
        for (int i = 0; i < n; i++) {
          v[i] = base + (in.getInt() & 0xFFFFFFFFL);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          v[i] = base + in.getLong();
        }
      }
    }
    if (delta) {
      boolean seen = false;
      for (int i = 0; i < n; i++) {
        if (anyNull && nulls[i]) {
          continue;
        }
        if (seen) {
          prev += v[i];
        }
        seen = true;
        v[i] = prev;
      }
    }
  }

  private static boolean overflows(long lo, long hi) {
    return hi - lo < 0;
  }

  /** Bytes a value needs to hold {@code hi - lo} (unsigned). */
  static int width(long lo, long hi) {
    long range = hi - lo;
    if (range == 0) {
      return 0;
    }
    if (overflows(lo, hi)) {
      return 8;
    }
    if (range < (1L << 8)) {
      return 1;
    }
    if (range < (1L << 16)) {
      return 2;
    }
    if (range < (1L << 32)) {
      return 4;
    }
    return 8;
  }

  private static void put(ByteBuffer out, long x, int w) {
    switch (w) {
      case 0 -> { }
      case 1 -> out.put((byte) x);
      case 2 -> out.putShort((short) x);
      case 4 -> out.putInt((int) x);
      default -> out.putLong(x);
    }
  }
}
