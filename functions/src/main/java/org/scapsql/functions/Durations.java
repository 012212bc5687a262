package org.scapsql.functions;

/**
 * Durations as csysdig prints relative times (the TIME columns of Inspect's views),
 * without its padding to ten characters. Every step truncates, as csysdig does.
 */
public final class Durations {
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long MIN = 60 * S;
  private static final long H = 60 * MIN;

  private Durations() {}

  public static String format(long ns) {
    if (ns < 0) {
      return "-" + format(-ns);
    }
    if (ns >= H) {
      long s = ns / S;
      return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
    if (ns >= MIN) {
      long s = ns / S;
      return (s / 60) + ":" + (s % 60);
    }
    if (ns >= S) {
      return withHundredths(ns, S, "s");
    }
    if (ns >= 10 * MS) {
      return (ns / MS) + "ms";
    }
    if (ns >= MS) {
      return withHundredths(ns, MS, "ms");
    }
    if (ns >= 10 * US) {
      return (ns / US) + "us";
    }
    if (ns >= US) {
      return withHundredths(ns, US, "us");
    }
    return ns + "ns";
  }

  private static String withHundredths(long ns, long unit, String suffix) {
    long hundredths = ns % unit * 100 / unit;
    return (ns / unit) + "." + (hundredths < 10 ? "0" : "") + hundredths + suffix;
  }
}
