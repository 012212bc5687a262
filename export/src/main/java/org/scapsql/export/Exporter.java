package org.scapsql.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.scapsql.adapter.Captures;
import org.scapsql.adapter.entity.EntityCache;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.scapsql.driver.Errors;
import org.scapsql.driver.ScapDriver;
import org.scapsql.driver.ScapUrl;

/**
 * Exports captures' tables as Parquet, laid out as {@code OUT/TABLE/host=H/date=D/part-NNNN.parquet}.
 * Each capture is one task on its own connection, tables one after the other, rows
 * streamed from the query into the file: memory holds a row group per running task,
 * whatever the capture's size. The captures of one host and day share a partition and
 * are numbered in the order they were named.
 */
public final class Exporter {
  /** The tables read row by row from the capture; every other one comes from its whole-pass entities. */
  private static final List<String> STREAMED = List.of("events", "io_chunks");

  private final ExportOptions options;
  /**
   * A capture's entity tables run alone (write lock), the streamed tables of any number
   * of captures side by side (read lock): a whole pass holds every process, thread and
   * fd lifetime of its capture in memory (about 600 MB for a generated 1 GiB capture),
   * a streamed table only its row group, so the peak is the larger of the two, not
   * their sum. The lock is fair, so a waiting entity phase is not starved.
   */
  private final ReadWriteLock phases = new ReentrantReadWriteLock(true);
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger capturesDone = new AtomicInteger();
  private volatile int capturesTotal;

  public Exporter(ExportOptions options) {
    this.options = options;
  }

  /** A problem with the request as a whole, found before anything is written. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
      super(message);
    }
  }

  /** One file written. */
  public record Part(String table, Path capture, Path file, long rows, long bytes) {}

  /** What one capture's task did: its files, the warnings of its scans, or why it failed. */
  public record CaptureResult(Path capture, List<Part> parts, List<String> warnings, String error) {}

  /** Where each capture's rows go, before anything is written. */
  public record Plan(List<CaptureFacts> captures, Map<Path, Integer> partNumbers) {
    public Path target(Path out, String table, CaptureFacts facts) {
      return out.resolve(table).resolve(facts.partition())
          .resolve(String.format(Locale.ROOT, "part-%04d.parquet", partNumbers.get(facts.capture())));
    }
  }

  public long rowsWritten() {
    return rows.get();
  }

  public long bytesWritten() {
    return bytes.get();
  }

  public int capturesDone() {
    return capturesDone.get();
  }

  public int capturesTotal() {
    return capturesTotal;
  }

