package org.scapsql.adapter.entity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.CaptureCursor;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.UserInfo;
import org.scapsql.render.SysdigFields;
import org.scapsql.state.ContainerInfo;
import org.scapsql.state.FdInfo;
import org.scapsql.state.ProcessFds;
import org.scapsql.state.StateListener;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/**
 * One whole pass over a capture that records every process, thread and fd
 * lifetime with its I/O, then lays them out as the rows of the entity tables by
 * the columns' rules ({@link EntityColumns}).
 */
public final class EntityPass implements StateListener {
  private final StateTracker state = new StateTracker();
  private final SysdigFields fields = new SysdigFields(state);
  private final List<ProcessRow> processes = new ArrayList<>();
  private final List<ThreadRow> threads = new ArrayList<>();
  private final List<FdRow> fds = new ArrayList<>();
  private final Set<String> containerIds = new TreeSet<>();
  private final List<ProcessRow> parentsPending = new ArrayList<>();
  /** Whether flags render by current libsinsp's rule (captures it wrote) rather than sysdig 0.29.3's. */
  private boolean current;
  private boolean eventsStarted;

  private final String capture;

  private EntityPass(String capture) {
    this.capture = capture;
    state.listener(this);
  }

  /** Reads the whole capture and returns its entities. */
  public static Entities run(Path capture, QueryControl control) throws IOException {
    return new EntityPass(capture.getFileName().toString()).read(capture, control);
  }

  /** The capture's file name, the {@code capture} column of its rows. */
  String capture() {
    return capture;
  }

  /** The field rules on the tracker (as the pass ended, when the rows are laid out). */
  SysdigFields fields() {
    return fields;
  }

  /** Whether flags render by current libsinsp's rule (captures it wrote) rather than sysdig 0.29.3's. */
  boolean current() {
    return current;
  }

  private Entities read(Path capture, QueryControl control) throws IOException {
    long events = 0;
    Long first = null;
    Long last = null;
    CaptureReader[] ended = new CaptureReader[1];
    String[] warning = new String[1];
    // What was read before damage stands, like a truncated capture's rows; the warning goes with the entities.
    try (CaptureCursor cursor = new CaptureCursor(List.of(capture), control, () -> state)
        .onFirstEvent(c -> eventsStart())
        .onEnd((r, w) -> {
          ended[0] = r;
          warning[0] = w;
        })) {
      for (Event e; (e = cursor.next()) != null; ) {
        events++;
        if (e.ts() != 0) {
          first = first == null ? e.ts() : first;
          last = e.ts();
        }
        account(e);
        lateParent();
      }
    }
    CaptureReader r = ended[0];
    String dialect = r == null || r.dialect() == null ? null : r.dialect().name().toLowerCase();
    current = r != null && r.dialect() == org.scapsql.reader.Dialect.CURRENT;
    org.scapsql.reader.SectionHeader header = r == null ? null : r.section();
    org.scapsql.reader.MachineInfo machine = r == null ? null : r.machineInfo();
    List<org.scapsql.reader.InterfaceInfo> interfaces = r == null ? List.of() : r.interfaces();
    List<FdRow> connections = fds.stream().filter(FdRow::isConnection).toList();
    for (ThreadRow t : threads) {
      containerIds.add(t.thread.containerId);
    }
    List<ContainerInfo> containers = new ArrayList<>(state.containers().values());
    List<UserInfo> users = new ArrayList<>(state.users());
    users.sort((a, b) -> Long.compare(a.uid(), b.uid()));
    return new Entities(this.capture, EntityColumns.rows(EntityColumns.PROCESSES, processes),
        EntityColumns.rows(EntityColumns.THREADS, threads), EntityColumns.rows(EntityColumns.FDS, fds),
        EntityColumns.rows(EntityColumns.CONNECTIONS, connections), containers, new ArrayList<>(containerIds),
        users, new ArrayList<>(state.groups()), interfaces, header, machine, events, first, last, dialect,
        warning[0]);
  }

  private void eventsStart() {
    eventsStarted = true;
    // The process table is complete: parents listed after their children are there now.
    for (ProcessRow p : parentsPending) {
      findParent(p);
    }
    parentsPending.clear();
  }

