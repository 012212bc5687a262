package org.scapsql.adapter.connection;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.type.RelDataType;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.ScapSchema;
import org.scapsql.adapter.cache.CacheFolders;
import org.scapsql.adapter.cache.ColumnCache;
import org.scapsql.reader.CacheDirectory;

/**
 * The rows of queries already answered in this JVM, handed out again when the same
 * query comes back over the same captures, unchanged.
 *
 * <p>A capture does not change once written, so a query that reads only it (no
 * {@code CURRENT_TIMESTAMP}, no {@code RAND}, no parameters) gives the same rows every
 * time: a dashboard refreshing, DBeaver reopening a view or a shell user running the
 * overview again would otherwise pay a whole scan for them. The key is the SQL text,
 * the row limit, the default schema, every setting that changes how SQL reads, and
 * each capture's real path, size and modification time, read again at every query:
 * a capture that grows or is replaced is a different key, and a capture modified in
 * the last two seconds (perhaps still being written) is never reused.
 *
 * <p>Rows are kept only when a query's rows were all read (a client that stops early
 * leaves nothing), with the warnings its scans gave, which every reuse gives again.
 * Kept results are bounded in bytes (estimated), least recently used first out: by
 * default an eighth of the heap, a result at most half of that.
 *
 * <p>With the column cache on, a kept result is also written to {@code results/} under the
 * cache directory ({@link ResultFile}), named after its key and scapsql's build, so that
 * the next process asking the same query reads it instead of scanning; the folder is
 * bounded, least recently used first out, and a file that does not check is deleted.
 *
 * <p>Settings (system properties): {@code scapsql.resultReuse} ({@code off} turns it off;
 * also the environment variable {@code SCAPSQL_RESULT_REUSE}),
 * {@code scapsql.resultReuse.maxBytes}, {@code scapsql.resultReuse.diskBytes} (the folder's
 * bound, default 256 MiB).
 */
final class ReusedResults {
  private static final ReusedResults SHARED = new ReusedResults();

  /** The settings of each open connection, by its schema {@code scap} (weakly: a closed connection's go). */
  private static final Map<ScapSchema, String> SETTINGS = new WeakHashMap<>();

  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private final AtomicLong hits = new AtomicLong();
  /** Statements of this JVM that were planned: not asked before, not kept, or their captures changed. */
  private final AtomicLong plans = new AtomicLong();
  /** Results of this JVM written to {@code results/}, for the next process asking the same. */
  private final AtomicLong stored = new AtomicLong();

  static ReusedResults shared() {
    return SHARED;
  }

  /** Whether results are reused (they are unless turned off by property or environment). */
  static boolean enabled() {
    return CacheFolders.switchedOn("scapsql.resultReuse", "SCAPSQL_RESULT_REUSE");
  }

  /** The bound on the bytes of every kept result together. */
  static long maxBytes() {
    long fallback = Runtime.getRuntime().maxMemory() / 8;
    return Math.max(0, CacheFolders.longProperty("scapsql.resultReuse.maxBytes", fallback));
  }

  /** How many queries were answered from kept rows since this JVM started. */
  long hits() {
    return hits.get();
  }

  /** How many statements were planned since this JVM started ({@link #planned}). */
  long plans() {
    return plans.get();
  }

  /** How many results were written to disk since this JVM started. */
  long stored() {
    return stored.get();
  }

  /** Counts a statement planned rather than answered from kept rows. */
  void planned() {
    plans.incrementAndGet();
  }

  /** Forgets every kept result. */
  synchronized void clear() {
    entries.clear();
    bytes = 0;
  }

  /**
   * The key of {@code sql} prepared in {@code context}, or null when its rows may not be
   * kept: no SQL text (a prepared relational expression), or a capture that is not a
   * settled regular file.
   */
  static Key key(CalcitePrepare.Context context, String sql, long maxRowCount) {
    if (sql == null) {
      return null;
    }
    CalciteSchema scap = context.getRootSchema().getSubSchema(ScapConnections.SCHEMA, true);
    if (scap == null || !(scap.schema instanceof ScapSchema)) {
      return null;
    }
    ScapSchema schema = (ScapSchema) scap.schema;
    String settings = settings(schema);
    if (settings == null) {
      return null;
    }
    List<String> captures = states(schema.captures());
    return captures == null ? null : new Key(sql, maxRowCount, List.copyOf(context.getDefaultSchemaPath()),
        settings, schema.captures(), captures);
  }

