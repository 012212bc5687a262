package org.scapsql.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerator;
import org.scapsql.reader.Event;
import org.scapsql.state.StateTracker;

/**
 * The {@code events} scan: one pass of a {@link CaptureCursor} over the captures,
 * testing the pushed predicates ({@link EventPredicate}) as early as their inputs allow
 * (header fields before anything is decoded, state fields after the tracker ran), and
 * building ({@link EventRows}) only the requested columns of the matching events.
 * Stops as soon as the pushed limit is reached.
 */
public final class EventScan implements Enumerator<Object[]> {
  private final List<Path> captures;
  private final ScanSpec spec;
  private final QueryControl control;
  private final int[] columns;
  private final EventPredicate predicate;
  private final EventRows rows;
  private final CaptureCursor cursor;
  private final TopN topN;
  private final boolean twoPass;
  /** Second pass of a two-pass top-N: the event numbers to build, per capture (null: a normal scan). */
  private final Map<String, long[]> wanted;
  private long[] wantedHere;

  private long skipped;
  private long produced;
  private Object[] current;
  private boolean done;
  private Iterator<Object[]> sorted;

  public EventScan(List<Path> captures, ScanSpec spec, QueryControl control) {
    this(captures, spec, control, null);
  }

  /** A scan that builds only the {@code wanted} events (by capture name and event number). */
  EventScan(List<Path> captures, ScanSpec spec, QueryControl control, Map<String, long[]> wanted) {
    this.wanted = wanted;
    this.captures = captures;
    this.spec = spec;
    this.control = control;
    if (spec.columns == null) {
      columns = new int[EventColumn.count()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = i;
      }
    } else {
      columns = spec.columns;
    }
    this.predicate = new EventPredicate(spec);
    this.rows = new EventRows(control.counters());
    this.cursor = new CaptureCursor(captures, control, spec.needsState() ? StateTracker::new : null)
        .only(name -> (spec.captureNames == null || spec.captureNames.contains(name))
            && (wanted == null || wanted.containsKey(name)))
        .onOpen(this::opened);
    done = spec.isEmpty();
    topN = spec.sortColumns != null && !done ? new TopN(spec) : null;
    twoPass = topN != null && TopN.twoPasses(captures, spec);
  }

  private void opened(CaptureCursor c) {
    rows.capture(c);
    if (wanted != null) {
      wantedHere = wanted.get(c.captureName());
      // Every wanted event of this capture is built by its last: the rest of it is never read.
      c.lastEvent(wantedHere[wantedHere.length - 1]);
    }
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (sorted != null) {
      return nextSorted();
    }
    if (done) {
      return false;
    }
    // Once per row as well as every few thousand events: the work above the scan per row may be large.
    control.check();
    if (twoPass) {
      sorted = TopN.inTwoPasses(captures, spec, control).iterator();
      return nextSorted();
    }
    try {
      for (Event e; (e = cursor.next()) != null; ) {
        rows.seen(e);
        if (wantedHere != null && Arrays.binarySearch(wantedHere, e.num()) < 0) {
          continue;
        }
        if (!predicate.matchesHeader(e, cursor.dialect(), rows)
            || !predicate.matchesState(e, cursor.state(), rows)) {
          continue;
        }
        if (topN != null) {
          // Only an event whose key would enter the top N costs a whole row.
          Object[] key = rows.row(e, spec.sortColumns);
          if (topN.wants(key)) {
            topN.add(key, rows.row(e, columns));
          }
          continue;
        }
        if (skipped < spec.offset) {
          skipped++;
          continue;
        }
        current = rows.row(e, columns);
        produced++;
        control.counters().row();
        if (spec.fetch >= 0 && produced >= spec.fetch) {
          // The limit is reached: the rest of the file is never read.
          control.counters().stoppedEarly();
          cursor.close();
          done = true;
        }
        return true;
      }
    } catch (IOException ex) {
      cursor.close();
      throw new UncheckedIOException(ex.getMessage(), ex);
    }
    if (topN != null) {
      sorted = topN.rows().iterator();
      return nextSorted();
    }
    done = true;
    return false;
  }

  private boolean nextSorted() {
    if (!sorted.hasNext()) {
      done = true;
      sorted = Collections.emptyIterator();
      return false;
    }
    current = sorted.next();
    control.counters().row();
    return true;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("an events scan cannot be rewound");
  }

  @Override
  public void close() {
    cursor.close();
    done = true;
  }
}
