package org.scapsql.adapter.entity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.scapsql.adapter.Captures;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.cache.ColumnCache;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Event;
import org.scapsql.state.StateTracker;

/**
 * Entity tables are the result of a whole pass: computed once per capture
 * (keyed by path, size and modification time, so a rewritten file is read
 * again) and reused by later queries in this JVM. What is kept per capture is its
 * facts and its open entity file, whose rows each query reads afresh; the least
 * recently used captures go first.
 *
 * <p>Across processes they are kept in the column cache: a capture's pass writes its
 * tables into an {@code .ents} file ({@link EntityFile}) as it goes, renamed into
 * place once whole, and the next process reads that file instead of the capture. A
 * file that fails any check is deleted and the pass runs again;
 * {@code scapsql.columnCache=off} turns both reading and writing off.
 */
public final class EntityCache {
  /**
   * Captures whose entities are kept at most before the least recently used are dropped;
   * each holds its facts and an open file, not its rows.
   */
  static final int MAX_CAPTURES = Integer.getInteger("scapsql.entityCacheCaptures", 256);

  private static final Map<String, CompletableFuture<Entities>> CACHE = new LinkedHashMap<>(16, 0.75f, true);

  /** How a pass is run into a file: {@link EntityPass#write}, replaced by tests that need a pass to fail. */
  interface Pass {
    void write(Path capture, QueryControl control, Path file, String key) throws IOException;
  }

  static volatile Pass pass = EntityPass::write;

  private EntityCache() {}

  static String key(Path p) throws IOException {
    return Captures.fileKey(p);
  }

