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
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the planner pushed into an {@code events} scan: the predicates the reader
 * tests itself, the columns to produce and a row limit. Every pushed predicate is
 * handled exactly; whatever the reader cannot test stays with Calcite. A spec
 * travels into generated code as a string ({@link #encode()}).
 *
 * <p>A spec is a value: a rule that pushes more makes a new one with a {@code with...}
 * method, so a scan node's spec never changes under it (the planner keeps the old node
 * beside the new). The arrays are copied in and never written after.
 */
public final class ScanSpec {
  /** A scan of every event, with every column, in file order. */
  public static final ScanSpec ALL = new Parts().build();

  /** Event type names (null: any). */
  public final Set<String> types;
  /** '>' or '<' (0: any). */
  public final char dir;
  /** Categories (null: any). */
  public final Set<String> categories;
  /** evt_rawtime range, inclusive start, exclusive end. */
  public final long timeFrom;
  public final long timeTo;
  /** evt_num range, inclusive start, exclusive end. */
  public final long numFrom;
  public final long numTo;
  public final Set<Long> tids;
  public final Set<Long> pids;
  public final Set<Long> fds;
  /** evt_failed must equal this (null: any). */
  public final Boolean failed;
  /** Columns produced, in order (null: all). */
  public final int[] columns;
  public final long offset;
  /** Rows to produce at most (-1: no limit). */
  public final long fetch;
  /** A contradiction was pushed: the scan returns nothing without reading. */
  public final boolean empty;
  /**
   * ORDER BY keys of a pushed top-N ({@link EventColumn} ordinals; null: file order).
   * With them, {@link #offset} and {@link #fetch} apply to the sorted rows and the scan
   * keeps only the best offset+fetch rows while it reads.
   */
  public final int[] sortColumns;
  public final boolean[] sortDescending;
  public final boolean[] sortNullsFirst;
  /** Capture file names to read (null: all): the others are never opened. */
  public final Set<String> captureNames;
  /** Tests of other columns' values, all of which an event must pass (empty: none). */
  public final List<ColumnTest> tests;
  /**
   * A pushed GROUP BY: the first {@code groupCount} of {@link #columns} are the keys
   * (-1: no aggregation, the scan returns events). The scan then returns one row per
   * group: the keys, then one value per {@link #aggKinds} entry.
   */
  public final int groupCount;
  /** What each pushed aggregate computes: one of the {@code AGG_} constants. */
  public final int[] aggKinds;
  /** The input of each pushed aggregate, as an index into {@link #columns} (-1: none, as for COUNT(*)). */
  public final int[] aggArgs;

  /** COUNT(*) or COUNT(column): rows, or rows whose column is not NULL. */
  public static final int AGG_COUNT = 0;
  /** SUM(column): NULL when no row has a value. */
  public static final int AGG_SUM = 1;
  /** SUM0 (Calcite's SUM that starts at 0, used for COUNT rewritten as a sum of counts). */
  public static final int AGG_SUM0 = 2;
  public static final int AGG_MIN = 3;
  public static final int AGG_MAX = 4;
  private static final String[] AGG_NAMES = {"COUNT", "SUM", "$SUM0", "MIN", "MAX"};

  private ScanSpec(Parts p) {
    types = frozen(p.types);
    dir = p.dir;
    categories = frozen(p.categories);
    timeFrom = p.timeFrom;
    timeTo = p.timeTo;
    numFrom = p.numFrom;
    numTo = p.numTo;
    tids = frozen(p.tids);
    pids = frozen(p.pids);
    fds = frozen(p.fds);
    failed = p.failed;
    columns = p.columns == null ? null : p.columns.clone();
    offset = p.offset;
    fetch = p.fetch;
    empty = p.empty;
    sortColumns = p.sortColumns == null ? null : p.sortColumns.clone();
    sortDescending = p.sortDescending == null ? null : p.sortDescending.clone();
    sortNullsFirst = p.sortNullsFirst == null ? null : p.sortNullsFirst.clone();
    captureNames = frozen(p.captureNames);
    tests = List.copyOf(p.tests);
    groupCount = p.groupCount;
    aggKinds = p.aggKinds == null ? null : p.aggKinds.clone();
    aggArgs = p.aggArgs == null ? null : p.aggArgs.clone();
  }

  private static <T> Set<T> frozen(Set<T> s) {
    return s == null ? null : Collections.unmodifiableSet(new TreeSet<>(s));
  }

  /** The fields of a spec being made; only {@link ScanSpec}'s own methods fill one. */
  private static final class Parts {
    Set<String> types;
    char dir;
    Set<String> categories;
    long timeFrom = Long.MIN_VALUE;
    long timeTo = Long.MAX_VALUE;
    long numFrom = Long.MIN_VALUE;
    long numTo = Long.MAX_VALUE;
    Set<Long> tids;
    Set<Long> pids;
    Set<Long> fds;
    Boolean failed;
    int[] columns;
    long offset;
    long fetch = -1;
    boolean empty;
    int[] sortColumns;
    boolean[] sortDescending;
    boolean[] sortNullsFirst;
    Set<String> captureNames;
    List<ColumnTest> tests = List.of();
    int groupCount = -1;
    int[] aggKinds;
    int[] aggArgs;

    ScanSpec build() {
      return new ScanSpec(this);
    }
  }

  private Parts parts() {
    Parts p = new Parts();
    p.types = types;
    p.dir = dir;
    p.categories = categories;
    p.timeFrom = timeFrom;
    p.timeTo = timeTo;
    p.numFrom = numFrom;
    p.numTo = numTo;
    p.tids = tids;
    p.pids = pids;
    p.fds = fds;
    p.failed = failed;
    p.columns = columns;
    p.offset = offset;
    p.fetch = fetch;
    p.empty = empty;
    p.sortColumns = sortColumns;
    p.sortDescending = sortDescending;
    p.sortNullsFirst = sortNullsFirst;
    p.captureNames = captureNames;
    p.tests = tests;
    p.groupCount = groupCount;
    p.aggKinds = aggKinds;
    p.aggArgs = aggArgs;
    return p;
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
    for (ColumnTest t : tests) {
      if (EventColumn.of(t.column).state) {
        return true;
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

  /** The spec with one more test of a column's value. */
  public ScanSpec withTest(ColumnTest t) {
    Parts p = parts();
    List<ColumnTest> all = new ArrayList<>(tests);
    if (!all.contains(t)) {
      all.add(t);
    }
    p.tests = all;
    return p.build();
  }

  public ScanSpec withTypes(Collection<String> t) {
    Parts p = parts();
    p.types = intersect(types, t);
    return p.build();
  }

  public ScanSpec withCaptures(Collection<String> c) {
    Parts p = parts();
    p.captureNames = intersect(captureNames, c);
    return p.build();
  }

  public ScanSpec withCategories(Collection<String> c) {
    Parts p = parts();
    p.categories = intersect(categories, c);
    return p.build();
  }

  public ScanSpec withTids(Collection<Long> t) {
    Parts p = parts();
    p.tids = intersect(tids, t);
    return p.build();
  }

  public ScanSpec withPids(Collection<Long> ids) {
    Parts p = parts();
    p.pids = intersect(pids, ids);
    return p.build();
  }

  public ScanSpec withFds(Collection<Long> f) {
    Parts p = parts();
    p.fds = intersect(fds, f);
    return p.build();
  }

  private static <T extends Comparable<T>> Set<T> intersect(Set<T> current, Collection<T> more) {
    Set<T> s = new TreeSet<>(more);
    if (current != null) {
      s.retainAll(current);
    }
    return s;
  }

  public ScanSpec withDir(char d) {
    Parts p = parts();
    if (dir != 0 && dir != d) {
      p.empty = true;
    }
    p.dir = d;
    return p.build();
  }

  public ScanSpec withFailed(boolean f) {
    Parts p = parts();
    if (failed != null && failed != f) {
      p.empty = true;
    }
    p.failed = f;
    return p.build();
  }

  public ScanSpec withTime(long from, long to) {
    Parts p = parts();
    p.timeFrom = Math.max(timeFrom, from);
    p.timeTo = Math.min(timeTo, to);
    return p.build();
  }

  public ScanSpec withNum(long from, long to) {
    Parts p = parts();
    p.numFrom = Math.max(numFrom, from);
    p.numTo = Math.min(numTo, to);
    return p.build();
  }

  /** A spec that a contradiction made empty: the scan returns nothing without reading. */
  public ScanSpec asEmpty() {
    Parts p = parts();
    p.empty = true;
    return p.build();
  }

  /** The columns to produce ({@link EventColumn} ordinals, in order; null: all). */
  public ScanSpec withColumns(int[] cols) {
    Parts p = parts();
    p.columns = cols;
    return p.build();
  }

  /** Rows to skip and to produce at most (-1: no limit). */
  public ScanSpec withLimit(long skip, long max) {
    Parts p = parts();
    p.offset = skip;
    p.fetch = max;
    return p.build();
  }

  /** ORDER BY keys (null: file order), with their directions and null orders. */
  public ScanSpec withSort(int[] keys, boolean[] descending, boolean[] nullsFirst) {
    if (keys != null && (descending == null || nullsFirst == null
        || descending.length != keys.length || nullsFirst.length != keys.length)) {
      throw new IllegalArgumentException("every sort key needs a direction and a null order");
    }
    Parts p = parts();
    p.sortColumns = keys;
    p.sortDescending = keys == null ? null : descending;
    p.sortNullsFirst = keys == null ? null : nullsFirst;
    return p.build();
  }

  /**
   * The spec with a pushed aggregation: rows grouped by {@code keys} (EventColumn
   * ordinals), with aggregates {@code kinds} over {@code args} (EventColumn ordinals, -1
   * for none). The scan's columns become the keys followed by the distinct arguments.
   */
  public ScanSpec withAggregate(int[] keys, int[] kinds, int[] args) {
    if (kinds.length != args.length) {
      throw new IllegalArgumentException("every aggregate needs an argument (-1 for none)");
    }
    if (isAggregated() || sortColumns != null || fetch >= 0 || offset > 0) {
      throw new IllegalStateException("an aggregation goes only over a plain scan of events: " + this);
    }
    List<Integer> cols = new ArrayList<>();
    for (int k : keys) {
      cols.add(k);
    }
    int[] argIndex = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      if (args[i] < 0) {
        argIndex[i] = -1;
        continue;
      }
      int at = cols.subList(keys.length, cols.size()).indexOf(args[i]);
      if (at < 0) {
        cols.add(args[i]);
        at = cols.size() - 1;
      } else {
        at += keys.length;
      }
      argIndex[i] = at;
    }
    Parts p = parts();
    p.columns = cols.stream().mapToInt(Integer::intValue).toArray();
    p.groupCount = keys.length;
    p.aggKinds = kinds.clone();
    p.aggArgs = argIndex;
    return p.build();
  }

  /**
   * The spec's choice of events alone: the same predicates, windows and captures, without
   * its order, limit and aggregation (a scan that reads the rest of a capture for a column
   * cache found damaged halfway, whose caller sorts, limits or groups).
   */
  public ScanSpec eventsOnly() {
    Parts p = parts();
    p.offset = 0;
    p.fetch = -1;
    p.sortColumns = null;
    p.sortDescending = null;
    p.sortNullsFirst = null;
    p.groupCount = -1;
    p.aggKinds = null;
    p.aggArgs = null;
    return p.build();
  }

  /** Whether the scan returns groups ({@link #withAggregate}) rather than events. */
  public boolean isAggregated() {
    return groupCount >= 0;
  }

  /** The pushed aggregation as EXPLAIN shows it: {@code [evt_type], [COUNT(), SUM(evt_buflen)]}. */
  public String aggregateString() {
    if (!isAggregated()) {
      return "";
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < groupCount; i++) {
      keys.add(EventColumn.of(columns[i]).columnName);
    }
    List<String> aggs = new ArrayList<>();
    for (int i = 0; i < aggKinds.length; i++) {
      aggs.add(AGG_NAMES[aggKinds[i]] + "(" + (aggArgs[i] < 0 ? "" : EventColumn.of(columns[aggArgs[i]]).columnName)
          + ")");
    }
    return "group=" + keys + ", aggregates=" + aggs;
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
      out.writeInt(tests.size());
      for (ColumnTest t : tests) {
        t.write(out);
      }
      out.writeInt(groupCount);
      if (isAggregated()) {
        out.writeInt(aggKinds.length);
        for (int i = 0; i < aggKinds.length; i++) {
          out.writeInt(aggKinds[i]);
          out.writeInt(aggArgs[i]);
        }
      }
      out.flush();
      return Base64.getEncoder().encodeToString(bos.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ScanSpec decode(String s) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(s)));
      Parts p = new Parts();
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
      int nt = in.readInt();
      List<ColumnTest> ts = new ArrayList<>();
      for (int i = 0; i < nt; i++) {
        ts.add(ColumnTest.read(in));
      }
      p.tests = ts;
      p.groupCount = in.readInt();
      if (p.groupCount >= 0) {
        int aggs = in.readInt();
        p.aggKinds = new int[aggs];
        p.aggArgs = new int[aggs];
        for (int i = 0; i < aggs; i++) {
          p.aggKinds[i] = in.readInt();
          p.aggArgs[i] = in.readInt();
        }
      }
      return p.build();
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
    for (ColumnTest t : tests) {
      parts.add(t.toString());
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
