package org.scapsql.reader;

/**
 * Whose rules to follow where sysdig 0.29.3 (the reference for 2016-2022
 * captures) and current libsinsp (the reference for captures written by current
 * falcosecurity/libs) disagree: parameter types and names, rendering, state.
 */
public enum Dialect {
  /** Debian's sysdig 0.29.3: knows event ids below 336 only. */
  SYSDIG_0_29,
  /** Current libsinsp: exit-only events, newer fd rules. */
  CURRENT;

  /** Highest event id sysdig 0.29.3 knows, plus one. */
  public static final int SYSDIG_0_29_EVENT_MAX = 336;
}
