package org.scapsql.server;

import java.util.Locale;
import org.scapsql.driver.Limits;

/**
 * What the server allows one query, whatever its client asks: many clients share one
 * JVM, so a query that runs for an hour, streams a billion rows or fills the heap
 * must stop before it hurts the others. Set with {@code serve} options; the defaults
 * come from system properties (named below) and docs/security.md lists them.
 *
 * @param maxQuerySeconds a query's scans stop after this long (0: no limit);
 *     {@code scapsql.server.maxQuerySeconds}, {@code --max-query-time}
 * @param maxRows rows one execution may send (0: no limit); {@code scapsql.server.maxRows},
 *     {@code --max-rows}
 * @param maxHeapPercent when live data after a garbage collection passes this share
 *     of the heap, the longest-running query is stopped (0: never);
 *     {@code scapsql.server.maxHeapPercent}, {@code --max-memory}
 * @param maxRequestBytes bytes of one HTTP request; {@code scapsql.maxRequestBytes},
 *     {@code --max-request-size}
 */
public record ServerLimits(long maxQuerySeconds, long maxRows, int maxHeapPercent, int maxRequestBytes) {
  public static final ServerLimits DEFAULT = new ServerLimits(
      Long.getLong("scapsql.server.maxQuerySeconds", 600),
      Long.getLong("scapsql.server.maxRows", 10_000_000),
      Integer.getInteger("scapsql.server.maxHeapPercent", 85),
      Limits.MAX_REQUEST_BYTES);

  public ServerLimits {
    if (maxQuerySeconds < 0 || maxQuerySeconds > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the query time limit must be between 0 and " + Integer.MAX_VALUE
          + " seconds, not " + maxQuerySeconds);
    }
    if (maxRows < 0) {
      throw new IllegalArgumentException("the row limit cannot be negative: " + maxRows);
    }
    if (maxHeapPercent < 0 || maxHeapPercent > 100) {
      throw new IllegalArgumentException("the memory limit is a share of the heap, 1 to 100 percent (0: none), not "
          + maxHeapPercent);
    }
    if (maxRequestBytes < 4096) {
      throw new IllegalArgumentException("a request size limit below 4 KiB would refuse ordinary requests: "
          + maxRequestBytes);
    }
  }

  public ServerLimits withMaxQuerySeconds(long v) {
    return new ServerLimits(v, maxRows, maxHeapPercent, maxRequestBytes);
  }

  public ServerLimits withMaxRows(long v) {
    return new ServerLimits(maxQuerySeconds, v, maxHeapPercent, maxRequestBytes);
  }

  public ServerLimits withMaxHeapPercent(int v) {
    return new ServerLimits(maxQuerySeconds, maxRows, v, maxRequestBytes);
  }

  public ServerLimits withMaxRequestBytes(int v) {
    return new ServerLimits(maxQuerySeconds, maxRows, maxHeapPercent, v);
  }

  /** One line for the server's start-up message. */
  public String describe() {
    return String.format(Locale.ROOT, "limits: query time %s, rows %s, memory %s, request %,d bytes",
        maxQuerySeconds == 0 ? "none" : maxQuerySeconds + " s", maxRows == 0 ? "none" : String.format(Locale.ROOT,
        "%,d", maxRows), maxHeapPercent == 0 ? "none" : maxHeapPercent + "% of the heap", maxRequestBytes);
  }

  /** {@code 90}, {@code 90s}, {@code 15m}, {@code 2h}: seconds. */
  static long parseDuration(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("s")) {
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      unit = 60;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("h")) {
      unit = 3600;
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Math.multiplyExact(Long.parseLong(t), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a duration: '" + s + "' (e.g. 90s, 15m, 2h)");
    }
  }

  /** {@code 85} or {@code 85%}. */
  static int parsePercent(String s) {
    String t = s.strip();
    if (t.endsWith("%")) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a percentage: '" + s + "' (e.g. 85%)");
    }
  }

  /** {@code 1048576}, {@code 512k}, {@code 4m}: bytes. */
  static int parseSize(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("k")) {
      unit = 1024;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      unit = 1024 * 1024;
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Math.toIntExact(Math.multiplyExact(Long.parseLong(t), unit));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a size: '" + s + "' (e.g. 1m, 512k)");
    }
  }

  /** A plain count, with optional thousands separators. */
  static long parseCount(String s) {
    try {
      return Long.parseLong(s.strip().replace(",", "").replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: '" + s + "'");
    }
  }
}
