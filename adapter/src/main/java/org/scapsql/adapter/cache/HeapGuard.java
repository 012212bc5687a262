package org.scapsql.adapter.cache;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tells a cache build to give up before it starves the queries it shares the heap with.
 *
 * <p>A build holds its dictionaries (one entry per distinct thread, fd and path tuple) until
 * it writes the footer: few on most captures, but a capture of many distinct processes and
 * file names makes them grow. A cache is an optimisation: when
 * the old generation is still this full right after a collection, dropping the build (later
 * queries read the capture, as without a cache) is better than an OutOfMemoryError in the
 * user's own query. "After a collection" is what the JVM's collection usage of a pool
 * measures, so garbage that would be freed does not count.
 *
 * <p>Only the serial, parallel and G1 collectors name a tenured pool ("Tenured Gen",
 * "PS Old Gen", "G1 Old Gen"); under ZGC or Shenandoah there is none and builds never give up.
 */
final class HeapGuard {
  /** Share of the old generation still in use after a collection at which builds give up. */
  static final double LIMIT = 0.70;

  private static final List<MemoryPoolMXBean> POOLS = oldPools();

  /** The JVM's own readings: each tenured pool's usage after its latest collection. */
  static final Supplier<List<MemoryUsage>> JVM = () -> POOLS.stream().map(MemoryPoolMXBean::getCollectionUsage)
      .toList();

  /**
   * Where {@link #tight()} reads. A seam for tests: a test of the cache's give-up path sets
   * readings of its own, since filling the shared test JVM's heap past the limit on purpose
   * would starve the tests around it (and a build that reads it on the builder thread sees
   * the change, hence volatile).
   */
  static volatile Supplier<List<MemoryUsage>> source = JVM;

  private HeapGuard() {}

  /** True when some tenured pool stayed at or above {@link #LIMIT} after its latest collection. */
  static boolean tight() {
    return tight(source.get());
  }

  /** True when one of these usages (after a collection, of pools with a known maximum) is at the limit. */
  static boolean tight(List<MemoryUsage> afterCollection) {
    for (MemoryUsage u : afterCollection) {
      // null: the pool cannot tell; no maximum: no share of it to be over.
      if (u != null && u.getMax() > 0 && u.getUsed() >= (long) (u.getMax() * LIMIT)) {
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
        .toList();
  }
}
