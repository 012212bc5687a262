package org.scapsql.views;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.ScapSchema;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Event;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/**
 * {@code inspect.tile_clock}: the overview's sampling clock and its Running Processes
 * gauge (see tile_clock.sql for what each column means). Every timeline and overview
 * query needs it several times, so it is computed here, once per capture file (keyed
 * by path, size and modification time), instead of by SQL that would rescan the
 * capture for each use. The gauge reads the state tracker's thread table itself: the
 * tables under the views say when a thread started, not when sysdig's table first
 * held it, which for a thread first met mid-capture is its first event.
 */
final class SamplingClock extends AbstractTable implements ScannableTable {
  static final int SAMPLES = 400;
  private static final int MAX_CACHED = 64;
  private static final Map<String, List<Object[]>> CACHE = new LinkedHashMap<>(16, 0.75f, true);

  private final SchemaPlus root;

  SamplingClock(SchemaPlus root) {
    this.root = root;
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory tf) {
    RelDataType bigint = tf.createSqlType(SqlTypeName.BIGINT);
    return tf.builder()
        .add("capture", tf.createSqlType(SqlTypeName.VARCHAR))
        .add("sample", tf.createSqlType(SqlTypeName.INTEGER))
        .add("sample_start", bigint)
        .add("sample_width", bigint)
        .add("close_time", bigint)
        .add("first_time", bigint)
        .add("last_time", bigint)
        .add("sample_period", bigint)
        .add("running_processes", tf.createSqlType(SqlTypeName.INTEGER))
        .add("processes_seen", tf.createSqlType(SqlTypeName.INTEGER))
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext context) {
    SchemaPlus scap = root.getSubSchema("scap");
    ScapSchema schema = scap == null ? null : scap.unwrap(ScapSchema.class);
    if (schema == null) {
      throw new IllegalStateException("inspect.tile_clock needs schema scap");
    }
    QueryControl control = QueryControl.of(context);
    List<Object[]> rows = new ArrayList<>();
    for (Path p : schema.captures()) {
      rows.addAll(rows(p, control));
    }
    return Linq4j.asEnumerable(rows);
  }

  private static List<Object[]> rows(Path capture, QueryControl control) {
    try {
      String key = capture.toAbsolutePath() + "|" + Files.size(capture) + "|" + Files.getLastModifiedTime(capture);
      synchronized (CACHE) {
        List<Object[]> cached = CACHE.get(key);
        if (cached != null) {
          return cached;
        }
      }
      List<Object[]> computed = compute(capture, control);
      synchronized (CACHE) {
        CACHE.put(key, computed);
        while (CACHE.size() > MAX_CACHED) {
          CACHE.remove(CACHE.keySet().iterator().next());
        }
      }
      return computed;
    } catch (IOException e) {
      throw new UncheckedIOException(capture + ": " + e.getMessage(), e);
    }
  }

  /**
   * Two passes: the first, over the event headers, finds the first and last event
   * (sysdig's clock ignores the container events that seed the state); the second
   * runs the state tracker and, at the first event of each sample, which closes the
   * samples before it, counts the processes (main threads) in the thread table as
   * the chisel does once the parser has taken that event.
   */
  static List<Object[]> compute(Path capture, QueryControl control) throws IOException {
    long t0 = Long.MIN_VALUE;
    long t1 = Long.MIN_VALUE;
    long n = 0;
    try (CaptureReader r = CaptureReader.open(capture)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        if (++n % 4096 == 0) {
          control.check();
        }
        if (isContainer(e)) {
          continue;
        }
        if (t0 == Long.MIN_VALUE) {
          t0 = e.ts();
        }
        t1 = e.ts();
      }
    }
    if (t0 == Long.MIN_VALUE) {
      return List.of();
    }
    long p = (t1 - t0) / (SAMPLES - 1);
    int samples = p == 0 ? 1 : SAMPLES;
    long[] closes = new long[samples];
    int[] running = new int[samples];
    int[] seen = new int[samples];
    Set<Long> pids = new HashSet<>();
    int open = 0;
    StateTracker state = new StateTracker();
    try (CaptureReader r = CaptureReader.open(capture)) {
      r.listener(state);
      for (Event e = r.next(); e != null; e = r.next()) {
        if (++n % 4096 == 0) {
          control.check();
        }
        if (e.num() == 1) {
          state.dialect(r.dialect());
        }
        state.process(e);
        int s = isContainer(e) ? open : sample(e.ts(), t0, p);
        if (s > open) {
          int count = mainThreads(state, pids);
          for (; open < s; open++) {
            closes[open] = e.ts();
            running[open] = count;
            seen[open] = pids.size();
          }
        }
      }
    }
    // The samples still open close at the last event, with the table as the capture leaves it.
    int count = mainThreads(state, pids);
    for (; open < samples; open++) {
      closes[open] = t1;
      running[open] = count;
      seen[open] = pids.size();
    }
    String name = capture.getFileName().toString();
    List<Object[]> rows = new ArrayList<>(samples);
    for (int s = 0; s < samples; s++) {
      boolean last = samples == 1 || s == SAMPLES - 1;
      long start = last ? t1 : t0 + s * p;
      long width = samples == 1 ? t1 - t0 : last ? t1 - (t0 + (SAMPLES - 1) * p) : p;
      rows.add(new Object[] {name, s, start, width, closes[s], t0, t1, p, running[s], seen[s]});
    }
    return List.copyOf(rows);
  }

  /** The main threads in the tracker's table now; their pids join {@code pids}. */
  private static int mainThreads(StateTracker state, Set<Long> pids) {
    int count = 0;
    for (ThreadInfo t : state.threads()) {
      if (t.isMainThread()) {
        count++;
        pids.add(t.pid);
      }
    }
    return count;
  }

  static int sample(long ts, long t0, long p) {
    if (p == 0 || ts < t0) {
      return 0;
    }
    return (int) Math.min((ts - t0) / p, SAMPLES - 1);
  }

  private static boolean isContainer(Event e) {
    return e.info() != null && "container".equals(e.info().name());
  }
}
