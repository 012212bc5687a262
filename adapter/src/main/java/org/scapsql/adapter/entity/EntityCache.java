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
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.cache.ColumnCache;

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
    Path abs = p.toAbsolutePath().normalize();
    return abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis();
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
