package org.scapsql.adapter.entity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * One whole pass over a capture that records every process, thread and fd lifetime
 * with its I/O and writes each as a row of the entity tables ({@link EntityColumns})
 * into an {@link EntityFile} as soon as the lifetime ends: memory holds only the
 * lifetimes still open, never the tables. The lifetimes still open when the capture
 * ends are written last, in the order they began.
 */
public final class EntityPass implements StateListener {
  private final StateTracker state;
  private final SysdigFields fields;
  private final EntityFile.Writer out;
  /** Lifetimes begun and not yet written, in the order they began. */
  private final Set<ProcessRow> liveProcesses = new LinkedHashSet<>();
  private final Set<ThreadRow> liveThreads = new LinkedHashSet<>();
  private final Set<FdRow> liveFds = new LinkedHashSet<>();
  /**
   * Lifetimes that ended during the current event, written once the event is fully
   * accounted for (its I/O may still count on an fd it closed); a process whose last
   * thread left is written then only if no thread took its place meanwhile.
   */
  private final List<ThreadRow> endedThreads = new ArrayList<>();
  private final List<FdRow> endedFds = new ArrayList<>();
  private final List<ProcessFds> endedProcesses = new ArrayList<>();
  private final Set<String> containerIds = new TreeSet<>();
  private final List<ProcessRow> parentsPending = new ArrayList<>();
  private boolean eventsStarted;
  private long events;
  private Long first;
  private Long last;

  private final String capture;
  /**
   * False for a pass that keeps only what the end of the capture defines: the threads
   * alive then, their processes, and the capture's facts (whole); no fds, no I/O, no row
   * for a lifetime that ends ({@link ThreadsAtEnd}).
   */
  private final boolean whole;

  /**
   * A pass that records what {@code state} tracks, into {@code out}: the pass's own
   * tracker, or the tracker of an events scan that reads the capture whole anyway
   * ({@link EntityCache#ride}), which then needs no second read. {@code whole}: every
   * lifetime, or only the threads alive at the end with their processes.
   */
  EntityPass(String capture, EntityFile.Writer out, StateTracker state, boolean whole) {
    this.capture = capture;
    this.whole = whole;
    this.out = out;
    this.state = state;
    this.fields = new SysdigFields(state);
    state.listener(this);
  }

  /**
   * Reads the whole capture and returns its entities, through an entity file in the
   * temporary folder ({@link EntityCache#temporary}); nothing is cached.
   */
  public static Entities run(Path capture, QueryControl control) throws IOException {
    return EntityCache.temporary(capture, control);
  }

  /** Reads the whole capture and writes its entity file {@code file}, made whole for {@code key}. */
  static void write(Path capture, QueryControl control, Path file, String key) throws IOException {
    try (EntityFile.Writer w = new EntityFile.Writer(file)) {
      new EntityPass(capture.getFileName().toString(), w, new StateTracker(), true).read(capture, control, key);
    }
  }

  /** The capture's file name, the {@code capture} column of its rows. */
  String capture() {
    return capture;
  }

  /** The field rules on the tracker. */
  SysdigFields fields() {
    return fields;
  }

