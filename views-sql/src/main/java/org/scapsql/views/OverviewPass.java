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
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scapsql.adapter.CaptureCursor;
import org.scapsql.adapter.Captures;
import org.scapsql.adapter.QueryControl;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.EventTable;
import org.scapsql.reader.LastEvent;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/**
 * What Inspect's overview computes over a whole capture, in one reading with state:
 * the sampling clock with its Running Processes gauge ({@code inspect.tile_clock}) and
 * every event tile's total ({@code inspect.tile_totals}). Kept once per capture file
 * (path, size and modification time) in this JVM: an overview or timeline query reads
 * the clock several times, and one that only changes a filter above it reads the same
 * totals again. A capture that gave a warning (damage, a truncated end) is not kept, so
 * the next query says it again.
 */
final class OverviewPass {
  static final int SAMPLES = 400;
  private static final int MAX_CACHED = 64;
  private static final Map<String, Pending> CACHE = new LinkedHashMap<>(16, 0.75f, true);
  /** Daemon threads: a JVM that ends while an overview is computed does not wait for it. */
  private static final ExecutorService AHEAD = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "scapsql-overview-pass");
    t.setDaemon(true);
    return t;
  });

  /** The two tables' rows for one capture. */
  record Result(List<Object[]> clock, List<Object[]> totals) {}

  private OverviewPass() {}

  /**
   * Starts computing {@code capture}'s rows for the statement {@code control} belongs to,
   * on a thread of its own when the machine has a second core (the statement binds its
   * tables before reading any: the entity passes an overview also needs then run beside
   * this one), or returns those kept.
   */
  static Pending start(Path capture, QueryControl control) {
    String key;
    try {
      key = Captures.fileKey(capture);
    } catch (IOException e) {
      throw new UncheckedIOException(capture + ": " + e.getMessage(), e);
    }
    synchronized (CACHE) {
      Pending kept = CACHE.get(key);
      if (kept != null && !kept.failed()) {
        return kept;
      }
      Pending p = new Pending(capture, control, key);
      CACHE.put(key, p);
      while (CACHE.size() > MAX_CACHED) {
        CACHE.remove(CACHE.keySet().iterator().next());
      }
      if (Runtime.getRuntime().availableProcessors() > 1) {
        AHEAD.execute(p::run);
      }
      return p;
    }
  }

  /** One capture's rows, being computed or done; whoever awaits first runs it if no thread has. */
  static final class Pending {
    private final Path capture;
    private final QueryControl owner;
    private final String key;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    private Pending(Path capture, QueryControl owner, String key) {
      this.capture = capture;
      this.owner = owner;
      this.key = key;
    }

    private void run() {
      if (!started.compareAndSet(false, true)) {
        return;
      }
      try {
        boolean[] warned = new boolean[1];
        result.complete(compute(capture, owner, warned));
        if (warned[0]) {
          forget();
        }
      } catch (IOException e) {
        forget();
        result.completeExceptionally(new UncheckedIOException(capture + ": " + e.getMessage(), e));
      } catch (RuntimeException | Error e) {
        forget();
        result.completeExceptionally(e);
      }
    }

    private void forget() {
      synchronized (CACHE) {
        CACHE.remove(key, this);
      }
    }

    private boolean failed() {
      return result.isCompletedExceptionally();
    }

    /**
     * The rows, once computed. A computation another statement started and that failed
     * (that statement was cancelled or timed out) is run again for this one.
     */
    Result await(QueryControl control) {
      run();
      try {
        return result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while computing the overview of " + capture, e);
      } catch (ExecutionException e) {
        if (control != owner) {
          return start(capture, control).await(control);
        }
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }
  }

  /**
   * The clock needs the capture's last event before its first sample closes: the
   * sampling period is a 399th of the time from the first event to the last (sysdig's
   * clock ignores the container events that seed the state). A plain capture gives it
   * from its end ({@link LastEvent}); otherwise, or when the reading ends elsewhere (damage,
   * an event the reader skips), a first reading of the event headers finds it.
   */
  private static Result compute(Path capture, QueryControl control, boolean[] warned) throws IOException {
    OptionalLong fromEnd = Files.isRegularFile(capture) ? LastEvent.time(capture, OverviewPass::notClocked)
        : OptionalLong.empty();
    if (fromEnd.isPresent()) {
      Result r = withState(capture, control, warned, fromEnd.getAsLong());
      if (r != null) {
        return r;
      }
    }
    long t1 = Long.MIN_VALUE;
    try (CaptureCursor headers = new CaptureCursor(List.of(capture), control, null)
        .onEnd((r, warning) -> warned[0] |= warning != null)) {
      for (Event e = headers.next(); e != null; e = headers.next()) {
        if (!notClocked(e.type())) {
          t1 = e.ts();
        }
      }
    }
    if (t1 == Long.MIN_VALUE) {
      return new Result(List.of(), List.of());
    }
    return withState(capture, control, warned, t1);
  }

  /**
   * The reading with state, the last event's time {@code t1} known. At the first event of
   * each sample, which closes the samples before it, it counts the processes (main threads)
   * in the thread table as the chisel does once the parser has taken that event; and each
   * event adds to the tiles. Null when the capture's last event is not at {@code t1}.
   */
  private static Result withState(Path capture, QueryControl control, boolean[] warned, long t1)
      throws IOException {
    long t0 = Long.MIN_VALUE;
    long last = Long.MIN_VALUE;
    long p = 0;
    int samples = SAMPLES;
    long[] closes = new long[SAMPLES];
    int[] running = new int[SAMPLES];
    int[] seen = new int[SAMPLES];
    Set<Long> pids = new HashSet<>();
    int open = 0;
    StateTracker state = new StateTracker();
    TileCounter tiles = null;
    try (CaptureCursor cursor = new CaptureCursor(List.of(capture), control, () -> state)
        .onEnd((r, warning) -> warned[0] |= warning != null)) {
      for (Event e = cursor.next(); e != null; e = cursor.next()) {
        if (tiles == null) {
          tiles = new TileCounter(state, cursor.dialect());
        }
        tiles.event(e);
        if (notClocked(e.type())) {
          continue;
        }
        if (t0 == Long.MIN_VALUE) {
          t0 = e.ts();
          p = (t1 - t0) / (SAMPLES - 1);
          samples = p == 0 ? 1 : SAMPLES;
        }
        last = e.ts();
        int s = sample(e.ts(), t0, p);
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
    if (last != t1) {
      return null;
    }
    // The samples still open close at the last event, with the table as the capture leaves it.
    int count = mainThreads(state, pids);
    for (; open < samples; open++) {
      closes[open] = t1;
      running[open] = count;
      seen[open] = pids.size();
    }
    String name = capture.getFileName().toString();
    List<Object[]> clock = new ArrayList<>(samples);
    for (int s = 0; s < samples; s++) {
      boolean lastSample = samples == 1 || s == SAMPLES - 1;
      long start = lastSample ? t1 : t0 + s * p;
      long width = samples == 1 ? t1 - t0 : lastSample ? t1 - (t0 + (SAMPLES - 1) * p) : p;
      clock.add(new Object[] {name, s, start, width, closes[s], t0, t1, p, running[s], seen[s]});
    }
    return new Result(List.copyOf(clock), tiles == null ? List.of() : List.copyOf(tiles.rows(name)));
  }

  /** Event type ids the clock does not see: the container events, and ids no event has. */
  private static boolean notClocked(int id) {
    EventInfo info = EventTable.standard().get(id);
    return info == null || "container".equals(info.name());
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
}
