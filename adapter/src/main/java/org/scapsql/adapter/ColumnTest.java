package org.scapsql.adapter;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pushed test of one {@code events} column's value against constants, for the
 * columns that have no test of their own in {@link ScanSpec} (such as
 * {@code evt_is_io}, {@code fd_type = 'file'}, {@code evt_buflen > 0},
 * {@code fd_name IS NOT NULL}): the scan builds that column for each event and keeps
 * the event only when the test passes, so the rows never reach Calcite (and a GROUP BY
 * above can still be pushed). A NULL value fails every test but {@code IS NULL}, as it
 * fails a WHERE.
 */
public final class ColumnTest {
  /** What the test asks of the value. */
  public enum Kind { TRUE, FALSE, NULL, NOT_NULL, IN_STRINGS, IN_RANGES }

  public final int column;
  public final Kind kind;
  /** For {@link Kind#IN_STRINGS}: the accepted values. */
  public final Set<String> strings;
  /** For {@link Kind#IN_RANGES}: closed ranges, {@code lows[i] <= value <= highs[i]}. */
  private final long[] lows;
  private final long[] highs;

  private ColumnTest(int column, Kind kind, Set<String> strings, long[] lows, long[] highs) {
    if (column < 0 || column >= EventColumn.count()) {
      throw new IllegalArgumentException("no events column " + column);
    }
    this.column = column;
    this.kind = kind;
    this.strings = strings == null ? null : Collections.unmodifiableSet(new TreeSet<>(strings));
    this.lows = lows == null ? null : lows.clone();
    this.highs = highs == null ? null : highs.clone();
  }

  public static ColumnTest of(int column, Kind kind) {
    if (kind == Kind.IN_STRINGS || kind == Kind.IN_RANGES) {
      throw new IllegalArgumentException(kind + " needs its values");
    }
    return new ColumnTest(column, kind, null, null, null);
  }

  public static ColumnTest strings(int column, Set<String> values) {
    return new ColumnTest(column, Kind.IN_STRINGS, values, null, null);
  }

  /** Closed ranges {@code [lows[i], highs[i]]}. */
  public static ColumnTest ranges(int column, long[] lows, long[] highs) {
    if (lows.length != highs.length) {
      throw new IllegalArgumentException("every range needs both ends");
    }
    return new ColumnTest(column, Kind.IN_RANGES, null, lows, highs);
  }

  /** Whether a row whose column holds {@code v} passes. */
  public boolean test(Object v) {
    switch (kind) {
      case NULL: return v == null;
      case NOT_NULL: return v != null;
      case TRUE: return Boolean.TRUE.equals(v);
      case FALSE: return Boolean.FALSE.equals(v);
      case IN_STRINGS: return v instanceof String s && strings.contains(s);
      default: {
        if (!(v instanceof Number)) {
          return false;
        }
        long x = ((Number) v).longValue();
        for (int i = 0; i < lows.length; i++) {
          if (x >= lows[i] && x <= highs[i]) {
            return true;
          }
        }
        return false;
      }
    }
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(column);
    out.writeByte(kind.ordinal());
    if (kind == Kind.IN_STRINGS) {
      out.writeInt(strings.size());
      for (String s : strings) {
        out.writeUTF(s);
      }
    } else if (kind == Kind.IN_RANGES) {
      out.writeInt(lows.length);
      for (int i = 0; i < lows.length; i++) {
        out.writeLong(lows[i]);
        out.writeLong(highs[i]);
      }
    }
  }

  static ColumnTest read(DataInputStream in) throws IOException {
    int column = in.readInt();
    Kind kind = Kind.values()[in.readByte()];
    if (kind == Kind.IN_STRINGS) {
      int n = in.readInt();
      Set<String> s = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        s.add(in.readUTF());
      }
      return strings(column, s);
    }
    if (kind == Kind.IN_RANGES) {
      int n = in.readInt();
      long[] lo = new long[n];
      long[] hi = new long[n];
      for (int i = 0; i < n; i++) {
        lo[i] = in.readLong();
        hi[i] = in.readLong();
      }
      return ranges(column, lo, hi);
    }
    return of(column, kind);
  }

  @Override
  public String toString() {
    String name = EventColumn.of(column).columnName;
    switch (kind) {
      case TRUE: return name;
      case FALSE: return "NOT " + name;
      case NULL: return name + " IS NULL";
      case NOT_NULL: return name + " IS NOT NULL";
      case IN_STRINGS: return name + " in " + strings;
      default: {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < lows.length; i++) {
          r.add(lows[i] == highs[i] ? Long.toString(lows[i])
              : "[" + (lows[i] == Long.MIN_VALUE ? "-inf" : lows[i]) + ", "
                  + (highs[i] == Long.MAX_VALUE ? "+inf" : highs[i]) + "]");
        }
        return name + " in " + r;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnTest t && t.column == column && t.kind == kind
        && java.util.Objects.equals(t.strings, strings) && Arrays.equals(t.lows, lows)
        && Arrays.equals(t.highs, highs);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(column, kind, strings, Arrays.hashCode(lows));
  }
}