  private void read(Path capture, QueryControl control, String key) throws IOException {
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
        event(e);
      }
    }
    finish(ended[0], warning[0], key);
  }

  /** Accounts for one event, after the tracker processed it. */
  void event(Event e) throws IOException {
    events++;
    if (e.ts() != 0) {
      first = first == null ? e.ts() : first;
      last = e.ts();
    }
    if (whole) {
      account(e);
    }
    lateParent();
    writeEnded();
  }

  /**
   * Writes what is still open once the capture ended (read by {@code r}, null when it
   * could not be opened; {@code warning} what cut it short) and the capture's facts,
   * making the file whole for {@code key}.
   */
  void finish(CaptureReader r, String warning, String key) throws IOException {
    writeEnded();
    String dialect = r == null || r.dialect() == null ? null : r.dialect().name().toLowerCase();
    // What is still open at the end: fds, then threads, then processes, each in the order they began.
    for (FdRow f : liveFds) {
      writeFd(f);
    }
    for (ThreadRow t : liveThreads) {
      writeThread(t);
    }
    for (ProcessRow p : liveProcesses) {
      out.add(EntityFile.PROCESSES, EntityColumns.row(EntityColumns.PROCESSES, p));
    }
    org.scapsql.reader.SectionHeader header = r == null ? null : r.section();
    org.scapsql.reader.MachineInfo machine = r == null ? null : r.machineInfo();
    List<org.scapsql.reader.InterfaceInfo> interfaces = r == null ? List.of() : r.interfaces();
    List<ContainerInfo> containers = new ArrayList<>(state.containers().values());
    List<UserInfo> users = new ArrayList<>(state.users());
    users.sort((a, b) -> Long.compare(a.uid(), b.uid()));
    out.finish(key, new EntityFile.Facts(containers, new ArrayList<>(containerIds), users,
        new ArrayList<>(state.groups()), interfaces, header, machine, events, first, last, dialect, warning));
  }

  /** Writes the lifetimes that ended with the event just accounted for. */
  private void writeEnded() throws IOException {
    for (FdRow f : endedFds) {
      if (liveFds.remove(f)) {
        writeFd(f);
      }
    }
    endedFds.clear();
    for (ThreadRow t : endedThreads) {
      if (liveThreads.remove(t)) {
        if (whole) {
          writeThread(t);
        } else {
          // No row, but the facts (the containers seen) are the whole pass's.
          containerIds.add(t.thread.containerId);
        }
      }
    }
    endedThreads.clear();
    for (ProcessFds p : endedProcesses) {
      if (p.threadCount() <= 0 && p.attachment instanceof ProcessRow row && liveProcesses.remove(row) && whole) {
        out.add(EntityFile.PROCESSES, EntityColumns.row(EntityColumns.PROCESSES, row));
      }
    }
    endedProcesses.clear();
  }

  private void writeFd(FdRow f) throws IOException {
    Object[] row = EntityColumns.row(EntityColumns.FDS, f);
    out.add(EntityFile.FDS, row);
    if (f.isConnection()) {
      out.add(EntityFile.CONNECTIONS, EntityColumns.row(EntityColumns.CONNECTIONS, f));
    }
  }

  private void writeThread(ThreadRow t) throws IOException {
    containerIds.add(t.thread.containerId);
    out.add(EntityFile.THREADS, EntityColumns.row(EntityColumns.THREADS, t));
  }

  /** The capture's events begin: its metadata (process table, users) is all read. */
  void eventsStart() {
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
      liveProcesses.add(row);
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
    liveThreads.add(row);
  }

  @Override
  public void threadRemoved(ThreadInfo t) {
    if (t.attachment instanceof ThreadRow) {
      ThreadRow row = (ThreadRow) t.attachment;
      row.end = t.dead && t.exitTs != 0 ? Long.valueOf(t.exitTs) : now();
      if (t.process.threadCount() <= 0 && row.process.end == null) {
        row.process.end = row.end;
      }
      endedThreads.add(row);
    }
    if (t.process.threadCount() <= 0) {
      endedProcesses.add(t.process);
    }
  }

  @Override
  public void fdAdded(ProcessFds process, FdInfo fd, ThreadInfo by) {
    if (!whole) {
      return;
    }
    FdRow row = new FdRow(fd.lifetimeId, fd, processOf(process, now()), by == null ? null : by.tid,
        fd.openTs != 0 ? Long.valueOf(fd.openTs) : now());
    fd.attachment = row;
    liveFds.add(row);
  }

  @Override
  public void fdRemoved(ProcessFds process, FdInfo fd) {
    if (fd.attachment instanceof FdRow) {
      FdRow row = (FdRow) fd.attachment;
      row.close = now();
      endedFds.add(row);
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
