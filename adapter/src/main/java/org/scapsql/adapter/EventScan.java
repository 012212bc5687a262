package org.scapsql.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerator;
import org.scapsql.reader.CaptureFormatException;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.EventTable;
import org.scapsql.reader.ParamInfo;
import org.scapsql.render.Categories;
import org.scapsql.render.EventFormatter;
import org.scapsql.render.FsPaths;
import org.scapsql.render.ParamRenderer;
import org.scapsql.render.SysdigFields;
import org.scapsql.state.FdInfo;
import org.scapsql.state.Paths;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;
import org.scapsql.state.Addresses;

/**
 * The {@code events} scan: one pass over each capture in turn, testing the
 * pushed predicates as early as their inputs allow (header fields before the
 * state tracker runs, state fields after), and building only the requested
 * columns of the matching events. Stops as soon as the pushed limit is reached.
 */
public final class EventScan implements Enumerator<Object[]> {
  private static final int CHECK_EVERY = 4096;

  private final List<Path> captures;
  private final ScanSpec spec;
  private final QueryControl control;
  private final int[] columns;
  private final boolean needState;
  private final boolean[] typeById;
  private final boolean[] typeBySyscall029;
  private final boolean[] typeBySyscallCurrent;

  private int captureIndex = -1;
  private CaptureReader reader;
  private StateTracker state;
  private SysdigFields fields;
  private FsPaths paths;
  private ParamRenderer renderer;
  private String captureName;
  private long firstTs = Long.MIN_VALUE;
  private long skipped;
  private long produced;
  private long sinceCheck;
  private Object[] current;
  private boolean done;
  private final TopN topN;
  private final boolean twoPass;
  private java.util.Iterator<Object[]> sorted;
  /** Second pass of a two-pass top-N: the event numbers to build, per capture (null: a normal scan). */
  private final java.util.Map<String, long[]> wanted;
  private long lastWanted = Long.MAX_VALUE;

  public EventScan(List<Path> captures, ScanSpec spec, QueryControl control) {
    this(captures, spec, control, null);
  }

