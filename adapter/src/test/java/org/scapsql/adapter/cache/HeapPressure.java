package org.scapsql.adapter.cache;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Fills the old generation of its own JVM for real, then asks {@link HeapGuard} and a cache
 * build (for {@link HeapGuardTest}; a JVM of its own, so that no other test shares the
 * starved heap). Prints one line per step: the old generation's share after a collection,
 * what the guard said, and what a build of the capture in {@code args[0]} left (the
 * suffixes of the cache folder's files).
 */
public final class HeapPressure {
  /** Kept reachable until released: what makes the old generation full. */
  private static final List<byte[]> HELD = new ArrayList<>();

  private HeapPressure() {}

  public static void main(String[] args) throws Exception {
    Path capture = Path.of(args[0]);
    MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
            && (p.getName().contains("Old") || p.getName().contains("Tenured")))
        .findFirst().orElseThrow(() -> new IllegalStateException("no old generation"));
    System.out.println("pool " + old.getName());
    report("start", old);
    fill(old, 0.50);
    report("half", old);
    fill(old, 0.80);
    report("full", old);
    build("build under pressure", capture);
    HELD.clear();
    System.gc();
    report("released", old);
    build("build after", capture);
  }

  /**
   * Holds arrays until the old generation is at least {@code share} full after a full
   * collection; half of what is missing at a time, so as not to overshoot into an
   * OutOfMemoryError. Arrays of 64 KiB: G1 packs them into its regions without waste.
   */
  private static void fill(MemoryPoolMXBean old, double share) {
    while (true) {
      System.gc();
      MemoryUsage u = old.getCollectionUsage();
      double now = (double) u.getUsed() / u.getMax();
      if (now >= share) {
        return;
      }
      long missing = (long) ((share - now) * u.getMax());
      for (long held = 0; held < Math.max(1, missing / 2); held += 64 << 10) {
        HELD.add(new byte[64 << 10]);
      }
    }
  }

  private static void report(String step, MemoryPoolMXBean old) {
    MemoryUsage u = old.getCollectionUsage();
    System.out.printf(Locale.ROOT, "%s %.3f tight=%s%n", step, (double) u.getUsed() / u.getMax(), HeapGuard.tight());
  }

  private static void build(String step, Path capture) throws Exception {
    Path file = ColumnCache.shared().buildNow(capture);
    boolean idle = ColumnCache.shared().awaitBuilds(0);
    List<String> left;
    try (Stream<Path> s = Files.exists(ColumnCache.directory()) ? Files.list(ColumnCache.directory())
        : Stream.empty()) {
      left = s.map(p -> p.getFileName().toString().replaceAll(".*\\.", "")).sorted().toList();
    }
    System.out.println(step + " " + (file == null ? "none" : "built") + " files=" + left
        + (idle ? "" : " (another build still running)"));
  }
}
