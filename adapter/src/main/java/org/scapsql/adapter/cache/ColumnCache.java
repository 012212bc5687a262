package org.scapsql.adapter.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scapsql.reader.CacheDirectory;

/**
 * The column caches of this user's captures: one file per capture under
 * {@code <cache directory>/columns}, named after the capture's key (real path, size,
 * modification time, cache format and scapsql version), so a changed capture or a new
 * scapsql simply misses and builds a new one. Beside it, under the same key, a side file
 * holds the capture's entity tables ({@code .ents}), which the entity package writes and
 * checks itself; both kinds share the directory's rules below. Files are written under a
 * temporary name and renamed, so two processes building the same cache at once both finish and the
 * reader never sees half a file; a file that fails its checks is deleted and rebuilt.
 * The directory is kept under a size bound by deleting the least recently used files.
 *
 * <p>Settings (system properties): {@code scapsql.columnCache} ({@code off} turns the
 * cache off; also the environment variable {@code SCAPSQL_COLUMN_CACHE}),
 * {@code scapsql.columnCache.maxBytes} (default 8 GiB), {@code scapsql.columnCache.minBytes}
 * (captures smaller than this, default 1 MiB, are read directly: the cache would not pay).
 */
public final class ColumnCache {
  private static final long DEFAULT_MAX = 8L << 30;
  private static final long DEFAULT_MIN = 1L << 20;
  /** The cache of this JVM (its builds, the files it has open). */
  private static final ColumnCache SHARED = new ColumnCache();
  /** The suffix of the events' column files. */
  static final String COLUMNS = ".cols";
  /** The suffix of the entity tables' side files. */
  public static final String ENTITIES = ".ents";
  /**
   * The build that writes and reads caches: any change to the reader, the state tracker
   * or a column's rule comes with a new build, whose caches are new files.
   */
  private static final String BUILD = buildStamp();