  /** A scan that builds only the {@code wanted} events (by capture name and event number). */
  EventScan(List<Path> captures, ScanSpec spec, QueryControl control, java.util.Map<String, long[]> wanted) {
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
    this.needState = spec.needsState();
    EventTable table = EventTable.standard();
    if (spec.types != null) {
      typeById = new boolean[table.size()];
      for (int id = 2; id < table.size(); id++) {
        typeById[id] = spec.types.contains(table.get(id).name());
      }
      typeBySyscall029 = new boolean[1024];
      typeBySyscallCurrent = new boolean[1024];
      for (int sc = 0; sc < 1024; sc++) {
        String n029 = table.syscallName(sc, Dialect.SYSDIG_0_29);
        String ncur = table.syscallName(sc, Dialect.CURRENT);
        typeBySyscall029[sc] = n029 != null && spec.types.contains(n029);
        typeBySyscallCurrent[sc] = ncur != null && spec.types.contains(ncur);
      }
    } else {
      typeById = null;
      typeBySyscall029 = null;
      typeBySyscallCurrent = null;
    }
    done = spec.isEmpty();
    topN = spec.sortColumns != null && !done ? new TopN(spec) : null;
    twoPass = topN != null && TopN.twoPasses(captures, spec);
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
      while (true) {
        if (reader == null) {
          if (!openNext()) {
            if (topN != null) {
              sorted = topN.rows().iterator();
              return nextSorted();
            }
            done = true;
            return false;
          }
          // The next capture is open, or skipped (not asked for, or damaged before its first event).
          continue;
        }
        Event e;
        try {
          e = reader.next();
        } catch (CaptureFormatException damage) {
          damaged(damage);
          continue;
        }
        if (e == null) {
          if (reader.warning() != null) {
            control.warn(reader.warning() + "; rows of " + captureName + " stop there");
          }
          closeReader();
          continue;
        }
        if (e.num() > lastWanted) {
          // Every wanted event of this capture is built: the rest of it is never read.
          closeReader();
          continue;
        }
        ScanCounters.EVENTS_READ.incrementAndGet();
        if (++sinceCheck >= CHECK_EVERY) {
          sinceCheck = 0;
          control.check();
        }
        if (firstTs == Long.MIN_VALUE && e.ts() != 0) {
          firstTs = e.ts();
        }
        if (state != null) {
          if (e.num() == 1) {
            state.dialect(reader.dialect());
          }
          state.process(e);
          ScanCounters.EVENTS_TRACKED.incrementAndGet();
        }
        if (!matchesHeader(e) || !matchesState(e)) {
          continue;
        }
        if (topN != null) {
          // Only an event whose key would enter the top N costs a whole row.
          Object[] key = row(e, spec.sortColumns);
          if (topN.wants(key)) {
            topN.add(key, row(e, columns));
          }
          continue;
        }
        if (skipped < spec.offset) {
          skipped++;
          continue;
        }
        current = row(e, columns);
        produced++;
        ScanCounters.ROWS.incrementAndGet();
        if (spec.fetch >= 0 && produced >= spec.fetch) {
          // The limit is reached: the rest of the file is never read.
          if (reader != null) {
            ScanCounters.SCANS_STOPPED_EARLY.incrementAndGet();
          }
          closeReader();
          done = true;
        }
        return true;
      }
    } catch (IOException ex) {
      closeReader();
      throw new UncheckedIOException(ex.getMessage(), ex);
    }
  }

  private boolean nextSorted() {
    if (!sorted.hasNext()) {
      done = true;
      sorted = java.util.Collections.emptyIterator();
      return false;
    }
    current = sorted.next();
    ScanCounters.ROWS.incrementAndGet();
    return true;
  }

  /**
   * Damage ends one capture, not the query: its rows so far stand, the statement
   * gets a warning naming the file and offset, and the next capture is read.
   */
  private void damaged(CaptureFormatException damage) {
    control.warn(damage.getMessage() + "; rows of " + captureName + " stop there");
    closeReader();
  }

  /** Opens the next capture to read; false when there is none left. */
  private boolean openNext() throws IOException {
    captureIndex++;
    if (captureIndex >= captures.size()) {
      return false;
    }
    Path p = captures.get(captureIndex);
    captureName = p.getFileName().toString();
    if (spec.captureNames != null && !spec.captureNames.contains(captureName)) {
      return true;
    }
    if (wanted != null) {
      long[] nums = wanted.get(captureName);
      if (nums == null) {
        return true;
      }
      lastWanted = nums[nums.length - 1];
    }
    try {
      reader = Captures.open(p);
    } catch (CaptureFormatException damage) {
      damaged(damage);
      return true;
    }
    firstTs = Long.MIN_VALUE;
    state = new StateTracker();
    fields = new SysdigFields(state);
    paths = new FsPaths(state, fields);
    renderer = new ParamRenderer(state, ZoneOffset.UTC);
    if (needState) {
      reader.listener(state);
    } else {
      // Without a tracker following the events, it only carries the dialect.
      state = null;
    }
    return true;
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

  private Dialect dialect() {
    return reader.dialect();
  }

  private StateTracker tracker() {
    if (state == null) {
      StateTracker t = new StateTracker().dialect(dialect());
      fields = new SysdigFields(t);
      paths = new FsPaths(t, fields);
      renderer = new ParamRenderer(t, ZoneOffset.UTC);
      state = t;
    }
    return state;
  }

  private boolean matchesHeader(Event e) {
    if (wanted != null && java.util.Arrays.binarySearch(wanted.get(captureName), e.num()) < 0) {
      return false;
    }
    if (e.ts() < spec.timeFrom || e.ts() >= spec.timeTo) {
      return false;
    }
    if (e.num() < spec.numFrom || e.num() >= spec.numTo) {
      return false;
    }
    if (spec.dir != 0 && e.info().direction() != spec.dir) {
      return false;
    }
    if (spec.tids != null && !spec.tids.contains(e.tid())) {
      return false;
    }
    if (typeById != null) {
      int t = e.type();
      if (t <= 1) {
        if (!e.has(0) || e.isEmpty(0)) {
          return false;
        }
        int sc = (int) e.paramUnsigned(0);
        boolean[] bySc = dialect() == Dialect.SYSDIG_0_29 ? typeBySyscall029 : typeBySyscallCurrent;
        if (sc < 0 || sc >= bySc.length || !bySc[sc]) {
          return false;
        }
      } else if (t >= typeById.length || !typeById[t]) {
        return false;
      }
    }
    if (spec.failed != null) {
      ScanCounters.EVENTS_DECODED.incrementAndGet();
      if (fieldsFor().failed(e) != spec.failed) {
        return false;
      }
    }
    return true;
  }

  private SysdigFields fieldsFor() {
    tracker();
    return fields;
  }

  private boolean matchesState(Event e) {
    if (spec.pids != null) {
      ThreadInfo t = state.thread();
      if (t == null || !spec.pids.contains(t.pid)) {
        return false;
      }
    }
    if (spec.fds != null) {
      long fd = state.fdNum();
      if (fd == StateTracker.NO_FD || !spec.fds.contains(fd)) {
        return false;
      }
    }
    if (spec.categories != null && !spec.categories.contains(category(e))) {
      return false;
    }
    return true;
  }

  private String category(Event e) {
    if (e.info().isInternal()) {
      return "internal";
    }
    return Categories.name(e, state);
  }

  /** The values of {@code columns} (EventColumn ordinals) for the current event. */
  private Object[] row(Event e, int[] columns) {
    Object[] r = new Object[columns.length];
    boolean decoded = false;
    for (int i = 0; i < columns.length; i++) {
      EventColumn c = EventColumn.of(columns[i]);
      switch (c) {
        case EVT_NUM: r[i] = e.num(); break;
        case EVT_RAWTIME: r[i] = e.ts(); break;
        case EVT_TIME: r[i] = Math.floorDiv(e.ts(), 1_000_000L); break;
        case EVT_RELTIME: r[i] = e.ts() - (firstTs == Long.MIN_VALUE ? e.ts() : firstTs); break;
        case EVT_CPU: r[i] = e.cpu(); break;
        case EVT_DIR: r[i] = String.valueOf(e.info().direction()); break;
        case EVT_TYPE: r[i] = EventFormatter.type(e, dialect()); break;
        case EVT_CATEGORY: r[i] = category(e); break;
        case EVT_VISIBLE: r[i] = !state.hidden() && !e.info().isInternal(); break;
        case EVT_ARGS: r[i] = renderer.args(e).strip(); decoded = true; break;
        case EVT_RAWRES: r[i] = fieldsFor().rawres(e); decoded = true; break;
        case EVT_RES: r[i] = fieldsFor().res(e); decoded = true; break;
        case EVT_FAILED: r[i] = fieldsFor().failed(e); decoded = true; break;
        case EVT_LATENCY: r[i] = fields.evtLatency(e); break;
        case EVT_BUFLEN: r[i] = buflen(e); decoded = true; break;
        case EVT_IS_IO: r[i] = e.info().has(EventInfo.EF_READS_FROM_FD) || e.info().has(EventInfo.EF_WRITES_TO_FD); break;
        case EVT_IS_IO_READ: r[i] = e.info().has(EventInfo.EF_READS_FROM_FD); break;
        case EVT_IS_IO_WRITE: r[i] = e.info().has(EventInfo.EF_WRITES_TO_FD); break;
        case THREAD_TID: r[i] = e.tid(); break;
        case PROC_PID: r[i] = fields.procPid(); break;
        case PROC_PPID: r[i] = fields.procPpid(); break;
        case PROC_PNAME: r[i] = fields.procPname(); break;
        case PROC_NAME: r[i] = fields.procName(); break;
        case PROC_EXE: r[i] = fields.procExe(); break;
        case PROC_ARGS: r[i] = fields.procArgs(); break;
        case PROC_CWD: r[i] = fields.procCwd(); break;
        case PROC_LIFETIME: r[i] = fields.procLifetime(); break;
        case THREAD_LIFETIME: r[i] = fields.threadLifetime(); break;
        case PROC_TTY: r[i] = fields.procTty(); break;
        case USER_UID: r[i] = fields.userUid(); break;
        case USER_NAME: r[i] = fields.userName(); break;
        case USER_LOGINUID: r[i] = fields.userLoginuid(); break;
        case USER_LOGINNAME: r[i] = fields.userLoginname(); break;
        case CONTAINER_ID: r[i] = fields.containerId(); break;
        case CONTAINER_NAME: r[i] = fields.containerName(); break;
        case FD_NUM: r[i] = fields.fdNum(); break;
        case FD_LIFETIME: r[i] = fields.fdLifetime(); break;
        case FD_NAME: r[i] = fields.fdName(e); break;
        case FD_TYPE: r[i] = fields.fdType(); break;
        case FD_TYPECHAR: r[i] = fields.fdTypechar(e); break;
        case FD_DIRECTORY: r[i] = fdDirectory(); break;
        case FD_FILENAME: r[i] = fdFilename(); break;
        case FD_L4PROTO: r[i] = fd() == null || !fd().isInet() ? null : FdInfo.l4Name(fd().l4proto); break;
        case FD_CIP: r[i] = socket() == null || socket().role == FdInfo.ROLE_NONE || socket().dip == null ? null : Addresses.ip(socket().sip); break;
        case FD_CPORT: r[i] = socket() == null || socket().role == FdInfo.ROLE_NONE || socket().dip == null ? null : socket().sport; break;
        case FD_SIP: r[i] = serverIp(); break;
        case FD_SPORT: r[i] = serverPort(); break;
        case FS_PATH_NAME: r[i] = paths.path(e, FsPaths.Kind.NAME); decoded = true; break;
        case FS_PATH_SOURCE: r[i] = paths.path(e, FsPaths.Kind.SOURCE); decoded = true; break;
        case FS_PATH_TARGET: r[i] = paths.path(e, FsPaths.Kind.TARGET); decoded = true; break;
        case EVT_PARAMS: r[i] = params(e); decoded = true; break;
        case CAPTURE: r[i] = captureName; break;
        default: throw new IllegalStateException("unhandled column " + c);
      }
    }
    if (decoded) {
      ScanCounters.EVENTS_DECODED.incrementAndGet();
    }
    return r;
  }

  private FdInfo fd() {
    return state.eventFd();
  }

  private FdInfo socket() {
    FdInfo f = fd();
    return f != null && f.isInet() ? f : null;
  }

  private String serverIp() {
    FdInfo f = socket();
    if (f == null) {
      return null;
    }
    if (f.type == org.scapsql.reader.FdEntry.IPV4_SERVSOCK || f.type == org.scapsql.reader.FdEntry.IPV6_SERVSOCK) {
      return Addresses.ip(f.sip);
    }
    return f.role == FdInfo.ROLE_NONE || f.dip == null ? null : Addresses.ip(f.dip);
  }

  private Integer serverPort() {
    FdInfo f = socket();
    if (f == null) {
      return null;
    }
    if (f.type == org.scapsql.reader.FdEntry.IPV4_SERVSOCK || f.type == org.scapsql.reader.FdEntry.IPV6_SERVSOCK) {
      return f.sport;
    }
    return f.role == FdInfo.ROLE_NONE || f.dip == null ? null : f.dport;
  }

  private String fdDirectory() {
    FdInfo f = fd();
    if (f == null) {
      return null;
    }
    if (f.type == org.scapsql.reader.FdEntry.DIRECTORY) {
      return f.name;
    }
    if (f.type == org.scapsql.reader.FdEntry.FILE_V2 || f.type == org.scapsql.reader.FdEntry.FILE) {
      return Paths.directory(f.name);
    }
    return null;
  }

  private String fdFilename() {
    FdInfo f = fd();
    if (f == null || !(f.type == org.scapsql.reader.FdEntry.FILE_V2 || f.type == org.scapsql.reader.FdEntry.FILE)) {
      return null;
    }
    return Paths.filename(f.name);
  }

  private Long buflen(Event e) {
    if (e.info().enter() || !(e.info().has(EventInfo.EF_READS_FROM_FD) || e.info().has(EventInfo.EF_WRITES_TO_FD))) {
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

  @Override
  public void reset() {
    throw new UnsupportedOperationException("an events scan cannot be rewound");
  }

  @Override
  public void close() {
    closeReader();
    done = true;
  }
}
