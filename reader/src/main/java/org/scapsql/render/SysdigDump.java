package org.scapsql.render;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.state.StateTracker;

/**
 * A capture as {@code sysdig -r} prints it, one line per shown event, so the two
 * can be diffed; {@code internal} adds what sysdig shows only with {@code -D}.
 * The {@code dump} command and the differential tests share it.
 */
public final class SysdigDump {
  private final boolean internal;
  private final Dialect dialect;
  private final ZoneId zone;

  /** {@code dialect} null lets the reader choose from the capture. */
  public SysdigDump(boolean internal, Dialect dialect, ZoneId zone) {
    this.internal = internal;
    this.dialect = dialect;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Writes the lines; returns the reader's truncation warning, or null. */
  public String run(Path capture, Writer out) throws IOException {
    StateTracker state = new StateTracker();
    EventFormatter fmt = new EventFormatter(state, zone);
    try (CaptureReader r = CaptureReader.open(capture, dialect)) {
      r.listener(state);
      for (Event e; (e = r.next()) != null; ) {
        state.process(e);
        if (state.hidden() || (!internal && e.info().isInternal())) {
          continue;
        }
        out.write(fmt.format(e));
        out.write('\n');
      }
      out.flush();
      return r.warning();
    }
  }
}
