package org.scapsql.adapter.entity;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.scapsql.adapter.QueryControl;

/**
 * Where one statement's entity tables will come from, decided once its plan is bound
 * and before any of its rows are read.
 *
 * <p>An entity table (and {@code scap.capture}'s figures) is the result of a whole pass
 * over the capture with state. When the same statement also scans the capture's events
 * whole with state, as every Inspect view does before it reads the threads still open
 * at the end, that scan's tracker sees every thread and fd come and go: the pass rides
 * on it ({@link EntityCache#ride}) and the capture is read and tracked once, not twice.
 * Otherwise the pass starts on the other core as the statement starts reading
 * ({@link EntityCache#prefetch}), so that it runs beside whatever the statement reads
 * first.
 *
 * <p>Generated code binds every table of a plan (each table's {@code scan}) before it
 * reads any row, so the tables tell what they will read as they are bound, and the first
 * read settles it. A table read only inside a correlated subquery is bound later; it
 * simply finds nothing decided for it and runs its pass as it reads.
 *
 * <p>Only speed depends on this: an entity table whose rows are asked for before a
 * riding scan has finished (the scan stopped early, or the join reads the entities first)
 * runs or awaits a pass of its own, as without it.
 */
public final class EntityNeeds {
  /** Per statement execution: keyed by the statement's data context, dropped with it. */
  private static final Map<Object, EntityNeeds> STATEMENTS = new WeakHashMap<>();

  /** What an events scan carries for a capture: nothing, the whole pass, or the threads alive at the end. */
  public enum Ride { NONE, WHOLE, END }

  private final Set<Path> wanted = new LinkedHashSet<>();
  private final Set<Path> endWanted = new LinkedHashSet<>();
  private final Set<Path> scanned = new LinkedHashSet<>();
  private final Map<Path, Ride> riding = new java.util.HashMap<>();
  private final Map<Path, Entities> ends = new java.util.HashMap<>();
  private boolean settled;

  private EntityNeeds() {}

  /** The needs of the statement {@code control} belongs to; null for work no statement owns. */
  public static EntityNeeds of(QueryControl control) {
    Object statement = control.statement();
    if (statement == null) {
      return null;
    }
    synchronized (STATEMENTS) {
      return STATEMENTS.computeIfAbsent(statement, s -> new EntityNeeds());
    }
  }

  /**
   * A table of the query {@code control} reads the entities of {@code captures}: called as
   * the plan is bound. Work no statement owns starts their passes at once.
   */
  public static void willRead(List<Path> captures, QueryControl control) {
    will(captures, control, true);
  }

  /**
   * A table of the query {@code control} reads only what the end of {@code captures}
   * defines: the threads alive then ({@link ThreadsAtEnd}) or the capture's facts
   * (containers, users, interfaces, the figures of {@code capture}). Called as the plan
   * is bound.
   */
  public static void willReadEnd(List<Path> captures, QueryControl control) {
    will(captures, control, false);
  }

  private static void will(List<Path> captures, QueryControl control, boolean whole) {
    EntityNeeds needs = of(control);
    if (needs == null || !needs.wanted(captures, whole)) {
      EntityCache.prefetch(captures, control);
    }
  }

  /**
   * Notes a table bound in the plan; false when it is bound after the first read (inside a
   * correlated subquery), too late for any scan to carry its pass.
   */
  private synchronized boolean wanted(List<Path> captures, boolean whole) {
    if (settled) {
      return false;
    }
    (whole ? wanted : endWanted).addAll(captures);
    return true;
  }

  /** An events scan of the query {@code control} reads {@code captures} whole with state: called as it is bound. */
  public static void willScanWhole(List<Path> captures, QueryControl control) {
    EntityNeeds needs = of(control);
    if (needs != null) {
      needs.eventsScannedWhole(captures);
    }
  }

  /** An events scan bound in the plan reads {@code captures} whole, with state. */
  private synchronized void eventsScannedWhole(List<Path> captures) {
    if (!settled) {
      scanned.addAll(captures);
    }
  }

  /**
   * The statement reads its first row: the passes that no scan will carry start now, on
   * the other core; those that one will are left to it.
   */
  public void settle(QueryControl control) {
    List<Path> ahead;
    synchronized (this) {
      if (settled) {
        return;
      }
      settled = true;
      Set<Path> all = new LinkedHashSet<>(wanted);
      all.addAll(endWanted);
      List<Path> left = new java.util.ArrayList<>();
      for (Path p : all) {
        if (!scanned.contains(p)) {
          left.add(p);
        } else {
          // Only the entity tables themselves need the whole pass; the threads at the end need just the tracker.
          riding.put(p, wanted.contains(p) ? Ride.WHOLE : Ride.END);
        }
      }
      ahead = left;
    }
    if (!ahead.isEmpty()) {
      EntityCache.prefetch(ahead, control);
    }
  }

  /**
   * What an events scan of this statement reading {@code capture} should carry: asked as
   * the scan opens the capture, and handed to the first scan that asks (a plan that reads
   * the capture twice carries its pass once).
   */
  public synchronized Ride rides(Path capture) {
    Ride r = riding.remove(capture);
    return r == null ? Ride.NONE : r;
  }

  /**
   * What the end of {@code capture} defines, as a scan that carried it left it: the threads
   * alive then with their processes, and the capture's facts (no other lifetime).
   */
  synchronized void ended(Path capture, Entities atEnd) {
    ends.put(capture, atEnd);
  }

  /**
   * What a scan of this statement carried for {@code capture} ({@link #ended}), or null:
   * none did (yet). Only for tables that read no more than that.
   */
  synchronized Entities atEnd(Path capture) {
    return ends.get(capture);
  }

  /**
   * The entities a table that reads only what the end of the capture defines (the threads
   * alive then, the facts) takes for {@code capture}: what this statement's events scan
   * carried, else the whole pass's.
   */
  public static Entities endOf(Path capture, QueryControl control) {
    EntityNeeds needs = of(control);
    Entities carried = needs == null ? null : needs.atEnd(capture);
    return carried != null ? carried : EntityCache.get(capture, control);
  }
}
