package org.scapsql.render;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventTable;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/**
 * sysdig's default output line:
 * {@code %evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.args}.
 */
public final class EventFormatter {
  private final StateTracker state;
  private final ParamRenderer params;
  private final ZoneId zone;
  private final StringBuilder sb = new StringBuilder(256);

  public EventFormatter(StateTracker state, ZoneId zone) {
    this.state = state;
    this.zone = zone;
    this.params = new ParamRenderer(state, zone);
  }

  public ParamRenderer params() {
    return params;
  }

  /** sysdig's {@code evt.type}: the event name, or the syscall name of a generic event. */
  public static String type(Event e, Dialect d) {
    if (e.type() <= 1) {
      if (e.has(0) && !e.isEmpty(0)) {
        String n = EventTable.standard().syscallName((int) e.paramUnsigned(0), d);
        if (n != null) {
          return n;
        }
      }
      return d == Dialect.SYSDIG_0_29 ? "<unknown>" : "unknown";
    }
    return e.info().name();
  }

  /** {@code HH:MM:SS.nnnnnnnnn} in the given zone. */
  public static void appendTime(StringBuilder sb, long ts, ZoneId zone) {
    LocalTime t = Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L), Math.floorMod(ts, 1_000_000_000L))
        .atZone(zone).toLocalTime();
    two(sb, t.getHour());
    sb.append(':');
    two(sb, t.getMinute());
    sb.append(':');
    two(sb, t.getSecond());
    sb.append('.');
    String n = Integer.toString(t.getNano());
    for (int k = n.length(); k < 9; k++) {
      sb.append('0');
    }
    sb.append(n);
  }

  private static void two(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    sb.append(v);
  }

  /** The line for an event the tracker has just processed. */
  public String format(Event e) {
    sb.setLength(0);
    sb.append(e.num()).append(' ');
    appendTime(sb, e.ts(), zone);
    sb.append(' ').append(e.cpu()).append(' ');
    ThreadInfo t = state.thread();
    sb.append(t == null ? "<NA>" : t.comm);
    sb.append(" (").append(e.tid()).append(") ");
    sb.append(e.info().direction()).append(' ');
    sb.append(type(e, state.dialect())).append(' ');
    params.appendArgs(sb, e);
    return sb.toString();
  }
}