  /** The state of each capture, or null when one is not a settled file. */
  private static List<String> states(List<Path> captures) {
    List<String> out = new ArrayList<>();
    for (Path p : captures) {
      String state = CacheFolders.settledState(p, 0);
      if (state == null) {
        return null;
      }
      out.add(state);
    }
    return out;
  }

  /** Whether the captures of {@code key} are still as they were when it was made. */
  static boolean current(Key key) {
    return key.captures().equals(states(key.paths()));
  }



  /**
   * Notes the settings of the connection whose schema {@code scap} is: the Calcite properties
   * it was made with, which say how its SQL reads ({@link ScapConnections#SETTABLE}).
   */
  static void register(ScapSchema scap, Properties settings) {
    StringBuilder sb = new StringBuilder();
    for (String name : new TreeSet<>(settings.stringPropertyNames())) {
      sb.append(name).append('=').append(settings.getProperty(name)).append('\n');
    }
    synchronized (SETTINGS) {
      SETTINGS.put(scap, sb.toString());
    }
  }

  private static String settings(ScapSchema scap) {
    synchronized (SETTINGS) {
      return SETTINGS.get(scap);
    }
  }

  /**
   * A signature that hands out the kept rows of {@code key} in {@code context}'s
   * connection, or null when none are kept. A statement prepared now may run after its
   * captures changed: each run checks them again, and runs {@code prepare}'s plan (made
   * once, then) when they did.
   */
  <T> CalciteSignature<T> reuse(CalcitePrepare.Context context, Key key, Supplier<CalciteSignature<T>> prepare) {
    Entry e;
    synchronized (this) {
      e = entries.get(key);
    }
    if (e == null) {
      e = fromDisk(key, context);
      if (e == null) {
        return null;
      }
      synchronized (this) {
        put(key, e);
      }
    }
    hits.incrementAndGet();
    Template t = e.template;
    Entry kept = e;
    Supplier<CalciteSignature<T>> planned = new Supplier<>() {
      private CalciteSignature<T> made;

      @Override
      public synchronized CalciteSignature<T> get() {
        if (made == null) {
          planned();
          made = prepare.get();
        }
        return made;
      }
    };
    return new CalciteSignature<>(key.sql(), t.parameters(), t.internalParameters(), t.rowType(), t.columns(),
        t.cursorFactory(), context.getRootSchema(), t.collations(), t.maxRowCount(),
        dataContext -> current(key) ? replay(dataContext, kept) : planned.get().enumerable(dataContext),
        t.statementType());
  }

  @SuppressWarnings("unchecked")
  private static <T> Enumerable<T> replay(DataContext dataContext, Entry e) {
    QueryControl control = QueryControl.of(dataContext);
    for (String w : e.warnings) {
      control.warn(w);
    }
    if (!e.mutable) {
      return Linq4j.asEnumerable((List<T>) e.rows);
    }
    // A client may write into the byte[] it was given: each gets its own.
    List<Object> copy = new ArrayList<>(e.rows.size());
    for (Object row : e.rows) {
      copy.add(copyBytes(row));
    }
    return Linq4j.asEnumerable((List<T>) copy);
  }

  private static Object copyBytes(Object v) {
    if (v instanceof byte[]) {
      return ((byte[]) v).clone();
    }
    if (v instanceof Object[]) {
      Object[] r = ((Object[]) v).clone();
      for (int i = 0; i < r.length; i++) {
        r[i] = copyBytes(r[i]);
      }
      return r;
    }
    return v;
  }

