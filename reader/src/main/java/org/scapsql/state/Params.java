package org.scapsql.state;

import org.scapsql.reader.Event;

/** An event's parameters by name, for the parameters an event version may lack or leave empty. */
final class Params {
  private Params() {
  }

  /** The parameter as a string, or null when the event does not carry it (or carries it empty). */
  static String string(Event e, String name) {
    int i = e.param(name);
    return i >= 0 && !e.isEmpty(i) ? e.paramString(i) : null;
  }

  static Long unsigned(Event e, String name) {
    int i = e.param(name);
    return i >= 0 && !e.isEmpty(i) ? e.paramUnsigned(i) : null;
  }

  static long unsigned(Event e, String name, long dflt) {
    int i = e.param(name);
    return i >= 0 && !e.isEmpty(i) ? e.paramUnsigned(i) : dflt;
  }

  static Long signed(Event e, String name) {
    int i = e.param(name);
    return i >= 0 && !e.isEmpty(i) ? e.paramLong(i) : null;
  }

  static long signed(Event e, String name, long dflt) {
    int i = e.param(name);
    return i >= 0 && !e.isEmpty(i) ? e.paramLong(i) : dflt;
  }
}
