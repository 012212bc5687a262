package org.scapsql.adapter;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.ParamInfo;
import org.scapsql.render.Categories;
import org.scapsql.render.FsPaths;
import org.scapsql.render.ParamRenderer;
import org.scapsql.render.SysdigFields;
import org.scapsql.state.FdInfo;
import org.scapsql.state.StateTracker;

/**
 * Builds {@code events} rows from the current event and the state of the capture
 * being read, by each {@link EventColumn}'s rule, and holds what those rules read
 * (the capture's tracker, field rules, renderer, clock origin). Counts the events
 * whose parameters it decodes.
 */
final class EventRows {
  private static final String PROCINFO = "procinfo";
  /**
   * Decoded events are added to the shared counters this many at a time: one shared write
   * per event cost the reading thread more than the field it counted, and the counters of
   * the query's thread sit beside them.
   */
  private static final int BATCH = 4096;
  private final ScanCounters counters;
  private long decodedPending;
  private CaptureCursor cursor;
  private StateTracker state;
  private SysdigFields fields;
  private FsPaths paths;
  private ParamRenderer renderer;
  private long firstTs = Long.MIN_VALUE;

  EventRows(ScanCounters counters) {
    this.counters = counters;
  }

  /** A new capture is open: its tracker (null when the scan runs none) and clock start afresh. */
  void capture(CaptureCursor c) {
    cursor = c;
    firstTs = Long.MIN_VALUE;
    state = c.state();
    if (state != null) {
      use(state);
    }
  }

  private void use(StateTracker t) {
    state = t;
    fields = new SysdigFields(t);
    paths = new FsPaths(t, fields);
    renderer = new ParamRenderer(t, ZoneOffset.UTC);
  }

  /** Every event read, matching or not: the first timestamp of the capture is evt_reltime's origin. */
  void seen(Event e) {
    if (firstTs == Long.MIN_VALUE && e.ts() != 0) {
      firstTs = e.ts();
    }
  }

  // ---- what the column rules read (EventColumn.Rule) ----------------------------------------

  Dialect dialect() {
    return cursor.dialect();
  }

  /** The dialect as {@code scap.capture} names it; a constant per capture, so no string is made per event. */
  String dialectName() {
    return cursor.dialect() == Dialect.CURRENT ? "current" : "sysdig_0_29";
  }

  /** The field rules; fields that need no state still need the dialect: without a tracker, one that only carries it. */
  SysdigFields fields() {
    if (state == null) {
      use(new StateTracker().dialect(dialect()));
    }
    return fields;
  }

  FsPaths paths() {
    return paths;
  }

  ParamRenderer renderer() {
    return renderer;
  }

  /** The fd the current event uses, as the tracker holds it. */
  FdInfo eventFd() {
    return state.eventFd();
  }

  String captureName() {
    return cursor.captureName();
  }

  /** {@code evt_failed} for a pushed predicate (it decodes the result). */
  boolean failedForPredicate(Event e) {
    countDecoded();
    return fields().failed(e);
  }

  String category(Event e) {
    if (e.info().isInternal()) {
      return "internal";
    }
    return Categories.name(e, state);
  }

  Boolean visible(Event e) {
    return !state.hidden() && !e.info().isInternal();
  }

  Long relTime(Event e) {
    return e.ts() - (firstTs == Long.MIN_VALUE ? e.ts() : firstTs);
  }

  /** The values of {@code columns} (EventColumn ordinals) for the current event. */
  Object[] row(Event e, int[] columns) {
    Object[] r = new Object[columns.length];
    boolean decoded = false;
    for (int i = 0; i < columns.length; i++) {
      EventColumn c = EventColumn.of(columns[i]);
      decoded |= c.decodes;
      r[i] = c.rule.value(this, e);
    }
    if (decoded) {
      countDecoded();
    }
    return r;
  }

  private void countDecoded() {
    if (++decodedPending == BATCH) {
      flushCounts();
    }
  }

  /** Adds what this scan counted and did not add yet; by the thread that reads, or once it has stopped. */
  void flushCounts() {
    if (decodedPending > 0) {
      counters.decoded(decodedPending);
      decodedPending = 0;
    }
  }

  /**
   * A CPU counter of a procinfo event (the thread's ticks so far, which csysdig turns into
   * CPU percentages), or null: other events, or a parameter the writer left out.
   */
  Long procinfoTicks(Event e, String param) {
    if (!PROCINFO.equals(e.info().name())) {
      return null;
    }
    int i = e.param(param);
    return e.isEmpty(i) ? null : e.paramUnsigned(i);
  }

  Long buflen(Event e) {
    EventInfo info = e.info();
    if (info.enter() || !(info.has(EventInfo.EF_READS_FROM_FD) || info.has(EventInfo.EF_WRITES_TO_FD))) {
      return null;
    }
    Long r = fields().rawres(e);
    return r != null && r >= 0 ? r : null;
  }

  Map<String, String> params(Event e) {
    Map<String, String> m = new LinkedHashMap<>();
    if (e.type() <= 1) {
      return m;
    }
    List<ParamInfo> ps = e.info().params(dialect());
    int n = Math.min(e.nparams(), ps.size());
    for (int i = 0; i < n; i++) {
      m.put(ps.get(i).name(), renderer.value(e, i));
    }
    return m;
  }
}