  /** Byte and call counters of the fd an I/O exit event used. */
  private void account(Event e) {
    EventInfo info = e.info();
    if (info.enter() || !(info.has(EventInfo.EF_READS_FROM_FD) || info.has(EventInfo.EF_WRITES_TO_FD))) {
      return;
    }
    FdInfo f = state.eventFd();
    if (f == null && state.fdDetached()) {
      // sysdig names the fd of such an event (and its chisels count its bytes there).
      f = state.thread().process.get(state.fdNum());
    }
    if (f == null || !(f.attachment instanceof FdRow)) {
      return;
    }
    FdRow row = (FdRow) f.attachment;
    Long res = fields.rawres(e);
    if (res == null) {
      return;
    }
    if (res < 0) {
      row.errors++;
    } else if (info.has(EventInfo.EF_WRITES_TO_FD)) {
      // A call that both reads and writes (copy_file_range) names its output fd, which it wrote.
      row.bytesWritten += res;
      row.writes++;
    } else {
      row.bytesRead += res;
      row.reads++;
    }
  }

  private Long now() {
    return eventsStarted ? state.now() : null;
  }

  /**
   * The row of a process lifetime; its representative comes from {@link #threadAdded}, so it is always one of
   * its threads.
   */
  private ProcessRow processOf(ProcessFds p, Long start) {
    if (!(p.attachment instanceof ProcessRow)) {
      ProcessRow row = new ProcessRow(this, p, start);
      p.attachment = row;
      processes.add(row);
    }
    return (ProcessRow) p.attachment;
  }

  @Override
  public void threadAdded(ThreadInfo t) {
    // A thread first met at one of its events (not at its clone) predates the capture: its start is unknown.
    Long start = t.placeholder ? null : now();
    ProcessRow p = processOf(t.process, start);
    if (p.representative == null || (t.isMainThread() && !p.representative.isMainThread())) {
      p.representative = t;
    }
    if (t.isMainThread() && p.parentTid == null) {
      p.parentTid = t.ptid;
      if (!findParent(p) && !eventsStarted) {
        parentsPending.add(p);
      }
    }
    p.threads++;
    ThreadRow row = new ThreadRow(t.lifetimeId, t, p, start);
    t.attachment = row;
    threads.add(row);
  }

  @Override
  public void threadRemoved(ThreadInfo t) {
    if (t.attachment instanceof ThreadRow) {
      ThreadRow row = (ThreadRow) t.attachment;
      row.end = t.dead && t.exitTs != 0 ? Long.valueOf(t.exitTs) : now();
      if (t.process.threadCount() <= 0 && row.process.end == null) {
        row.process.end = row.end;
      }
    }
  }

  @Override
  public void fdAdded(ProcessFds process, FdInfo fd, ThreadInfo by) {
    FdRow row = new FdRow(fd.lifetimeId, fd, processOf(process, now()), by == null ? null : by.tid,
        fd.openTs != 0 ? Long.valueOf(fd.openTs) : now());
    fd.attachment = row;
    fds.add(row);
  }

  @Override
  public void fdRemoved(ProcessFds process, FdInfo fd) {
    if (fd.attachment instanceof FdRow) {
      ((FdRow) fd.attachment).close = now();
    }
  }

  /**
   * A process that appeared without a known parent (a thread first seen mid-syscall)
   * learns its parent tid from a later execve; sysdig names the parent from then on.
   */
  private void lateParent() {
    ThreadInfo t = state.thread();
    if (t == null || t.process == null || !t.isMainThread() || t.ptid < 0
        || !(t.process.attachment instanceof ProcessRow)) {
      return;
    }
    ProcessRow p = (ProcessRow) t.process.attachment;
    if (p.parentLifetime == null && (p.parentTid == null || p.parentTid != t.ptid)) {
      p.parentTid = t.ptid;
      findParent(p);
    }
  }

  /** Records the parent a process has as it appears; false when the tracker does not hold it (yet). */
  private boolean findParent(ProcessRow p) {
    ThreadInfo parent = state.thread(p.parentTid);
    if (parent == null || parent.process == null) {
      return false;
    }
    p.parentLifetime = parent.process.lifetimeId();
    p.parentName = parent.comm;
    return true;
  }
}