  /**
   * Resolves the captures, reads their hosts and dates, numbers their parts and checks
   * that no target exists (unless overwriting).
   */
  public Plan plan() throws RefusedException {
    Path out = options.out();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new RefusedException(out + " is not a directory: --out names the folder the tables are written under");
    }
    List<Path> files;
    try {
      files = Captures.resolve(options.captures());
    } catch (IOException e) {
      throw new RefusedException(e.getMessage());
    }
    List<CaptureFacts> facts = new ArrayList<>();
    Map<String, Integer> next = new HashMap<>();
    Map<Path, Integer> numbers = new LinkedHashMap<>();
    for (Path f : files) {
      if (f.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize())) {
        throw new RefusedException(f + " is inside the output folder " + out);
      }
      CaptureFacts cf;
      try {
        cf = CaptureFacts.read(f);
      } catch (IOException | RuntimeException e) {
        throw new RefusedException(f + ": cannot read it as a capture: " + e.getMessage());
      }
      facts.add(cf);
      numbers.put(f, next.merge(cf.partition(), 1, Integer::sum) - 1);
    }
    Plan plan = new Plan(List.copyOf(facts), numbers);
    if (!options.overwrite()) {
      List<Path> existing = new ArrayList<>();
      for (String table : options.tables()) {
        for (CaptureFacts cf : facts) {
          Path t = plan.target(out, table, cf);
          if (Files.exists(t)) {
            existing.add(t);
          }
        }
      }
      if (!existing.isEmpty()) {
        throw new RefusedException(existing.get(0) + (existing.size() > 1 ? " and " + (existing.size() - 1)
            + " more of the files to write" : "") + " already exist; nothing was written. Use --overwrite to"
            + " replace them, or another --out");
      }
    }
    return plan;
  }

  /** Runs the plan, {@link ExportOptions#threads()} captures at a time; one failed capture does not stop the others. */
  public List<CaptureResult> run(Plan plan) throws InterruptedException {
    capturesTotal = plan.captures().size();
    int threads = Math.max(1, Math.min(options.threads(), plan.captures().size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "scapsql-export");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<CaptureResult>> futures = new ArrayList<>();
      for (CaptureFacts cf : plan.captures()) {
        futures.add(pool.submit(() -> exportOne(plan, cf)));
      }
      List<CaptureResult> results = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          results.add(futures.get(i).get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause() != null ? e.getCause() : e;
          results.add(new CaptureResult(plan.captures().get(i).capture(), List.of(), List.of(), message(c)));
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private CaptureResult exportOne(Plan plan, CaptureFacts cf) {
    List<Part> parts = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String error = null;
    Path capture = cf.capture();
    try (Connection c = new ScapDriver().connect(ScapUrl.of(List.of(capture)), new Properties())) {
      List<String> entityTables = new ArrayList<>();
      for (String table : options.tables()) {
        if (options.query() != null || STREAMED.contains(table)) {
          phases.readLock().lockInterruptibly();
          try {
            parts.add(exportTable(c, table, plan.target(options.out(), table, cf), cf, warnings));
          } finally {
            phases.readLock().unlock();
          }
        } else {
          entityTables.add(table);
        }
      }
      if (!entityTables.isEmpty()) {
        phases.writeLock().lockInterruptibly();
        try {
          for (String table : entityTables) {
            parts.add(exportTable(c, table, plan.target(options.out(), table, cf), cf, warnings));
          }
        } finally {
          EntityCache.forget(capture);
          phases.writeLock().unlock();
        }
      }
    } catch (SQLException | IOException | RuntimeException e) {
      error = message(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    } finally {
      // Written once per capture: keeping them would hold a fleet's entities at once.
      EntityCache.forget(capture);
      capturesDone.incrementAndGet();
    }
    return new CaptureResult(capture, List.copyOf(parts), List.copyOf(warnings), error);
  }

  private Part exportTable(Connection c, String table, Path target, CaptureFacts cf, List<String> warnings)
      throws SQLException, IOException {
    String sql = options.query() != null ? options.query() : "SELECT * FROM scap.\"" + table + "\"";
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("scapsql.table", table);
    meta.put("scapsql.capture", cf.capture().getFileName().toString());
    meta.put("scapsql.version", ScapDriver.VERSION);
    if (options.query() != null) {
      meta.put("scapsql.query", options.query());
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<ExportColumn> columns = ResultColumns.of(rs.getMetaData());
      int n = columns.size();
      boolean[] twinned = new boolean[n];
      for (int i = 0; i < n; i++) {
        twinned[i] = columns.get(i).nanosFrom() >= 0;
      }
      long count;
      long size;
      // The driver's result set answers each call through a proxy that maps errors; a table of 50
      // columns and millions of rows reads from Calcite's own result set instead, and maps an error
      // the same way itself.
      ResultSet raw = rs.isWrapperFor(AvaticaResultSet.class) ? rs.unwrap(AvaticaResultSet.class) : rs;
      try (PartWriter w = new PartWriter(target, table, columns, options.parquet(), meta)) {
        try {
          while (raw.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
              // A timestamp with a nanosecond twin is written from the twin: its own value (a
              // calendar conversion per row) is never looked at.
              row[i] = twinned[i] ? null : raw.getObject(i + 1);
            }
            w.write(row);
            rows.incrementAndGet();
          }
        } catch (SQLException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
          if (Errors.mappable(e)) {
            throw Errors.toSqlException(e);
          }
          throw e;
        }
        count = w.rows();
        size = w.commit();
      }
      bytes.addAndGet(size);
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
        if (!warnings.contains(w.getMessage())) {
          warnings.add(w.getMessage());
        }
      }
      return new Part(table, cf.capture(), target, count, size);
    }
  }

  /** One line for the user: the innermost message that says something. */
  static String message(Throwable e) {
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      e = e.getCause();
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl > 0 ? m.substring(0, nl) : m;
  }
}