  private final Map<String, Future<?>> building = new ConcurrentHashMap<>();
  /** The capture of each build in {@link #building}, by key. */
  private final Map<String, Path> buildingCaptures = new ConcurrentHashMap<>();
  /**
   * The files opened so far, by cache path: a second query in this JVM (the shell, the
   * server, DBeaver) neither re-reads nor re-checks a footer, and shares the mapped chunks.
   */
  private final Map<Path, CacheFile> opened = new ConcurrentHashMap<>();
  /** Scans served from a cache file (for tests and the bench: whether the cache was used). */
  final java.util.concurrent.atomic.AtomicLong hits = new java.util.concurrent.atomic.AtomicLong();
  private final AtomicBoolean stop = new AtomicBoolean();
  /** Whether builds are only noted, for a process of their own ({@link #deferBuilds}). */
  private volatile boolean deferring;
  private final Set<Path> deferred = new java.util.LinkedHashSet<>();
  /** Passes that queries wait for, running now ({@link #foreground}). */
  private final java.util.concurrent.atomic.AtomicInteger foreground = new java.util.concurrent.atomic.AtomicInteger();
  /** How long a build waits at most for queries' passes to end before it starts anyway. */
  static final long FOREGROUND_WAIT_MILLIS = 120_000;
  /** One build at a time, on its own thread: the query that asked for it keeps the other core. */
  private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "scapsql-column-cache");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    return t;
  });

  private ColumnCache() {}

  private static String buildStamp() {
    try (java.io.InputStream in = ColumnCache.class.getResourceAsStream("build.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("build", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The build this scapsql is: whatever it wrote to the cache directory is trusted only by the same build. */
  public static String build() {
    return BUILD;
  }

  /** The cache of this JVM. */
  public static ColumnCache shared() {
    return SHARED;
  }

  /** Whether the cache is on (it is unless turned off by property or environment). */
  public static boolean enabled() {
    return CacheFolders.switchedOn("scapsql.columnCache", "SCAPSQL_COLUMN_CACHE");
  }

  static Path directory() {
    return CacheDirectory.path().resolve("columns");
  }

  /** The key of a capture as it is now, or null when it is not a settled regular file worth caching. */
  static String key(Path capture) {
    long minBytes = CacheFolders.longProperty("scapsql.columnCache.minBytes", DEFAULT_MIN);
    String state = CacheFolders.settledState(capture, minBytes);
    return state == null ? null : state + "|" + CacheFormat.VERSION + "|" + BUILD;
  }


  static String fileName(String key) {
    return fileName(key, COLUMNS);
  }

  static String fileName(String key, String suffix) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16) + suffix;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The checked cache file of {@code capture}, or null when there is none yet (or it was
   * damaged, in which case it is deleted so that the next build replaces it).
   */
  CacheFile open(Path capture) {
    if (!enabled()) {
      return null;
    }
    String key = key(capture);
    if (key == null) {
      return null;
    }
    Path file = directory().resolve(fileName(key));
    CacheFile known = opened.get(file);
    if (known != null && known.key.equals(key) && !known.damaged() && Files.isRegularFile(file)) {
      hits.incrementAndGet();
      return known;
    }
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      CacheFile f = CacheFile.open(file, key);
      CacheFile old = opened.put(file, f);
      if (old != null) {
        closeQuietly(old);
      }
      hits.incrementAndGet();
      try {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
      } catch (IOException ignored) {
        // Only the eviction order suffers.
      }
      return f;
    } catch (IOException damaged) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // Another process may hold it; the next open tries again.
      }
      return null;
    }
  }

  private static void closeQuietly(CacheFile f) {
    try {
      f.close();
    } catch (IOException ignored) {
      // Read-only.
    }
  }

  /** How many times a scan was served from a cache file so far. */
  public long hits() {
    return hits.get();
  }

  /** Forgets the files opened by this JVM (a test that damages or deletes them on purpose). */
  void forget() {
    opened.values().forEach(ColumnCache::closeQuietly);
    opened.clear();
  }

  /** A pass a query waits for, running now; closing it says it ended. */
  public interface Foreground extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Marks a pass a query is waiting for (an entity pass) as running: background builds
   * wait for it to end before they start, up to {@link #FOREGROUND_WAIT_MILLIS}, so that
   * on two cores the query's two passes get one core each and the build takes the next
   * free one.
   */
  public Foreground foreground() {
    foreground.incrementAndGet();
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        foreground.decrementAndGet();
      }
    };
  }

  /** Waits while a query's pass runs, at most {@link #FOREGROUND_WAIT_MILLIS}: a busy server still gets its cache. */
  private void yieldToForeground() {
    long deadline = System.nanoTime() + FOREGROUND_WAIT_MILLIS * 1_000_000L;
    while (foreground.get() > 0 && System.nanoTime() < deadline && !stop.get()) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * From now on, builds asked for are only noted ({@link #deferred}), not started: a
   * one-shot query ({@code scapsql -e}) keeps both cores for its answer and hands the
   * builds to a process of their own when it exits, instead of making its user wait.
   */
  public void deferBuilds() {
    deferring = true;
  }

  /** The captures whose builds were asked for since {@link #deferBuilds} and are still not built. */
  public List<Path> deferred() {
    List<Path> out = new ArrayList<>();
    synchronized (deferred) {
      for (Path p : deferred) {
        if (!has(p)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** Starts the builds noted while deferring, here, and builds later ones at once again. */
  public void undefer() {
    deferring = false;
    List<Path> noted;
    synchronized (deferred) {
      noted = new ArrayList<>(deferred);
      deferred.clear();
    }
    noted.forEach(this::buildLater);
  }

  /** Whether {@code capture} as it is now has its column file (the cache is on and it was built). */
  public boolean has(Path capture) {
    String key = enabled() ? key(capture) : null;
    return key != null && Files.isRegularFile(directory().resolve(fileName(key)));
  }

  /** Starts building the cache of {@code capture} in the background unless it exists or is being built. */
  public void buildLater(Path capture) {
    if (!enabled()) {
      return;
    }
    String key = key(capture);
    if (key == null) {
      return;
    }
    Path file = directory().resolve(fileName(key));
    if (Files.isRegularFile(file)) {
      return;
    }
    if (deferring) {
      synchronized (deferred) {
        deferred.add(capture.toAbsolutePath().normalize());
      }
      return;
    }
    building.computeIfAbsent(key, k -> {
      buildingCaptures.put(k, capture);
      return builder.submit(() -> {
        try {
          // Asked for while another thread was building it (buildNow's own scan asks): done by now.
          yieldToForeground();
          if (!Files.isRegularFile(file)) {
            build(capture, k, file);
          }
        } finally {
          building.remove(k);
          buildingCaptures.remove(k);
        }
      });
    });
  }

  /**
   * Stops the builds running or waiting in this JVM (each deletes its temporary file) and
   * returns their captures, for a process that takes them over: a shell session that ends
   * while its cache is still being built gives its user the prompt back at once.
   */
  public List<Path> handOver() {
    List<Path> captures = new ArrayList<>(buildingCaptures.values());
    stop.set(true);
    if (awaitBuilds(10_000)) {
      // Every build has ended: later ones (none in a process about to exit) may run again.
      stop.set(false);
    }
    captures.removeIf(this::has);
    return captures;
  }

  /**
   * Builds the cache of {@code capture} now, in this thread; returns its file (null when
   * the capture cannot be cached or the build failed).
   */
  public Path buildNow(Path capture) {
    String key = key(capture);
    if (key == null) {
      return null;
    }
    Path file = directory().resolve(fileName(key));
    // Registered as the key's build while it runs: its own scan of the capture asks for one
    // (buildLater), which would otherwise start a second build of the same file at once,
    // doubling the work and the memory.
    java.util.concurrent.CompletableFuture<Void> mine = new java.util.concurrent.CompletableFuture<>();
    boolean registered = building.putIfAbsent(key, mine) == null;
    try {
      build(capture, key, file);
    } finally {
      if (registered) {
        building.remove(key, mine);
      }
      mine.complete(null);
    }
    return Files.isRegularFile(file) ? file : null;
  }

  /** Waits up to {@code millis} for the builds started so far; true when none is left. */
  public boolean awaitBuilds(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    for (Future<?> f : new ArrayList<>(building.values())) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      try {
        f.get(left, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException ignored) {
        // A failed build leaves no file; the capture is read directly.
      }
    }
    return building.isEmpty();
  }

  private void build(Path capture, String key, Path file) {
    writeInPlace(capture, key, file, tmp -> new CacheWriter(capture, key, stop).write(tmp));
  }

  /** Writes a temporary file beside {@code file}. */
  private interface TempWriter {
    void write(Path tmp) throws IOException;
  }

  /**
   * Writes {@code file} through a temporary file that is renamed into place when whole. A
   * file that cannot be written (no space, an unwritable directory, a capture that vanished,
   * a build that gave up) only means later queries compute its contents again.
   */
  private static void writeInPlace(Path capture, String key, Path file, TempWriter writer) {
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = temporary(file);
      writer.write(tmp);
      publish(capture, key, tmp, file);
    } catch (IOException | RuntimeException e) {
      // Nothing to do: see above.
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Left for the next eviction to remove.
        }
      }
    }
  }

  /**
   * Puts a finished temporary file in its place in one rename, so that a reader sees
   * the old file or the new one, never half of one (two builders of the same file both
   * rename whole files; the last one stays). Then trims the directory.
   */
  private static void publish(Path capture, String key, Path tmp, Path file) throws IOException {
    if (!key.equals(key(capture))) {
      // The capture changed while it was read: what was written describes neither version.
      return;
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    evict(file.getParent(), file);
  }

  private static Path temporary(Path file) {
    return file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Long.toHexString(System.nanoTime()) + ".tmp");
  }

  /**
   * The key under which the files of {@code capture} are stored as it is now; null when
   * they are not (the cache is off, or the capture is small or still being written).
   */
  public String storeKey(Path capture) {
    return enabled() ? key(capture) : null;
  }

  /** Where the side file {@code suffix} of {@code key} is (or would be) kept. */
  public Path sidePath(String key, String suffix) {
    return directory().resolve(fileName(key, suffix));
  }

  /**
   * A fresh temporary name beside the side file {@code suffix} of {@code key}, for a
   * writer that streams it there and then {@linkplain #publishSide publishes} it; null when
   * the cache directory cannot be made.
   */
  public Path sideTemporary(String key, String suffix) {
    Path file = sidePath(key, suffix);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return temporary(file);
  }

  /**
   * Renames a whole temporary side file into place, as a built column file is; nothing
   * when the capture changed since {@code key} was taken or the rename fails.
   */
  public void publishSide(Path capture, String key, String suffix, Path tmp) {
    try {
      publish(capture, key, tmp, sidePath(key, suffix));
    } catch (IOException | RuntimeException e) {
      // Only later processes lose: they run the pass again.
    }
  }

  /** Marks the side file as just used, for the eviction order. */
  public void touchSide(String key, String suffix) {
    try {
      Files.setLastModifiedTime(sidePath(key, suffix), FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException ignored) {
      // Only the eviction order suffers.
    }
  }

  /** Deletes the side file {@code suffix} stored under {@code key} (its payload did not decode). */
  public void deleteSide(String key, String suffix) {
    try {
      Files.deleteIfExists(directory().resolve(fileName(key, suffix)));
    } catch (IOException ignored) {
      // Another process may hold it; the next reader checks it again.
    }
  }

  /**
   * Deletes every file stored for {@code capture} as it is now (its column file and its
   * side files) and closes what this JVM had open of them; true when something was deleted.
   */
  public boolean forget(Path capture) {
    String key = key(capture);
    if (key == null) {
      return false;
    }
    boolean deleted = false;
    for (String suffix : new String[] {COLUMNS, ENTITIES}) {
      Path file = directory().resolve(fileName(key, suffix));
      CacheFile f = opened.remove(file);
      if (f != null) {
        closeQuietly(f);
      }
      try {
        deleted |= Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // Not ours to delete (permissions): it stays, and stays checked on every open.
      }
    }
    return deleted;
  }

  /** Deletes the least recently used files (never {@code keep}) until the directory fits its bound. */
  static void evict(Path dir, Path keep) throws IOException {
    CacheFolders.evict(dir, keep, CacheFolders.longProperty("scapsql.columnCache.maxBytes", DEFAULT_MAX),
        Set.of(COLUMNS, ENTITIES));
  }

}
