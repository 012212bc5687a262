package org.scapsql.adapter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.scapsql.reader.CaptureFormatException;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.state.StateTracker;

/**
 * One pass of one query over its captures, in order: opens each capture in turn,
 * feeds its events to a fresh state tracker (when the scan needs one) that learns
 * the capture's dialect, checks for cancel and timeout every few thousand events,
 * counts what it read into the query's {@link ScanCounters}, and turns damage into a
 * warning that ends one capture's rows rather than the query. Every scan and command
 * that reads captures through the adapter goes through it.
 */
public final class CaptureCursor implements AutoCloseable {
  /** Events between two cancel checks and counter updates: cheap, yet a stop within milliseconds. */
  static final int CHECK_EVERY = 4096;

  private final List<Path> captures;
  private final QueryControl control;
  private final ScanCounters counters;
  private final Supplier<StateTracker> trackers;
  private Predicate<String> wanted = name -> true;
  private Consumer<CaptureCursor> opened = c -> { };
  private BiConsumer<CaptureReader, String> ended = (r, w) -> { };
  private Consumer<CaptureCursor> firstEvent = c -> { };

  private int index = -1;
  private CaptureReader reader;
  private StateTracker state;
  private String name;
  private boolean dialectKnown;
  private long lastEvent = Long.MAX_VALUE;
  private long read;
  private long tracked;
  private boolean closed;
  /** Whether the capture now ending was cut short by its reader's caller, not by its end or damage. */
  private boolean cutShort;

  /**
   * A cursor over {@code captures}; {@code trackers} gives each capture its state tracker
   * (null: the scan needs none, and events are only read).
   */
  public CaptureCursor(List<Path> captures, QueryControl control, Supplier<StateTracker> trackers) {
    if (captures == null || control == null) {
      throw new IllegalArgumentException("a capture cursor needs captures and a query control");
    }
    this.captures = captures;
    this.control = control;
    this.counters = control.counters();
    this.trackers = trackers;
  }

  /** Reads only the captures whose file name passes {@code test}; the others are skipped unopened. */
  public CaptureCursor only(Predicate<String> test) {
    this.wanted = test;
    return this;
  }

  /** Called once a capture is open, before its first event (to set up per-capture state). */
  public CaptureCursor onOpen(Consumer<CaptureCursor> callback) {
    this.opened = callback;
    return this;
  }

  /**
   * Called as each capture ends, with its reader (null when it could not be opened) and the
   * warning that ended it early (null: read to its end), before the reader is closed.
   */
  public CaptureCursor onEnd(BiConsumer<CaptureReader, String> callback) {
    this.ended = callback;
    return this;
  }

  /**
   * Called at each capture's first event, before the tracker processes it: the
   * capture's metadata (thread table, users) is loaded by then, and its events not yet.
   */
  public CaptureCursor onFirstEvent(Consumer<CaptureCursor> callback) {
    this.firstEvent = callback;
    return this;
  }

  /** Ends the current capture once past event {@code num}: events after it are never read. */
  public void lastEvent(long num) {
    this.lastEvent = num;
  }

  /**
   * The next event, already processed by the capture's tracker; null when every
   * capture is read.
   */
  public Event next() throws IOException {
    while (true) {
      if (reader == null) {
        if (!openNext()) {
          return null;
        }
        continue;
      }
      Event e;
      try {
        e = reader.next();
      } catch (CaptureFormatException damage) {
        endCapture(damage.getMessage());
        continue;
      }
      if (e == null) {
        endCapture(reader.warning());
        continue;
      }
      if (e.num() > lastEvent) {
        cutShort = true;
        endCapture(null);
        continue;
      }
      if (++read >= CHECK_EVERY) {
        flush();
        control.check();
      }
      if (!dialectKnown) {
        // The reader has told the tracker the dialect before handing out this first event.
        dialectKnown = true;
        firstEvent.accept(this);
      }
      if (state != null) {
        state.process(e);
        tracked++;
      }
      return e;
    }
  }

  /** The capture being read: its reader (null between captures). */
  public CaptureReader reader() {
    return reader;
  }

  /** The dialect of the capture being read. */
  public Dialect dialect() {
    return reader.dialect();
  }

  /** The tracker of the capture being read, or null when the scan asked for none. */
  public StateTracker state() {
    return state;
  }

  /** File name of the capture being read. */
  public String captureName() {
    return name;
  }

  /** True while a capture is open (false once the cursor is past the last one or closed). */
  public boolean reading() {
    return reader != null;
  }

  /** The query's counters this cursor adds to. */
  public ScanCounters counters() {
    return counters;
  }

  /** Stops reading the current capture (the next call moves to the next one). */
  public void endCapture() {
    cutShort = true;
    endCapture(null);
  }

  /**
   * In the {@link #onEnd} callback: true when the capture ends because its reader stopped
   * early (an event-number bound, {@link #endCapture()}), false when its events ran out or
   * damage ended them, as in any whole read of it.
   */
  public boolean cutShort() {
    return cutShort;
  }

  /** The capture being read (null between captures). */
  public Path capture() {
    return reader == null ? null : captures.get(index);
  }

  private void endCapture(String warning) {
    ended.accept(reader, warning);
    cutShort = false;
    if (warning != null) {
      control.warn(warning + "; rows of " + name + " stop there");
    }
    closeReader();
    flush();
  }

  private boolean openNext() throws IOException {
    while (++index < captures.size()) {
      Path p = captures.get(index);
      name = p.getFileName().toString();
      if (!wanted.test(name)) {
        continue;
      }
      try {
        reader = Captures.open(p);
      } catch (CaptureFormatException damage) {
        endCapture(damage.getMessage());
        continue;
      }
      lastEvent = Long.MAX_VALUE;
      dialectKnown = false;
      state = trackers == null ? null : trackers.get();
      if (state != null) {
        reader.listener(state);
      }
      opened.accept(this);
      return true;
    }
    return false;
  }

  private void flush() {
    if (read > 0) {
      counters.read(read);
      read = 0;
    }
    if (tracked > 0) {
      counters.tracked(tracked);
      tracked = 0;
    }
  }

  private void closeReader() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException ignored) {
        // Closing a read-only file cannot lose data.
      }
      reader = null;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeReader();
      flush();
      index = captures.size();
    }
  }
}
