package org.scapsql.render;

import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.state.FdInfo;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/**
 * sysdig field values of the current event ({@code evt.rawres}, {@code fd.name},
 * {@code proc.name} ...), computed from the event and the tracker that has just
 * processed it. Null means the field is absent ({@code <NA>} in sysdig).
 */
public final class SysdigFields {
  private final StateTracker state;

  public SysdigFields(StateTracker state) {
    this.state = state;
  }

  /** Index of the parameter holding the return value, or -1. */
  public int resultIndex(Event e) {
    EventInfo info = e.info();
    if (info.enter()) {
      return -1;
    }
    if (state.dialect() == Dialect.CURRENT) {
      if (e.type() == 1 || (info.category() & EventInfo.EC_SYSCALL) == 0) {
        return -1;
      }
      return e.has(0) ? 0 : -1;
    }
    int i = e.param("res");
    if (i < 0 && info.has(EventInfo.EF_CREATES_FD)) {
      i = e.param("fd");
    }
    return i;
  }

  /** {@code evt.rawres}, or null. */
  public Long rawres(Event e) {
    int i = resultIndex(e);
    if (i < 0 || e.isEmpty(i)) {
      return null;
    }
    return e.paramLong(i);
  }

  public boolean failed(Event e) {
    Long r = rawres(e);
    return r != null && r < 0;
  }

  /** {@code evt.res}: SUCCESS or the errno name; null when the event has no result. */
  public String res(Event e) {
    Long r = rawres(e);
    return r == null ? null : Errno.result(r);
  }

  public String procName() {
    ThreadInfo t = state.thread();
    return t == null ? null : t.comm;
  }

  /** {@code fd.num}, or null. */
  public Long fdNum() {
    long n = state.fdNum();
    return n == StateTracker.NO_FD ? null : n;
  }

  /** {@code fd.name}: the fd's name; "" for an fd the table does not hold; null without an fd. */
  public String fdName() {
    if (state.fdNum() == StateTracker.NO_FD) {
      return null;
    }
    FdInfo f = state.fd();
    if (f == null && state.thread() != null) {
      f = state.thread().process.get(state.fdNum());
    }
    return f == null ? "" : f.name;
  }

  /** {@code fd.type}, or null. */
  public String fdType() {
    FdInfo f = currentFd();
    return f == null ? null : f.typeName();
  }

  private FdInfo currentFd() {
    if (state.fdNum() == StateTracker.NO_FD) {
      return null;
    }
    FdInfo f = state.fd();
    if (f == null && state.thread() != null) {
      f = state.thread().process.get(state.fdNum());
    }
    return f;
  }
}
