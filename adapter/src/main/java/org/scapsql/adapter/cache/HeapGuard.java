package org.scapsql.adapter.cache;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Tells a cache build to give up before it starves the queries it shares the heap with.
 *
 * <p>A build holds its dictionaries (one entry per distinct thread, fd and path tuple, and
 * those tuples carry lifetime numbers) until it writes the footer, so on a long capture with
 * many short-lived processes they grow with the capture. A cache is an optimisation: when
 * the old generation is still this full right after a collection, dropping the build (later
 * queries read the capture, as without a cache) is better than an OutOfMemoryError in the
 * user's own query. "After a collection" is what the JVM's collection-usage threshold
 * measures, so garbage that would be freed does not count.
 */
final class HeapGuard {
  /** Share of the old generation still in use after a collection at which builds give up. */
  static final double LIMIT = 0.70;

  private static final List<MemoryPoolMXBean> POOLS = oldPools();

  private HeapGuard() {}

  /** True when some tenured pool stayed above {@link #LIMIT} after its latest collection. */
  static boolean tight() {
    for (MemoryPoolMXBean p : POOLS) {
      if (p.isCollectionUsageThresholdExceeded()) {
        return true;
      }
    }
    return false;
  }

  private static List<MemoryPoolMXBean> oldPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
        .filter(p -> p.getUsage().getMax() > 0)
        .filter(p -> {
          String n = p.getName();
          return n.contains("Old") || n.contains("Tenured");
        })
        .peek(p -> {
          if (p.getCollectionUsageThreshold() == 0) {
            p.setCollectionUsageThreshold((long) (p.getUsage().getMax() * LIMIT));
          }
        })
        .toList();
  }
}
