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
import org.scapsql.render.EventFormatter;
import org.scapsql.render.FsPaths;
import org.scapsql.render.ParamRenderer;
import org.scapsql.render.SysdigFields;
import org.scapsql.state.StateTracker;

/**
 * Builds the columns of {@code events} rows from the current event and the state of
 * the capture being read: the value rule of each {@link EventColumn}. Counts the
 * events whose parameters it decodes.
 */
final class EventRows {
  private final ScanCounters counters;
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

  private Dialect dialect() {
    return cursor.dialect();
  }

  /** Fields that need no state still need the dialect: without a tracker, one that only carries it. */
  private SysdigFields fieldsFor() {
    if (state == null) {
      use(new StateTracker().dialect(dialect()));
    }
    return fields;
  }

  /** {@code evt_failed} for a pushed predicate (it decodes the result). */
  boolean failedForPredicate(Event e) {
    counters.decoded(1);
    return fieldsFor().failed(e);
  }

  String category(Event e) {
    if (e.info().isInternal()) {
      return "internal";
    }
    return Categories.name(e, state);
  }

  /** The values of {@code columns} (EventColumn ordinals) for the current event. */
  Object[] row(Event e, int[] columns) {
    Object[] r = new Object[columns.length];
    boolean decoded = false;
    for (int i = 0; i < columns.length; i++) {
      EventColumn c = EventColumn.of(columns[i]);
      if (c.decodes) {
        decoded = true;
      }
      r[i] = value(c, e);
    }
    if (decoded) {
      counters.decoded(1);
    }
    return r;
  }

  private Object value(EventColumn c, Event e) {
    EventInfo info = e.info();
    switch (c) {
      case EVT_NUM: return e.num();
      case EVT_RAWTIME: return e.ts();
      case EVT_TIME: return Math.floorDiv(e.ts(), 1_000_000L);
      case EVT_RELTIME: return e.ts() - (firstTs == Long.MIN_VALUE ? e.ts() : firstTs);
      case EVT_CPU: return e.cpu();
      case EVT_DIR: return String.valueOf(info.direction());
      case EVT_TYPE: return EventFormatter.type(e, dialect());
      case EVT_CATEGORY: return category(e);
      case EVT_VISIBLE: return !state.hidden() && !info.isInternal();
      case EVT_ARGS: return renderer.args(e).strip();
      case EVT_RAWRES: return fieldsFor().rawres(e);
      case EVT_RES: return fieldsFor().res(e);
      case EVT_FAILED: return fieldsFor().failed(e);
      case EVT_LATENCY: return fields.evtLatency(e);
      case EVT_BUFLEN: return buflen(e);
      case EVT_IS_IO: return info.has(EventInfo.EF_READS_FROM_FD) || info.has(EventInfo.EF_WRITES_TO_FD);
      case EVT_IS_IO_READ: return info.has(EventInfo.EF_READS_FROM_FD);
      case EVT_IS_IO_WRITE: return info.has(EventInfo.EF_WRITES_TO_FD);
      case THREAD_TID: return e.tid();
      case PROC_PID: return fields.procPid();
      case PROC_PPID: return fields.procPpid();
      case PROC_PNAME: return fields.procPname();
      case PROC_NAME: return fields.procName();
      case PROC_EXE: return fields.procExe();
      case PROC_ARGS: return fields.procArgs();
      case PROC_CWD: return fields.procCwd();
      case PROC_LIFETIME: return fields.procLifetime();
      case THREAD_LIFETIME: return fields.threadLifetime();
      case PROC_TTY: return fields.procTty();
      case USER_UID: return fields.userUid();
      case USER_NAME: return fields.userName();
      case USER_LOGINUID: return fields.userLoginuid();
      case USER_LOGINNAME: return fields.userLoginname();
      case CONTAINER_ID: return fields.containerId();
      case CONTAINER_NAME: return fields.containerName();
      case FD_NUM: return fields.fdNum();
      case FD_LIFETIME: return fields.fdLifetime();
      case FD_NAME: return fields.fdName(e);
      case FD_TYPE: return fields.fdType();
      case FD_TYPECHAR: return fields.fdTypechar(e);
      case FD_DIRECTORY: return SysdigFields.fdDirectory(state.eventFd());
      case FD_FILENAME: return SysdigFields.fdFilename(state.eventFd());
      case FD_L4PROTO: return SysdigFields.fdL4proto(state.eventFd());
      case FD_CIP: return SysdigFields.fdClientIp(state.eventFd());
      case FD_CPORT: return SysdigFields.fdClientPort(state.eventFd());
      case FD_SIP: return SysdigFields.fdServerIp(state.eventFd());
      case FD_SPORT: return SysdigFields.fdServerPort(state.eventFd());
      case FS_PATH_NAME: return paths.path(e, FsPaths.Kind.NAME);
      case FS_PATH_SOURCE: return paths.path(e, FsPaths.Kind.SOURCE);
      case FS_PATH_TARGET: return paths.path(e, FsPaths.Kind.TARGET);
      case EVT_PARAMS: return params(e);
      case CAPTURE: return cursor.captureName();
      default: throw new IllegalStateException("unhandled column " + c);
    }
  }

  private Long buflen(Event e) {
    EventInfo info = e.info();
    if (info.enter() || !(info.has(EventInfo.EF_READS_FROM_FD) || info.has(EventInfo.EF_WRITES_TO_FD))) {
      return null;
    }
    Long r = fieldsFor().rawres(e);
    return r != null && r >= 0 ? r : null;
  }

  private Map<String, String> params(Event e) {
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
