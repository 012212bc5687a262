package org.scapsql.adapter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A pushed GROUP BY over several captures, one capture per core: each capture is
 * aggregated by a scan of its own (its own reader and state tracker: captures share no
 * state), and the partial groups are merged. The answer is the one a single scan gives,
 * as groups merge by key whatever the order.
 */
final class ParallelAggregation {
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
    Thread t = new Thread(r, "scapsql-capture-scan");
    t.setDaemon(true);
    return t;
  });

  private ParallelAggregation() {}

  /** Whether the scan reads at least two captures and there are cores to read them on. */
  static boolean worthIt(List<Path> captures, ScanSpec spec) {
    if (THREADS < 2) {
      return false;
    }
    long n = captures.stream().filter(p -> spec.captureNames == null
        || spec.captureNames.contains(p.getFileName().toString())).count();
    return n >= 2;
  }

  static void run(List<Path> captures, ScanSpec spec, QueryControl control, Aggregation into) {
    List<Future<Aggregation>> parts = new ArrayList<>();
    for (Path p : captures) {
      if (spec.captureNames != null && !spec.captureNames.contains(p.getFileName().toString())) {
        continue;
      }
      parts.add(POOL.submit(() -> {
        try (EventScan one = new EventScan(List.of(p), spec, control)) {
          return one.aggregateOnly();
        }
      }));
    }
    try {
      for (Future<Aggregation> f : parts) {
        f.get().mergeInto(into);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      parts.forEach(f -> f.cancel(true));
      throw new QueryControl.QueryStoppedException("query cancelled");
    } catch (ExecutionException e) {
      parts.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }
}
