package org.scapsql.adapter.entity;

/**
 * The TIMESTAMP twin of a nanosecond column. Calcite and Avatica hold a TIMESTAMP
 * as milliseconds since the epoch, so the twin is the instant truncated to the
 * millisecond (towards the past, also before 1970); the BIGINT column keeps the
 * nanoseconds.
 */
public final class Times {
  private Times() {}

  public static Long millis(Long nanos) {
    return nanos == null ? null : Math.floorDiv(nanos, 1_000_000L);
  }

  public static long millis(long nanos) {
    return Math.floorDiv(nanos, 1_000_000L);
  }
}
