package org.scapsql.views;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * {@code inspect.tile_clock}: the overview's sampling clock (see tile_clock.sql for
 * what each column means). Every timeline and overview query needs it several times,
 * so it is computed here, from event headers only, once per capture file (keyed by
 * path, size and modification time), instead of by SQL that would rescan the
 * capture for each use.
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
   * Two passes over the event headers: the first finds the first and last event
   * (sysdig's clock ignores the container events that seed the state), the second
   * the first event of each sample, which closes the sample before it.
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
    long[] first = new long[samples];
    java.util.Arrays.fill(first, Long.MAX_VALUE);
    try (CaptureReader r = CaptureReader.open(capture)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        if (++n % 4096 == 0) {
          control.check();
        }
        if (isContainer(e)) {
          continue;
        }
        int s = sample(e.ts(), t0, p);
        first[s] = Math.min(first[s], e.ts());
      }
    }
    String name = capture.getFileName().toString();
    List<Object[]> rows = new ArrayList<>(samples);
    long close = t1;
    long[] closes = new long[samples];
    // A sample closes at the first event of any later sample; the last one at the last event.
    for (int s = samples - 1; s >= 0; s--) {
      closes[s] = close;
      if (first[s] != Long.MAX_VALUE) {
        close = Math.min(close, first[s]);
      }
    }
    for (int s = 0; s < samples; s++) {
      boolean last = samples == 1 || s == SAMPLES - 1;
      long start = last ? t1 : t0 + s * p;
      long width = samples == 1 ? t1 - t0 : last ? t1 - (t0 + (SAMPLES - 1) * p) : p;
      rows.add(new Object[] {name, s, start, width, closes[s], t0, t1, p});
    }
    return List.copyOf(rows);
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