  private static boolean holdsBytes(List<Object> rows) {
    for (Object row : rows) {
      if (row instanceof byte[]) {
        return true;
      }
      if (row instanceof Object[]) {
        for (Object v : (Object[]) row) {
          if (v instanceof byte[]) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * {@code prepared}, whose rows, once all read, are kept under {@code key} for the next
   * query that has it.
   */
  <T> CalciteSignature<T> keeping(Key key, CalciteSignature<T> prepared) {
    CalciteSignature<T> t = prepared;
    return new CalciteSignature<>(t.sql, t.parameters, t.internalParameters, t.rowType, t.columns,
        t.cursorFactory, t.rootSchema, t.getCollationList(), key.maxRowCount(),
        dataContext -> recording(key, prepared, dataContext), t.statementType);
  }

  private <T> Enumerable<T> recording(Key key, CalciteSignature<T> prepared, DataContext dataContext) {
    Enumerable<T> rows = prepared.enumerable(dataContext);
    if (!current(key)) {
      // Prepared before its captures changed: these rows are not the key's.
      return rows;
    }
    long limit = maxBytes() / 2;
    return new AbstractEnumerable<T>() {
      @Override
      public Enumerator<T> enumerator() {
        Enumerator<T> inner = rows.enumerator();
        return new Enumerator<T>() {
          private List<Object> kept = new ArrayList<>();
          private long size;
          private boolean done;

          @Override
          public T current() {
            return inner.current();
          }

          @Override
          public boolean moveNext() {
            boolean more = inner.moveNext();
            if (kept == null) {
              return more;
            }
            if (more) {
              Object row = inner.current();
              Object copy = row instanceof Object[] ? ((Object[]) row).clone() : row;
              size += estimate(copy);
              if (size > limit) {
                kept = null;
              } else {
                kept.add(copy);
              }
            } else if (!done) {
              done = true;
              // A capture replaced while its rows were read: neither state is sure to be theirs.
              if (ReusedResults.current(key)) {
                  store(key, prepared, kept, QueryControl.of(dataContext).warnings(), size);
              }
              kept = null;
            }
            return more;
          }

          @Override
          public void reset() {
            inner.reset();
            kept = null;
          }

          @Override
          public void close() {
            inner.close();
          }
        };
      }
    };
  }

  private void store(Key key, CalciteSignature<?> template, List<Object> rows, List<String> warnings, long size) {
    long max = maxBytes();
    if (size > max / 2) {
      return;
    }
    // Not the prepared signature itself: it holds its connection's schema and generated code.
    Template t = new Template(template.parameters, template.internalParameters, template.rowType, template.columns,
        template.cursorFactory, template.getCollationList(), key.maxRowCount(), template.statementType);
    Entry e = new Entry(t, Collections.unmodifiableList(rows), holdsBytes(rows), List.copyOf(warnings), size);
    synchronized (this) {
      put(key, e);
    }
    toDisk(key, e);
  }

  private void put(Key key, Entry e) {
    long max = maxBytes();
    Entry old = entries.put(key, e);
    if (old != null) {
      bytes -= old.bytes;
    }
    bytes += e.bytes;
    Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
    while (bytes > max && it.hasNext()) {
      bytes -= it.next().getValue().bytes;
      it.remove();
    }
  }

  /** Whether kept results also go to disk: only where the column cache may write. */
  static boolean onDisk() {
    return ColumnCache.enabled();
  }

  static Path directory() {
    return CacheDirectory.path().resolve("results");
  }

  /** The key as a file holds it: with the build and format that wrote it, and the functions and views it saw. */
  private static String diskKey(Key key) {
    return key + "|" + ColumnCache.build() + "|" + ResultFile.VERSION + "|" + ScapConnections.extensionsStamp();
  }

  private static Path file(String diskKey) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(diskKey.getBytes(StandardCharsets.UTF_8));
      return directory().resolve(HexFormat.of().formatHex(d, 0, 16) + ".rows");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Entry fromDisk(Key key, CalcitePrepare.Context context) {
    if (!onDisk()) {
      return null;
    }
    String k = diskKey(key);
    Path f = file(k);
    byte[] data;
    try {
      if (Files.size(f) > maxBytes()) {
        return null;
      }
      data = Files.readAllBytes(f);
    } catch (IOException | SecurityException e) {
      return null;
    }
    ResultFile.Contents c = ResultFile.read(data, k);
    if (c == null) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException | SecurityException e) {
        // Not ours to delete: it stays, and stays unused.
      }
      return null;
    }
    try {
      Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException | SecurityException e) {
      // Its place in the eviction order only.
    }
    long size = 0;
    for (Object row : c.rows()) {
      size += estimate(row);
    }
    // No row type: Calcite reads it only to hand out ARRAY columns, which are never written.
    Template t = new Template(List.of(), Map.of("_conformance", context.config().conformance()), null,
        c.columns(), c.cursorFactory(), List.of(),
        key.maxRowCount(), c.statementType());
    return new Entry(t, Collections.unmodifiableList(c.rows()), holdsBytes(c.rows()), c.warnings(), size);
  }

  private static void toDisk(Key key, Entry e) {
    // Of Calcite's internal parameters only the conformance is read when rows are handed
    // out, and it comes from the settings, which the key holds. The others are the plan's
    // own state (an interpreted scan stashes its node there, as a scan of scap.capture's
    // opening columns does): a reused answer runs no plan, so they are not kept.
    if (!onDisk() || !e.template.parameters().isEmpty()) {
      return;
    }
    String k = diskKey(key);
    byte[] data = ResultFile.write(new ResultFile.Contents(k, e.template.columns(), e.template.cursorFactory(),
        e.template.statementType(), e.warnings, e.rows));
    if (data == null) {
      return;
    }
    Path f = file(k);
    Path tmp = null;
    try {
      Files.createDirectories(f.getParent());
      tmp = Files.createTempFile(f.getParent(), f.getFileName().toString(), ".tmp");
      Files.write(tmp, data);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      SHARED.stored.incrementAndGet();
      CacheFolders.evict(f.getParent(), f, diskBytes(), Set.of(".rows"));
    } catch (IOException | SecurityException | UnsupportedOperationException ex) {
      // Reuse across processes is an optimisation: a folder that cannot be written only loses it.
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // left for the next eviction, which deletes old temporary files
        }
      }
    }
  }