  /** Runs passes that a query will wait for, beside its events scan: one at a time, on the other core. */
  private static final java.util.concurrent.ExecutorService AHEAD = java.util.concurrent.Executors
      .newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scapsql-entity-pass");
        t.setDaemon(true);
        return t;
      });

  /**
   * Starts the passes of {@code captures} whose entities are not known yet on another
   * thread, for a query that will read them after other work (a view reads the events,
   * then the threads still open at the end): both passes then run at once on two cores.
   * The query's later {@link #get} waits for the pass started here instead of running its
   * own; cancelling the query stops it. Nothing happens on a single core.
   */
  public static void prefetch(List<Path> captures, QueryControl control) {
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return;
    }
    for (Path p : captures) {
      if (!Files.isRegularFile(p)) {
        continue; // A pipe can be read once, and the query reads it in its own order.
      }
      String key;
      try {
        key = key(p);
      } catch (IOException e) {
        continue; // The query's own get reports it.
      }
      synchronized (CACHE) {
        if (CACHE.containsKey(key)) {
          continue;
        }
      }
      AHEAD.execute(() -> {
        try {
          get(p, control);
        } catch (RuntimeException e) {
          // The query's own get sees the same failure (or, if this one was stopped, runs the pass itself).
        }
      });
    }
  }

  /**
   * Waits up to {@code millis} for the passes {@link #prefetch} started so far, true when
   * they have all ended. A query closed before it read its entity tables leaves its pass
   * running (its entities are kept for the next query); a test that counts the events the
   * JVM reads waits for such passes first.
   */
  public static boolean awaitPrefetches(long millis) {
    try {
      // One thread, in order: a task submitted now runs after every pass submitted before it.
      AHEAD.submit(() -> { }).get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /**
   * The entities of a capture, computing them (once, even for concurrent callers) if
   * needed. A caller waiting for another query's pass stops waiting when its own
   * statement is cancelled, and computes the pass itself when the other query is
   * cancelled: one client's cancel never fails another's query.
   */
  public static Entities get(Path capture, QueryControl control) {
    EntityNeeds needs = EntityNeeds.of(control);
    if (needs != null) {
      needs.settle(control);
    }
    while (true) {
      CompletableFuture<Entities> f;
      boolean mine = false;
      String key;
      try {
        key = key(capture);
      } catch (IOException e) {
        throw new UncheckedIOException(capture + ": " + e.getMessage(), e);
      }
      synchronized (CACHE) {
        f = CACHE.get(key);
        if (f == null) {
          f = new CompletableFuture<>();
          CACHE.put(key, f);
          mine = true;
        }
      }
      if (mine) {
        try {
          f.complete(compute(capture, control));
          trim();
        } catch (IOException | RuntimeException | Error e) {
          // Errors too (an OutOfMemoryError in the pass): a future left incomplete would make
          // every later query of this capture in this JVM wait for ever.
          synchronized (CACHE) {
            CACHE.remove(key);
          }
          f.completeExceptionally(e);
        }
      }
      try {
        return await(f, control);
      } catch (QueryControl.QueryStoppedException stopped) {
        if (mine) {
          throw stopped;
        }
        // The query computing the pass was stopped, not this one (await checked): compute it here.
      }
    }
  }

  /**
   * The entities from the capture's file in the column cache; else from a pass that
   * writes that file as it goes (published once whole), or, when the capture is not
   * cached, a temporary one.
   */
  private static Entities compute(Path capture, QueryControl control) throws IOException {
    ColumnCache store = ColumnCache.shared();
    // Taken before the pass: a capture that changes meanwhile is not stored under its new key.
    String key = store.storeKey(capture);
    Path tmp = null;
    if (key != null) {
      Entities stored = load(store, key, capture);
      if (stored != null) {
        return stored;
      }
      tmp = store.sideTemporary(key, ColumnCache.ENTITIES);
    }
    if (tmp == null) {
      try (ColumnCache.Foreground busy = store.foreground()) {
        return temporary(capture, control);
      }
    }
    try (ColumnCache.Foreground busy = store.foreground()) {
      pass.write(capture, control, tmp, key);
      Entities e = open(tmp, key, capture.getFileName().toString());
      // The open file stays readable whether the rename happens or not.
      store.publishSide(capture, key, ColumnCache.ENTITIES, tmp);
      return e;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A pass into a file in the temporary folder, unlinked as soon as it is open: the rows
   * stay readable through the open file, and the system reclaims it when the entities are
   * dropped.
   */
  static Entities temporary(Path capture, QueryControl control) throws IOException {
    Path tmp = Files.createTempFile("scapsql-", ".ents");
    try {
      String key = "pass:" + capture.toAbsolutePath();
      pass.write(capture, control, tmp, key);
      return open(tmp, key, capture.getFileName().toString());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The entity pass of {@code capture} carried by an events scan that reads it whole with
   * {@code state}, its own tracker ({@link EntityNeeds}); null when the entities are
   * known already (in this JVM or in the column cache), or the capture is not a file.
   * The scan hands the rider each event after its tracker, and {@link Rider#finish} at the
   * capture's end makes the entities what a pass of their own would have made; a scan
   * that stops early {@link Rider#abandon}s it, and a later query runs the pass.
   */
  public static Rider ride(Path capture, StateTracker state, EntityNeeds.Ride what, EntityNeeds needs) {
    if (what == EntityNeeds.Ride.NONE || !Files.isRegularFile(capture)) {
      return null;
    }
    try {
      String key = key(capture);
      synchronized (CACHE) {
        if (CACHE.containsKey(key)) {
          return null;
        }
      }
      ColumnCache store = ColumnCache.shared();
      String storeKey = store.storeKey(capture);
      if (storeKey != null && Files.isRegularFile(store.sidePath(storeKey, ColumnCache.ENTITIES))) {
        return null; // Read from there when asked: cheaper than any pass.
      }
      boolean whole = what == EntityNeeds.Ride.WHOLE;
      Path file = storeKey == null || !whole ? null : store.sideTemporary(storeKey, ColumnCache.ENTITIES);
      if (file == null) {
        storeKey = null;
        file = Files.createTempFile("scapsql-", ".ents");
      }
      return new Rider(capture, key, storeKey, file, state, whole ? null : needs);
    } catch (IOException e) {
      return null; // The query's own get runs the pass, and reports what is wrong.
    }
  }

  /** An entity pass fed by another scan's tracker: see {@link #ride}. */
  public static final class Rider {
    private final Path capture;
    private final String key;
    /** The column cache's key, or null: the file is a temporary one. */
    private final String storeKey;
    private final Path file;
    private final EntityFile.Writer out;
    private final EntityPass pass;
    /** Where the threads at the end go, for a rider that keeps only those; null: the whole pass. */
    private final EntityNeeds endsTo;
    private boolean over;

    private Rider(Path capture, String key, String storeKey, Path file, StateTracker state, EntityNeeds endsTo)
        throws IOException {
      this.capture = capture;
      this.key = key;
      this.storeKey = storeKey;
      this.file = file;
      this.endsTo = endsTo;
      this.out = new EntityFile.Writer(file);
      this.pass = new EntityPass(capture.getFileName().toString(), out, state, endsTo == null);
    }

    /** The capture's events begin (before the tracker sees the first). */
    public void firstEvent() {
      if (!over) {
        pass.eventsStart();
      }
    }

    /** One event, after the tracker processed it. */
    public void event(Event e) {
      if (over) {
        return;
      }
      try {
        pass.event(e);
      } catch (IOException | RuntimeException failed) {
        abandon(); // The scan's rows do not depend on this; a later get runs a pass of its own.
      }
    }

    /**
     * The capture was read to its end by {@code reader} ({@code warning}: what cut it short,
     * as in a pass of its own): the entities are kept as a pass's would be.
     */
    public void finish(CaptureReader reader, String warning) {
      if (over) {
        return;
      }
      over = true;
      try {
        if (endsTo != null) {
          endsTo.ended(capture, atEnd(reader, warning));
          RIDES.incrementAndGet();
          return;
        }
        synchronized (CACHE) {
          if (CACHE.containsKey(key)) {
            return; // Another query's pass ran meanwhile.
          }
        }
        String fileKey = storeKey != null ? storeKey : "pass:" + capture.toAbsolutePath();
        pass.finish(reader, warning, fileKey);
        out.close();
        Entities e = open(file, fileKey, capture.getFileName().toString());
        if (storeKey != null) {
          ColumnCache.shared().publishSide(capture, storeKey, ColumnCache.ENTITIES, file);
        }
        synchronized (CACHE) {
          // A pass another query ran meanwhile stands; this one's rows are then the same and dropped.
          CACHE.putIfAbsent(key, CompletableFuture.completedFuture(e));
        }
        RIDES.incrementAndGet();
        trim();
      } catch (IOException | RuntimeException failed) {
        // Nothing kept: a later get runs the pass.
      } finally {
        closeQuietly();
        deleteQuietly();
      }
    }

    /**
     * What the end of the capture defines, from the small file of a pass that kept only
     * that, read into memory here and the file dropped: the threads alive at the end, their
     * processes, the facts; no fd or connection.
     */
    private Entities atEnd(CaptureReader reader, String warning) throws IOException {
      String fileKey = "end:" + capture.toAbsolutePath();
      pass.finish(reader, warning, fileKey);
      out.close();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        Entities e = EntityFile.read(ch, fileKey, capture.getFileName().toString());
        return new Entities(e.capture(), inMemory(e.processes()), inMemory(e.threads()), inMemory(List.of()),
            inMemory(List.of()), e.facts());
      }
    }

    private static EntityRows inMemory(Iterable<Object[]> rows) {
      List<Object[]> list = new java.util.ArrayList<>();
      rows.forEach(list::add);
      return new EntityRows(list::iterator, list.size());
    }

    /** The scan stopped before the capture's end: nothing is kept. */
    public void abandon() {
      if (!over) {
        over = true;
        closeQuietly();
        deleteQuietly();
      }
    }

    private void closeQuietly() {
      try {
        out.close();
      } catch (IOException ignored) {
        // A file being dropped.
      }
    }

    private void deleteQuietly() {
      try {
        // Renamed into the cache by now, or unlinked while open (its rows stay readable).
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // The temporary folder is swept by the system.
      }
    }
  }

  /** Entity passes carried by events scans so far (tests). */
  static final java.util.concurrent.atomic.AtomicLong RIDES = new java.util.concurrent.atomic.AtomicLong();

  /** The entities in {@code file}, kept open for their rows; the file is checked whole first. */
  static Entities open(Path file, String key, String capture) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return EntityFile.read(ch, key, capture);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The entities stored under {@code key}, or null (none, or a file that failed a check: deleted). */
  static Entities load(ColumnCache store, String key, Path capture) {
    Path file = store.sidePath(key, ColumnCache.ENTITIES);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      Entities e = open(file, key, capture.getFileName().toString());
      store.touchSide(key, ColumnCache.ENTITIES);
      EntityFile.LOADS.incrementAndGet();
      return e;
    } catch (IOException damaged) {
      store.deleteSide(key, ColumnCache.ENTITIES);
      return null;
    }
  }

  private static Entities await(CompletableFuture<Entities> f, QueryControl control) {
    while (true) {
      control.check();
      try {
        return f.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // Still computing: look at this query's own cancel flag and deadline, then wait on.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QueryControl.QueryStoppedException("query interrupted");
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof IOException) {
          throw new UncheckedIOException(c.getMessage(), (IOException) c);
        }
        if (c instanceof RuntimeException) {
          throw (RuntimeException) c;
        }
        if (c instanceof OutOfMemoryError) {
          // The pass's rows are garbage by now: this query fails, the JVM and its other queries go on.
          throw new IllegalStateException("not enough memory for the entity tables (processes, threads, fds) of"
              + " this capture: give the JVM a larger heap (-Xmx in SCAPSQL_JAVA_OPTS)", c);
        }
        throw new IllegalStateException(c);
      }
    }
  }

  private static void trim() {
    synchronized (CACHE) {
      Iterator<Map.Entry<String, CompletableFuture<Entities>>> it = CACHE.entrySet().iterator();
      while (CACHE.size() > MAX_CAPTURES && it.hasNext()) {
        if (it.next().getValue().isDone()) {
          it.remove();
        }
      }
    }
  }

  /**
   * Forgets one capture's entities, for a caller that is done with it and knows no one
   * else needs it soon: {@code scapsql export} writes each capture's entity tables once,
   * and a fleet's worth kept here would outgrow the heap long before the row bound.
   * A query running on them keeps its reference; a later one recomputes them.
   */
  public static void forget(Path capture) {
    String key;
    try {
      key = key(capture);
    } catch (IOException e) {
      return; // Gone or unreadable: nothing could have been cached under its current key.
    }
    synchronized (CACHE) {
      CACHE.remove(key);
    }
  }

  /** Forgets everything (tests). */
  public static void clear() {
    synchronized (CACHE) {
      CACHE.clear();
    }
  }
}
