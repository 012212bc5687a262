package org.scapsql.adapter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the planner pushed into an {@code events} scan: the predicates the reader
 * tests itself, the columns to produce and a row limit. Every pushed predicate is
 * handled exactly; whatever the reader cannot test stays with Calcite. A spec
 * travels into generated code as a string ({@link #encode()}).
 */
public final class ScanSpec {
  /** Event type names (null: any). */
  public Set<String> types;
  /** '>' or '<' (0: any). */
  public char dir;
  /** Categories (null: any). */
  public Set<String> categories;
  /** evt_rawtime range, inclusive start, exclusive end. */
  public long timeFrom = Long.MIN_VALUE;
  public long timeTo = Long.MAX_VALUE;
  /** evt_num range, inclusive start, exclusive end. */
  public long numFrom = Long.MIN_VALUE;
  public long numTo = Long.MAX_VALUE;
  public Set<Long> tids;
  public Set<Long> pids;
  public Set<Long> fds;
  /** evt_failed must equal this (null: any). */
  public Boolean failed;
  /** Columns produced, in order (null: all). */
  public int[] columns;
  public long offset;
  /** Rows to produce at most (-1: no limit). */
  public long fetch = -1;
  /** A contradiction was pushed: the scan returns nothing without reading. */
  public boolean empty;
  /**
   * ORDER BY keys of a pushed top-N ({@link EventColumn} ordinals; null: file order).
   * With them, {@link #offset} and {@link #fetch} apply to the sorted rows and the scan
   * keeps only the best offset+fetch rows while it reads.
   */
  public int[] sortColumns;
  public boolean[] sortDescending;
  public boolean[] sortNullsFirst;
  /** Capture file names to read (null: all): the others are never opened. */
  public Set<String> captureNames;

  public ScanSpec copy() {
    return decode(encode());
  }

  public boolean needsState() {
    if (pids != null || fds != null || categories != null) {
      return true;
    }
    if (sortColumns != null) {
      for (int c : sortColumns) {
        if (EventColumn.of(c).state) {
          return true;
        }
      }
    }
    if (columns == null) {
      return true;
    }
    for (int c : columns) {
      if (EventColumn.of(c).state) {
        return true;
      }
    }
    return false;
  }

  public void restrictTypes(Collection<String> t) {
    types = intersect(types, t);
  }

  public void restrictCaptures(Collection<String> c) {
    captureNames = intersect(captureNames, c);
  }

  public void restrictCategories(Collection<String> c) {
    categories = intersect(categories, c);
  }

  public void restrictTids(Collection<Long> t) {
    tids = intersect(tids, t);
  }

  public void restrictPids(Collection<Long> p) {
    pids = intersect(pids, p);
  }

  public void restrictFds(Collection<Long> f) {
    fds = intersect(fds, f);
  }

  private static <T extends Comparable<T>> Set<T> intersect(Set<T> current, Collection<T> more) {
    Set<T> s = new TreeSet<>(more);
    if (current != null) {
      s.retainAll(current);
    }
    return s;
  }

  public void restrictDir(char d) {
    if (dir != 0 && dir != d) {
      empty = true;
    }
    dir = d;
  }

  public void restrictFailed(boolean f) {
    if (failed != null && failed != f) {
      empty = true;
    }
    failed = f;
  }

  public void restrictTime(long from, long to) {
    timeFrom = Math.max(timeFrom, from);
    timeTo = Math.min(timeTo, to);
  }

  public void restrictNum(long from, long to) {
    numFrom = Math.max(numFrom, from);
    numTo = Math.min(numTo, to);
  }

  public boolean isEmpty() {
    return empty || (types != null && types.isEmpty()) || (categories != null && categories.isEmpty())
        || (captureNames != null && captureNames.isEmpty()) || (tids != null && tids.isEmpty())
        || (pids != null && pids.isEmpty()) || (fds != null && fds.isEmpty())
        || timeFrom >= timeTo || numFrom >= numTo || fetch == 0;
  }

  public String encode() {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bos);
      writeStrings(out, types);
      out.writeChar(dir);
      writeStrings(out, categories);
      out.writeLong(timeFrom);
      out.writeLong(timeTo);
      out.writeLong(numFrom);
      out.writeLong(numTo);
      writeLongs(out, tids);
      writeLongs(out, pids);
      writeLongs(out, fds);
      out.writeByte(failed == null ? 0 : failed ? 1 : 2);
      out.writeInt(columns == null ? -1 : columns.length);
      if (columns != null) {
        for (int c : columns) {
          out.writeInt(c);
        }
      }
      out.writeLong(offset);
      out.writeLong(fetch);
      out.writeBoolean(empty);
      out.writeInt(sortColumns == null ? -1 : sortColumns.length);
      if (sortColumns != null) {
        for (int i = 0; i < sortColumns.length; i++) {
          out.writeInt(sortColumns[i]);
          out.writeBoolean(sortDescending[i]);
          out.writeBoolean(sortNullsFirst[i]);
        }
      }
      writeStrings(out, captureNames);
      out.flush();
      return Base64.getEncoder().encodeToString(bos.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ScanSpec decode(String s) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(s)));
      ScanSpec p = new ScanSpec();
      p.types = readStrings(in);
      p.dir = in.readChar();
      p.categories = readStrings(in);
      p.timeFrom = in.readLong();
      p.timeTo = in.readLong();
      p.numFrom = in.readLong();
      p.numTo = in.readLong();
      p.tids = readLongs(in);
      p.pids = readLongs(in);
      p.fds = readLongs(in);
      int f = in.readByte();
      p.failed = f == 0 ? null : f == 1;
      int n = in.readInt();
      if (n >= 0) {
        p.columns = new int[n];
        for (int i = 0; i < n; i++) {
          p.columns[i] = in.readInt();
        }
      }
      p.offset = in.readLong();
      p.fetch = in.readLong();
      p.empty = in.readBoolean();
      int keys = in.readInt();
      if (keys >= 0) {
        p.sortColumns = new int[keys];
        p.sortDescending = new boolean[keys];
        p.sortNullsFirst = new boolean[keys];
        for (int i = 0; i < keys; i++) {
          p.sortColumns[i] = in.readInt();
          p.sortDescending[i] = in.readBoolean();
          p.sortNullsFirst[i] = in.readBoolean();
        }
      }
      p.captureNames = readStrings(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeStrings(DataOutputStream out, Set<String> s) throws IOException {
    out.writeInt(s == null ? -1 : s.size());
    if (s != null) {
      for (String x : s) {
        out.writeUTF(x);
      }
    }
  }

  private static Set<String> readStrings(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    Set<String> s = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      s.add(in.readUTF());
    }
    return s;
  }

  private static void writeLongs(DataOutputStream out, Set<Long> s) throws IOException {
    out.writeInt(s == null ? -1 : s.size());
    if (s != null) {
      for (long x : s) {
        out.writeLong(x);
      }
    }
  }

  private static Set<Long> readLongs(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    Set<Long> s = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      s.add(in.readLong());
    }
    return s;
  }

  /** What was pushed, for EXPLAIN and messages. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (types != null) {
      parts.add("evt_type in " + types);
    }
    if (dir != 0) {
      parts.add("evt_dir = '" + dir + "'");
    }
    if (categories != null) {
      parts.add("evt_category in " + categories);
    }
    if (timeFrom != Long.MIN_VALUE || timeTo != Long.MAX_VALUE) {
      parts.add("evt_rawtime in [" + bound(timeFrom) + ", " + bound(timeTo) + ")");
    }
    if (numFrom != Long.MIN_VALUE || numTo != Long.MAX_VALUE) {
      parts.add("evt_num in [" + bound(numFrom) + ", " + bound(numTo) + ")");
    }
    if (tids != null) {
      parts.add("thread_tid in " + tids);
    }
    if (pids != null) {
      parts.add("proc_pid in " + pids);
    }
    if (fds != null) {
      parts.add("fd_num in " + fds);
    }
    if (failed != null) {
      parts.add("evt_failed = " + failed);
    }
    if (captureNames != null) {
      parts.add("capture in " + captureNames);
    }
    if (empty) {
      parts.add("false");
    }
    return String.join(" and ", parts);
  }

  /** The pushed ORDER BY, as EXPLAIN shows it ({@code evt_rawtime DESC}), or empty. */
  public String sortString() {
    if (sortColumns == null) {
      return "";
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < sortColumns.length; i++) {
      keys.add(EventColumn.of(sortColumns[i]).columnName + (sortDescending[i] ? " DESC" : "")
          + (sortNullsFirst[i] != sortDescending[i] ? (sortNullsFirst[i] ? " NULLS FIRST" : " NULLS LAST") : ""));
    }
    return String.join(", ", keys);
  }

  private static String bound(long v) {
    return v == Long.MIN_VALUE ? "-inf" : v == Long.MAX_VALUE ? "+inf" : Long.toString(v);
  }
}