  private static long diskBytes() {
    return Math.max(0, CacheFolders.longProperty("scapsql.resultReuse.diskBytes", 256L << 20));
  }


  /** About how many bytes of heap a row value holds (an estimate: only the bound needs it). */
  static long estimate(Object v) {
    if (v == null || v instanceof Boolean) {
      return 8;
    }
    if (v instanceof String) {
      return 48 + 2L * ((String) v).length();
    }
    if (v instanceof Object[]) {
      long n = 16;
      for (Object o : (Object[]) v) {
        n += 8 + estimate(o);
      }
      return n;
    }
    if (v instanceof List) {
      long n = 40;
      for (Object o : (List<?>) v) {
        n += 8 + estimate(o);
      }
      return n;
    }
    if (v instanceof byte[]) {
      return 16 + ((byte[]) v).length;
    }
    if (v instanceof ByteString) {
      return 32 + ((ByteString) v).length();
    }
    if (v instanceof BigDecimal) {
      return 64;
    }
    return 24;
  }

  /**
   * What identifies a query's rows: see the class comment. {@code captures} holds each
   * capture's state when the key was made, {@code paths} the captures as the connection names them.
   */
  record Key(String sql, long maxRowCount, List<String> defaultSchema, String settings, List<Path> paths,
      List<String> captures) {}

  /** Kept rows, what their signature said of them, and the warnings of the run that made them. */
  private record Entry(Template template, List<Object> rows, boolean mutable, List<String> warnings,
      long bytes) {}

  /** What a signature says of its rows, without its connection's schema and generated code. */
  private record Template(List<AvaticaParameter> parameters, Map<String, Object> internalParameters,
      RelDataType rowType, List<ColumnMetaData> columns, Meta.CursorFactory cursorFactory,
      List<RelCollation> collations, long maxRowCount, Meta.StatementType statementType) {}
}
