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
  private static final int ROW_BATCH = 4096;
  private final List<Path> captures;
  private final ScanSpec spec;
  private final QueryControl control;
  private final int[] columns;
  private final EventPredicate predicate;
  /** The columns of the spec's value tests, one per test. */
  private final int[] testColumns;
  private final EventRows rows;
  private final CaptureCursor cursor;
  private final TopN topN;
  private final boolean twoPass;
  /** A pushed GROUP BY (null: the scan returns events). */
  private final Aggregation aggregation;
  /** Second pass of a two-pass top-N: the event numbers to build, per capture (null: a normal scan). */
  private final Map<String, long[]> wanted;
  private long[] wantedHere;

  /** The events read from the captures' column caches instead (null: read from the captures). */
  private org.scapsql.adapter.cache.CachedEvents cached;
  /** Reads the captures even where a column cache could answer. */
  private boolean capturesOnly;
  private boolean started;

  /** The reading side on a thread of its own (null: this thread reads). */
  private ScanAhead ahead;
  private boolean aheadDecided;

  /** The entity pass this scan carries for the capture being read (null: none). */
  private org.scapsql.adapter.entity.EntityCache.Rider rider;

  private long skipped;
  private long produced;
  /** Rows returned and not yet added to the shared counters ({@link #moveNext}). */
  private long rowsPending;
  private Object[] current;
  private boolean done;
  private Iterator<Object[]> sorted;

  public EventScan(List<Path> captures, ScanSpec spec, QueryControl control) {
    this(captures, spec, control, null);
  }

  /**
   * A scan that reads the captures, never their column caches (the cache of one of them
   * was found damaged while it was being read).
   */
  public static EventScan fromCaptures(List<Path> captures, ScanSpec spec, QueryControl control) {
    EventScan s = new EventScan(captures, spec, control, null);
    s.capturesOnly = true;
    return s;
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
    this.testColumns = spec.tests.stream().mapToInt(t -> t.column).toArray();
    this.rows = new EventRows(control.counters());
    this.cursor = new CaptureCursor(captures, control, spec.needsState() ? StateTracker::new : null)
        .only(name -> (spec.captureNames == null || spec.captureNames.contains(name))
            && (wanted == null || wanted.containsKey(name)))
        .onOpen(this::opened)
        .onFirstEvent(c -> {
          if (rider != null) {
            rider.firstEvent();
          }
        })
        .onEnd(this::ended);
    done = spec.isEmpty();
    aggregation = spec.isAggregated() ? new Aggregation(spec) : null;
    if (done && aggregation != null) {
      // No event can match, yet an aggregate without keys still answers one row (COUNT 0).
      sorted = aggregation.rows().iterator();
    }
    topN = spec.sortColumns != null && !done ? new TopN(spec) : null;
    twoPass = topN != null && TopN.twoPasses(captures, spec);
  }

  /**
   * Whether this scan, as its spec reads, goes through each capture to its end with a
   * tracker: an entity pass can then ride on it ({@link org.scapsql.adapter.entity.EntityNeeds}).
   */
  static boolean readsWholeWithState(ScanSpec spec) {
    return spec.needsState() && !spec.isEmpty() && spec.fetch < 0 && spec.offset == 0
        && spec.numTo == Long.MAX_VALUE && spec.sortColumns == null && !spec.isAggregated();
  }

  private void opened(CaptureCursor c) {
    rows.capture(c);
    if (wanted == null && c.state() != null && readsWholeWithState(spec)) {
      org.scapsql.adapter.entity.EntityNeeds needs = org.scapsql.adapter.entity.EntityNeeds.of(control);
      if (needs != null) {
        rider = org.scapsql.adapter.entity.EntityCache.ride(c.capture(), c.state(), needs.rides(c.capture()), needs);
      }
    }
    if (spec.numTo != Long.MAX_VALUE) {
      // Event numbers count up through each capture: past the range, nothing more can match.
      c.lastEvent(spec.numTo - 1);
    }
    if (wanted != null) {
      wantedHere = wanted.get(c.captureName());
      // Every wanted event of this capture is built by its last: the rest of it is never read.
      c.lastEvent(wantedHere[wantedHere.length - 1]);
    }
  }

  private void ended(org.scapsql.reader.CaptureReader reader, String warning) {
    if (rider != null) {
      if (cursor.cutShort()) {
        rider.abandon();
      } else {
        rider.finish(reader, warning);
      }
      rider = null;
    }
  }

  @Override
  public Object[] current() {
    return current;
  }

  /**
   * Rows are added to the shared counters in batches, and the rest when the scan ends or
   * closes: a shared write per row was a measurable part of a cheap row's cost.
   */
  @Override
  public boolean moveNext() {
    boolean more = advance();
    if (!more) {
      flushRows();
    } else if (++rowsPending == ROW_BATCH) {
      flushRows();
    }
    return more;
  }

  private void flushRows() {
    if (rowsPending > 0) {
      control.counters().rows(rowsPending);
      rowsPending = 0;
    }
  }

  private boolean advance() {
    if (sorted != null) {
      return nextSorted();
    }
    if (done) {
      return false;
    }
    // Once per row as well as every few thousand events: the work above the scan per row may be large.
    control.check();
    if (!started) {
      started = true;
      org.scapsql.adapter.entity.EntityNeeds needs = org.scapsql.adapter.entity.EntityNeeds.of(control);
      if (needs != null) {
        needs.settle(control);
      }
      start();
    }
    if (cached != null) {
      return nextCached();
    }
    if (twoPass) {
      sorted = TopN.inTwoPasses(captures, spec, control).iterator();
      return nextSorted();
    }
    if (aggregation == null && topN == null) {
      return nextPlain();
    }
    if (aggregation != null && wanted == null && ParallelAggregation.worthIt(captures, spec)) {
      ParallelAggregation.run(captures, spec, control, aggregation);
      cursor.close();
      sorted = aggregation.rows().iterator();
      return nextSorted();
    }
    try {
      for (Event e; (e = nextMatchingEvent()) != null; ) {
        if (aggregation != null) {
          aggregation.add(rows.row(e, columns));
          continue;
        }
        // Only an event whose key would enter the top N costs a whole row.
        Object[] key = rows.row(e, spec.sortColumns);
        if (topN.wants(key)) {
          topN.add(key, rows.row(e, columns));
        }
      }
    } catch (IOException ex) {
      cursor.close();
      throw new UncheckedIOException(ex.getMessage(), ex);
    }
    if (topN != null) {
      sorted = topN.rows().iterator();
      return nextSorted();
    }
    if (aggregation != null) {
      sorted = aggregation.rows().iterator();
      return nextSorted();
    }
    done = true;
    return false;
  }

  /** The next row of a scan that returns its events (no aggregate, no top-N). */
  private boolean nextPlain() {
    if (ahead == null && !aheadDecided) {
      aheadDecided = true;
      // Pushed limits stay on this thread: the reading side would read past them.
      if (wanted == null && spec.fetch < 0 && spec.offset == 0 && ScanAhead.worthIt(fileBytes())) {
        ahead = new ScanAhead(this::nextMatching, "scapsql-scan-ahead");
      }
    }
    Object[] r;
    try {
      r = ahead != null ? ahead.next() : nextMatching();
      while (r != null && skipped < spec.offset) {
        skipped++;
        r = nextMatching();
      }
    } catch (IOException ex) {
      cursor.close();
      throw new UncheckedIOException(ex.getMessage(), ex);
    }
    if (r == null) {
      done = true;
      return false;
    }
    current = r;
    produced++;
    if (spec.fetch >= 0 && produced >= spec.fetch) {
      // The limit is reached: the rest of the file is never read.
      control.counters().stoppedEarly();
      cursor.close();
      done = true;
    }
    return true;
  }

  /**
   * Reads on to the next event that passes the scan's tests and builds its row; null once
   * every capture is read. Runs on the query's thread or, for a large scan, on the
   * {@link ScanAhead} thread, which alone then touches the cursor, tracker and rider.
   */
  private Object[] nextMatching() throws IOException {
    Event e = nextMatchingEvent();
    return e == null ? null : rows.row(e, columns);
  }

  /** Reads on to the next event that passes the scan's tests (the rider sees every event); null at the end. */
  private Event nextMatchingEvent() throws IOException {
    for (Event e; (e = cursor.next()) != null; ) {
      rows.seen(e);
      if (rider != null) {
        rider.event(e);
      }
      if (wantedHere != null && Arrays.binarySearch(wantedHere, e.num()) < 0) {
        continue;
      }
      if (predicate.matchesHeader(e, cursor.dialect(), rows) && predicate.matchesState(e, cursor.state(), rows)
          && passesTests(e)) {
        return e;
      }
    }
    rows.flushCounts();
    return null;
  }

  /** Bytes of the captures this scan may read: regular files only (a pipe is read on the query's thread). */
  private long fileBytes() {
    long total = 0;
    for (Path p : captures) {
      if (spec.captureNames != null && !spec.captureNames.contains(p.getFileName().toString())) {
        continue;
      }
      try {
        if (!java.nio.file.Files.isRegularFile(p)) {
          return 0;
        }
        total += java.nio.file.Files.size(p);
      } catch (IOException e) {
        return 0; // The scan itself reports it.
      }
    }
    return total;
  }

  /**
   * Runs this scan's aggregation over all its events without producing its rows: the
   * groups stay open, for a caller merging several captures' partial groups.
   */
  Aggregation aggregateOnly() {
    if (aggregation == null) {
      throw new IllegalStateException("not an aggregating scan: " + spec);
    }
    if (done) {
      return aggregation;
    }
    try {
      for (Object[] r; (r = nextMatching()) != null; ) {
        aggregation.add(r);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex.getMessage(), ex);
    } finally {
      cursor.close();
      done = true;
    }
    return aggregation;
  }

  private boolean passesTests(Event e) {
    if (testColumns.length == 0) {
      return true;
    }
    Object[] values = rows.row(e, testColumns);
    for (int i = 0; i < values.length; i++) {
      if (!spec.tests.get(i).test(values[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the column caches when every capture has one and they hold every column the
   * scan needs; otherwise the captures, and a scan that reads them whole asks for their
   * caches to be built in the background for the next query.
   */
  private void start() {
    if (wanted != null || capturesOnly) {
      return;
    }
    cached = org.scapsql.adapter.cache.CachedEvents.open(captures, spec, columns, control);
    if (cached == null && spec.fetch < 0) {
      for (java.nio.file.Path p : captures) {
        org.scapsql.adapter.cache.ColumnCache.shared().buildLater(p);
      }
    }
  }

  private boolean nextCached() {
    if (aggregation != null) {
      if (!cached.aggregate(aggregation)) {
        for (Object[] r; (r = cached.next(columns)) != null; ) {
          aggregation.add(r);
        }
      }
      return finishCached(aggregation.rows());
    }
    if (topN != null) {
      int[] both = java.util.stream.IntStream.concat(Arrays.stream(columns), Arrays.stream(spec.sortColumns))
          .toArray();
      for (Object[] r; (r = cached.next(both)) != null; ) {
        Object[] key = Arrays.copyOfRange(r, columns.length, both.length);
        if (topN.wants(key)) {
          topN.add(key, Arrays.copyOf(r, columns.length));
        }
      }
      return finishCached(topN.rows());
    }
    // No thread of its own here, unlike the captures: unpacking cached rows is cheap beside
    // Calcite's work on them, and handing them to the other core cost more than it saved
    // (inspect.processes from the cache: 1.13 of the wall time, 1.35 of the CPU).
    for (Object[] r; (r = cached.next(columns)) != null; ) {
      if (skipped < spec.offset) {
        skipped++;
        continue;
      }
      current = r;
      produced++;
      if (spec.fetch >= 0 && produced >= spec.fetch) {
        control.counters().stoppedEarly();
        finishCached(List.of());
      }
      return true;
    }
    finishCached(List.of());
    done = true;
    return false;
  }

  private boolean finishCached(List<Object[]> rows) {
    control.counters().read(cached.eventsRead());
    cached.close();
    cached = null;
    done = true;
    sorted = rows.iterator();
    return nextSorted();
  }

  private boolean nextSorted() {
    if (!sorted.hasNext()) {
      done = true;
      sorted = Collections.emptyIterator();
      return false;
    }
    current = sorted.next();
    return true;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("an events scan cannot be rewound");
  }

  @Override
  public void close() {
    if (ahead != null) {
      // The reading side lets go of the cursor and rider first; they are closed here.
      ahead.close();
      ahead = null;
    }
    rows.flushCounts();
    flushRows();
    if (rider != null) {
      rider.abandon();
      rider = null;
    }
    if (cached != null) {
      cached.close();
      cached = null;
    }
    cursor.close();
    done = true;
  }
}
