package org.scapsql.adapter.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scapsql.adapter.Aggregation;
import org.scapsql.adapter.EventColumn;
import org.scapsql.adapter.EventScan;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.ScanSpec;

/**
 * The events of a query's captures read from their column caches instead of the
 * captures: the same rows, in the same order, for the columns the cache holds. The
 * pushed predicates are tested on the cached values; those on a group's columns
 * (type, process, fd, ...) are decided once per dictionary code, not once per event,
 * and chunks outside a time or number window are skipped unread. A pushed GROUP BY over
 * cached groups counts per combination of codes and turns codes into values only once
 * per group ({@link #aggregate}). A file found damaged halfway (its chunks are checked
 * as they are first read) is deleted, and its remaining events are read from its
 * capture, so the answer is whole all the same.
 */
public final class CachedEvents implements AutoCloseable {
  /** How {@link #fillBatch} reads a column: a group's dictionary, a slot, a nullable slot, or {@link #value}. */
  private static final int GROUPED = 0;
  private static final int PLAIN = 1;
  private static final int NULLABLE = 2;
  private static final int DERIVED = 3;
  /** Rows built at a time: a batch's events and rows stay within a core's nearest cache. */
  private static final int BATCH = 256;

  private final List<CacheFile> files;
  private final List<String> names;
  private final ScanSpec spec;
  private final QueryControl control;
  private final boolean[] wanted = new boolean[CacheLayout.SLOTS];
  /** The value tests on columns outside the groups (time, result, latency, ...), checked per event. */
  private final List<org.scapsql.adapter.ColumnTest> eventTests = new ArrayList<>();

  /** A chunk's values by slot, and NULL flags of the nullable slots: only for the slots read ({@link #nextFile}). */
  private final long[][] v = new long[CacheLayout.SLOTS][];
  private final boolean[][] nulls = new boolean[CacheLayout.SLOTS][];
  private final List<Path> paths;
  /** The rest of a file whose cache turned out damaged, read from its capture (null: none). */
  private EventScan fallback;

  private int file = -1;
  private CacheFile current;
  private String currentName;
  private boolean[][] pass;
  private final Object[][][] dictionaries = new Object[CacheLayout.GROUPS.size()][][];
  private int chunk;
  private int events;
  private int i = -1;
  private long index;
  private long read;
  /** The columns {@link #fillBatch} last resolved, and how to read each. */
  private int[] resolvedFor;
  private int[] resolvedKind;
  private int[] resolvedSlot;
  private int[] resolvedGroup;
  private int[] resolvedIndex;
  /** The value each NULLABLE column boxed last, by column. */
  private Object[] lastBoxed;
  /** Rows of the current chunk built ahead ({@link #fillBatch}), the next to hand out, and their count. */
  private final Object[][] batch = new Object[BATCH][];
  private final int[] batchEvents = new int[BATCH];
  private int batchAt;
  private int batchSize;

  private CachedEvents(List<CacheFile> files, List<Path> paths, List<String> names, ScanSpec spec,
      QueryControl control) {
    this.files = files;
    this.paths = paths;
    this.names = names;
    this.spec = spec;
    this.control = control;
    for (org.scapsql.adapter.ColumnTest t : spec.tests) {
      if (!CacheLayout.source(EventColumn.of(t.column)).grouped()) {
        eventTests.add(t);
      }
    }
  }

  /**
   * The cached events of {@code captures} for a scan of {@code spec} producing
   * {@code columns}, or null when a capture has no usable cache yet or a column is
   * not cached (the scan then reads the captures).
   */
  public static CachedEvents open(List<Path> captures, ScanSpec spec, int[] columns, QueryControl control) {
    if (!ColumnCache.enabled()) {
      return null;
    }
    for (int c : columns) {
      if (!CacheLayout.holds(EventColumn.of(c))) {
        return null;
      }
    }
    if (spec.sortColumns != null) {
      for (int c : spec.sortColumns) {
        if (!CacheLayout.holds(EventColumn.of(c))) {
          return null;
        }
      }
    }
    for (org.scapsql.adapter.ColumnTest t : spec.tests) {
      if (!CacheLayout.holds(EventColumn.of(t.column))) {
        return null;
      }
    }
    List<CacheFile> files = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path p : captures) {
      String name = p.getFileName().toString();
      if (spec.captureNames != null && !spec.captureNames.contains(name)) {
        continue;
      }
      CacheFile f = ColumnCache.shared().open(p);
      if (f == null || f.damaged()) {
        closeAll(files);
        return null;
      }
      files.add(f);
      paths.add(p);
      names.add(name);
    }
    CachedEvents c = new CachedEvents(files, paths, names, spec, control);
    c.want(columns);
    c.want(spec.tests.stream().mapToInt(t -> t.column).toArray());
    if (spec.sortColumns != null) {
      c.want(spec.sortColumns);
    }
    return c;
  }

  private void want(int[] columns) {
    for (int c : columns) {
      EventColumn col = EventColumn.of(c);
      CacheLayout.Source s = CacheLayout.source(col);
      if (s.slot() >= 0) {
        wanted[s.slot()] = true;
      }
      if (col == EventColumn.EVT_BUFLEN) {
        wanted[CacheLayout.KIND] = true;
      }
    }
    if (spec.timeFrom != Long.MIN_VALUE || spec.timeTo != Long.MAX_VALUE) {
      wanted[CacheLayout.TIME] = true;
    }
    if (spec.numFrom != Long.MIN_VALUE || spec.numTo != Long.MAX_VALUE) {
      wanted[CacheLayout.NUM] = true;
    }
    if (spec.types != null || spec.dir != 0 || spec.categories != null || spec.failed != null) {
      wanted[CacheLayout.KIND] = true;
    }
    if (spec.tids != null || spec.pids != null) {
      wanted[CacheLayout.THREAD] = true;
    }
    if (spec.fds != null) {
      wanted[CacheLayout.FD] = true;
    }
    for (int s = CacheLayout.FIRST_PER_THREAD; s < CacheLayout.SLOTS; s++) {
      // Differences per thread: adding them up needs each event's thread.
      wanted[CacheLayout.THREAD] |= wanted[s];
    }
  }

  private static void closeAll(List<CacheFile> files) {
    // The files are shared by every query of this JVM (ColumnCache keeps them open).
    files.clear();
  }

  /** Events looked at so far (matching or not). */
  public long eventsRead() {
    return read;
  }

  /** Which codes of each group pass the pushed predicates on that group's columns (null: all). */
  private boolean[][] passes(CacheFile f) {
    boolean[][] p = new boolean[CacheLayout.GROUPS.size()][];
    p[0] = test(f, 0, spec.types == null && spec.dir == 0 && spec.categories == null && spec.failed == null
        && !hasTests(0), t -> groupTests(0, t)
            && (spec.types == null || spec.types.contains((String) t[idx(0, EventColumn.EVT_TYPE)]))
            && (spec.dir == 0 || String.valueOf(spec.dir).equals(t[idx(0, EventColumn.EVT_DIR)]))
            && (spec.categories == null || spec.categories.contains((String) t[idx(0, EventColumn.EVT_CATEGORY)]))
            && (spec.failed == null || spec.failed.equals(t[idx(0, EventColumn.EVT_FAILED)])));
    p[1] = test(f, 1, spec.tids == null && spec.pids == null && !hasTests(1),
        t -> groupTests(1, t) && (spec.tids == null || in(spec.tids, t[idx(1, EventColumn.THREAD_TID)]))
            && (spec.pids == null || in(spec.pids, t[idx(1, EventColumn.PROC_PID)])));
    p[2] = test(f, 2, spec.fds == null && !hasTests(2),
        t -> groupTests(2, t) && (spec.fds == null || in(spec.fds, t[idx(2, EventColumn.FD_NUM)])));
    p[3] = test(f, 3, !hasTests(3), t -> groupTests(3, t));
    return p;
  }

  private boolean hasTests(int group) {
    return spec.tests.stream().anyMatch(t -> CacheLayout.source(EventColumn.of(t.column)).group() == group);
  }

  /** Whether a group's tuple passes the value tests on that group's columns. */
  private boolean groupTests(int group, Object[] tuple) {
    for (org.scapsql.adapter.ColumnTest t : spec.tests) {
      CacheLayout.Source s = CacheLayout.source(EventColumn.of(t.column));
      if (s.group() == group && !t.test(tuple[s.index()])) {
        return false;
      }
    }
    return true;
  }

  private static boolean in(Set<Long> set, Object v) {
    return v instanceof Long l && set.contains(l);
  }

  private static int idx(int group, EventColumn c) {
    return CacheLayout.source(c).index();
  }

  private static boolean[] test(CacheFile f, int group, boolean all, java.util.function.Predicate<Object[]> p) {
    if (all) {
      return null;
    }
    Object[][] dict = f.dictionary(group);
    boolean[] out = new boolean[dict.length];
    for (int c = 0; c < dict.length; c++) {
      out[c] = p.test(dict[c]);
    }
    return out;
  }

  /** Whether any pushed predicate applies to the current file's events. */
  private boolean filtered() {
    return byTime() || byNum() || pass[0] != null || pass[1] != null || pass[2] != null || pass[3] != null
        || !eventTests.isEmpty();
  }

  private boolean byTime() {
    return spec.timeFrom != Long.MIN_VALUE || spec.timeTo != Long.MAX_VALUE;
  }

  private boolean byNum() {
    return spec.numFrom != Long.MIN_VALUE || spec.numTo != Long.MAX_VALUE;
  }

  private boolean matches(int k) {
    if (byTime()) {
      long ts = v[CacheLayout.TIME][k];
      if (ts < spec.timeFrom || ts >= spec.timeTo) {
        return false;
      }
    }
    if (byNum()) {
      long num = v[CacheLayout.NUM][k];
      if (num < spec.numFrom || num >= spec.numTo) {
        return false;
      }
    }
    for (int g = 0; g < pass.length; g++) {
      boolean[] p = pass[g];
      if (p != null && !p[(int) v[CacheLayout.GROUP_SLOTS[g]][k]]) {
        return false;
      }
    }
    for (org.scapsql.adapter.ColumnTest t : eventTests) {
      if (!t.test(value(EventColumn.of(t.column), k))) {
        return false;
      }
    }
    return true;
  }

  /** The next matching event's values of {@code columns}, or null when there is none. */
  public Object[] next(int[] columns) {
    try {
      while (true) {
        if (fallback != null) {
          if (fallback.moveNext()) {
            return fallback.current();
          }
          fallback.close();
          fallback = null;
          if (!nextFile()) {
            return null;
          }
          continue;
        }
        if (batchAt < batchSize) {
          Object[] r = batch[batchAt];
          batch[batchAt++] = null; // Handed on: the batch no longer holds it.
          return r;
        }
        if (current != null && i + 1 < events) {
          fillBatch(columns);
          continue;
        }
        if (current != null) {
          index += events;
          events = 0;
          i = -1;
          try {
            if (nextChunkOfFile()) {
              continue;
            }
          } catch (IOException damaged) {
            if (!current.damaged()) {
              throw damaged;
            }
            fallback = fromCapture(columns, current.chunks.get(chunk).minNum());
            continue;
          }
        }
        if (!nextFile()) {
          return null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /**
   * The rows of the chunk's next matching events, at most {@link #BATCH}, built a column at a
   * time: each column's source (its slot, its group's dictionary) is looked up once per batch
   * and its values copied in a tight loop, where one row at a time looked them up again for
   * every value (two fifths of a cached view's time in a warm JVM).
   */
  private void fillBatch(int[] columns) {
    if (columns != resolvedFor) {
      resolve(columns);
    }
    int n = 0;
    int[] ks = batchEvents;
    while (n < BATCH && i + 1 < events) {
      i++;
      if (matches(i)) {
        ks[n++] = i;
      }
    }
    Object[][] rows = batch;
    for (int j = 0; j < n; j++) {
      rows[j] = new Object[columns.length];
    }
    for (int c = 0; c < columns.length; c++) {
      int slot = resolvedSlot[c];
      switch (resolvedKind[c]) {
        case GROUPED -> {
          Object[][] dict = dictionary(resolvedGroup[c]);
          long[] codes = v[slot];
          int at = resolvedIndex[c];
          for (int j = 0; j < n; j++) {
            rows[j][c] = dict[(int) codes[ks[j]]][at];
          }
        }
        case PLAIN -> {
          long[] values = v[slot];
          for (int j = 0; j < n; j++) {
            rows[j][c] = values[ks[j]];
          }
        }
        case NULLABLE -> {
          // A thread's figures (its vpid, thread count, memory) repeat over its events: the
          // last value boxed is handed out again while it lasts, not boxed anew for each row.
          long[] values = v[slot];
          boolean[] isNull = nulls[slot];
          Object boxed = lastBoxed[c];
          long last = boxed == null ? 0 : (Long) boxed;
          for (int j = 0; j < n; j++) {
            int k = ks[j];
            if (isNull[k]) {
              rows[j][c] = null;
              continue;
            }
            long x = values[k];
            if (boxed == null || x != last) {
              boxed = x;
              last = x;
            }
            rows[j][c] = boxed;
          }
          lastBoxed[c] = boxed;
        }
        default -> {
          EventColumn col = EventColumn.of(columns[c]);
          for (int j = 0; j < n; j++) {
            rows[j][c] = value(col, ks[j]);
          }
        }
      }
    }
    batchAt = 0;
    batchSize = n;
  }

  private void resolve(int[] columns) {
    int n = columns.length;
    int[] kind = new int[n];
    int[] slot = new int[n];
    int[] group = new int[n];
    int[] index = new int[n];
    for (int c = 0; c < n; c++) {
      EventColumn col = EventColumn.of(columns[c]);
      CacheLayout.Source s = CacheLayout.source(col);
      slot[c] = s.slot();
      group[c] = s.group();
      index[c] = s.index();
      if (s.grouped()) {
        kind[c] = GROUPED;
      } else if (col == EventColumn.EVT_NUM || col == EventColumn.EVT_RAWTIME) {
        kind[c] = PLAIN;
      } else if (col == EventColumn.EVT_RAWRES || col == EventColumn.EVT_LATENCY
          || s.slot() >= 0 && CacheLayout.perThread(s.slot())) {
        kind[c] = NULLABLE;
      } else {
        kind[c] = DERIVED;
      }
    }
    resolvedKind = kind;
    resolvedSlot = slot;
    resolvedGroup = group;
    resolvedIndex = index;
    lastBoxed = new Object[n];
    resolvedFor = columns;
  }

  private Object value(EventColumn c, int k) {
    CacheLayout.Source s = CacheLayout.source(c);
    if (s.grouped()) {
      return dictionary(s.group())[(int) v[s.slot()][k]][s.index()];
    }
    switch (c) {
      case EVT_NUM: return v[CacheLayout.NUM][k];
      case EVT_RAWTIME: return v[CacheLayout.TIME][k];
      case EVT_TIME: return Math.floorDiv(v[CacheLayout.TIME][k], 1_000_000L);
      case EVT_RELTIME:
        return index + k < current.firstTimeIndex ? 0L : v[CacheLayout.TIME][k] - current.firstTime;
      case EVT_RAWRES: return nulls[CacheLayout.RAWRES][k] ? null : (Object) v[CacheLayout.RAWRES][k];
      case EVT_LATENCY: return nulls[CacheLayout.LATENCY][k] ? null : (Object) v[CacheLayout.LATENCY][k];
      case EVT_BUFLEN: return bufLen(k);
      case CAPTURE: return currentName;
      default:
        if (CacheLayout.perThread(s.slot())) {
          return nulls[s.slot()][k] ? null : (Object) v[s.slot()][k];
        }
        throw new IllegalStateException("not cached: " + c);
    }
  }

  /**
   * A group's dictionary of the current file, kept here once fetched: the file's own
   * accessor is synchronized (queries share the file), too dear for every value of every row.
   */
  private Object[][] dictionary(int g) {
    Object[][] d = dictionaries[g];
    if (d == null) {
      d = current.dictionary(g);
      dictionaries[g] = d;
    }
    return d;
  }

  private Long bufLen(int k) {
    Object[] kind = dictionary(0)[(int) v[CacheLayout.KIND][k]];
    if (!"<".equals(kind[idx(0, EventColumn.EVT_DIR)]) || !Boolean.TRUE.equals(kind[idx(0, EventColumn.EVT_IS_IO)])
        || nulls[CacheLayout.RAWRES][k] || v[CacheLayout.RAWRES][k] < 0) {
      return null;
    }
    return v[CacheLayout.RAWRES][k];
  }

  /**
   * Runs a pushed GROUP BY whose keys are all group columns (or the capture) straight
   * on the codes; returns false, having read nothing, when the keys include a per-event
   * value (time, number, result), and the caller then groups rows itself.
   */
  public boolean aggregate(Aggregation agg) {
    int keys = spec.groupCount;
    int[] cols = spec.columns;
    List<Integer> groupsUsed = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      EventColumn c = EventColumn.of(cols[k]);
      CacheLayout.Source s = CacheLayout.source(c);
      if (c == EventColumn.CAPTURE) {
        continue;
      }
      if (!s.grouped()) {
        return false;
      }
      if (!groupsUsed.contains(s.group())) {
        groupsUsed.add(s.group());
      }
    }
    for (int g : groupsUsed) {
      wanted[CacheLayout.GROUP_SLOTS[g]] = true;
    }
    int[] kinds = agg.kinds();
    int n = kinds.length;
    try {
      while (nextFile()) {
        long[] radix = new long[groupsUsed.size()];
        long combos = 1;
        for (int j = 0; j < groupsUsed.size(); j++) {
          radix[j] = combos;
          combos = Math.multiplyExact(combos, (long) Math.max(1, current.dictionary(groupsUsed.get(j)).length));
        }
        boolean dense = combos <= (1 << 20);
        long[] acc = dense ? new long[(int) combos * 2 * n] : null;
        boolean[] hit = dense ? new boolean[(int) combos] : null;
        Map<Long, long[]> sparse = dense ? null : new HashMap<>();
        long[][] codes = new long[radix.length][];
        for (int j = 0; j < radix.length; j++) {
          codes[j] = v[CacheLayout.GROUP_SLOTS[groupsUsed.get(j)]];
        }
        boolean filtered = filtered();
        boolean countsOnly = Arrays.stream(spec.aggArgs).allMatch(a -> a < 0);
        long[] counts = dense && countsOnly ? new long[(int) combos] : null;
        while (true) {
          try {
            if (!nextChunkOfFile()) {
              break;
            }
          } catch (IOException damaged) {
            if (!current.damaged()) {
              throw damaged;
            }
            break;
          }
          if (counts != null) {
            // COUNT(*) alone: a histogram of codes, the tightest loop there is.
            count(counts, codes, radix, filtered);
            index += events;
            events = 0;
            continue;
          }
          for (int k = 0; k < events; k++) {
            if (filtered && !matches(k)) {
              continue;
            }
            long combo = 0;
            for (int j = 0; j < radix.length; j++) {
              combo += radix[j] * codes[j][k];
            }
            long[] a;
            int at;
            if (dense) {
              a = acc;
              at = (int) combo * 2 * n;
              hit[(int) combo] = true;
            } else {
              a = sparse.computeIfAbsent(combo, x -> new long[2 * n]);
              at = 0;
            }
            for (int x = 0; x < n; x++) {
              int arg = spec.aggArgs[x];
              if (arg < 0) {
                a[at + 2 * x]++;
                continue;
              }
              Object val = value(EventColumn.of(cols[arg]), k);
              if (val != null) {
                Aggregation.accumulate(kinds[x], a, at + 2 * x, val instanceof Number num ? num.longValue() : 0);
              }
            }
          }
          index += events;
          events = 0;
        }
        if (current.damaged()) {
          // Nothing of this file was handed on yet: its events all come from the capture instead.
          EventScan scan = fromCapture(cols, Long.MIN_VALUE);
          try {
            while (scan.moveNext()) {
              agg.add(scan.current());
            }
          } finally {
            scan.close();
          }
          continue;
        }
        if (counts != null) {
          for (int combo = 0; combo < counts.length; combo++) {
            if (counts[combo] > 0) {
              hit[combo] = true;
              for (int x = 0; x < n; x++) {
                acc[combo * 2 * n + 2 * x] = counts[combo];
              }
            }
          }
        }
        if (dense) {
          for (int combo = 0; combo < hit.length; combo++) {
            if (hit[combo]) {
              agg.addPartial(keyRow(combo, radix, groupsUsed), acc, combo * 2 * n);
            }
          }
        } else {
          for (Map.Entry<Long, long[]> e : sparse.entrySet()) {
            agg.addPartial(keyRow(e.getKey(), radix, groupsUsed), e.getValue(), 0);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    return true;
  }

  private void count(long[] counts, long[][] codes, long[] radix, boolean filtered) {
    if (!filtered && codes.length == 1) {
      long[] c = codes[0];
      for (int k = 0; k < events; k++) {
        counts[(int) c[k]]++;
      }
      return;
    }
    for (int k = 0; k < events; k++) {
      if (filtered && !matches(k)) {
        continue;
      }
      long combo = 0;
      for (int j = 0; j < radix.length; j++) {
        combo += radix[j] * codes[j][k];
      }
      counts[(int) combo]++;
    }
  }

  private Object[] keyRow(long combo, long[] radix, List<Integer> groupsUsed) {
    int[] codes = new int[CacheLayout.GROUPS.size()];
    for (int j = radix.length - 1; j >= 0; j--) {
      codes[groupsUsed.get(j)] = (int) (combo / radix[j]);
      combo %= radix[j];
    }
    Object[] row = new Object[spec.groupCount];
    for (int k = 0; k < row.length; k++) {
      EventColumn c = EventColumn.of(spec.columns[k]);
      if (c == EventColumn.CAPTURE) {
        row[k] = currentName;
      } else {
        CacheLayout.Source s = CacheLayout.source(c);
        row[k] = dictionary(s.group())[codes[s.group()]][s.index()];
      }
    }
    return row;
  }

  private boolean nextFile() {
    if (++file >= files.size()) {
      current = null;
      return false;
    }
    current = files.get(file);
    currentName = names.get(file);
    for (int s = 0; s < CacheLayout.SLOTS; s++) {
      // Half a megabyte a slot: a query that reads three of the seventeen holds three.
      if (wanted[s] && v[s] == null) {
        v[s] = new long[CacheFormat.CHUNK];
        nulls[s] = CacheLayout.nullable(s) ? new boolean[CacheFormat.CHUNK] : null;
      }
    }
    Arrays.fill(dictionaries, null);
    for (String w : current.warnings) {
      control.warn(w);
    }
    pass = passes(current);
    chunk = -1;
    index = 0;
    events = 0;
    i = -1;
    return true;
  }

  /**
   * The events of the current file from event number {@code from} on, read from its
   * capture: its cache was found damaged there, after the events before were handed on.
   */
  private EventScan fromCapture(int[] columns, long from) {
    ScanSpec rest = spec.eventsOnly().withColumns(columns).withNum(from, Long.MAX_VALUE);
    return EventScan.fromCaptures(List.of(paths.get(file)), rest, control);
  }

  private boolean nextChunkOfFile() throws IOException {
    while (++chunk < current.chunks.size()) {
      CacheFormat.Chunk c = current.chunks.get(chunk);
      if (c.maxTime() < spec.timeFrom || c.minTime() >= spec.timeTo || c.maxNum() < spec.numFrom
          || c.minNum() >= spec.numTo) {
        index += c.events();
        continue;
      }
      control.check();
      current.decode(chunk, wanted, v, nulls);
      events = c.events();
      read += events;
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    if (fallback != null) {
      fallback.close();
      fallback = null;
    }
    closeAll(files);
  }
}
