package org.scapsql.state;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.scapsql.reader.CaptureListener;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.FdEntry;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.SectionHeader;
import org.scapsql.reader.ThreadEntry;
import org.scapsql.reader.UserInfo;

/**
 * Follows a capture the way libsinsp does: threads and processes, their fd
 * tables, users and groups, containers, and the pairing of enter and exit
 * events. Feed it the reader's metadata (it is a {@link CaptureListener}) and
 * then every event in order through {@link #process}; afterwards the accessors
 * describe that event ({@link #thread()}, {@link #fdNum()}, {@link #fd()},
 * {@link #latency()}, {@link #hidden()}).
 *
 * <p>The work is libsinsp's, split as libsinsp splits it: the {@link ThreadTable},
 * {@link UserTable} and {@link ContainerTable} stores, the {@link MetadataLoader},
 * the enter/exit {@link Pairing}, {@link PendingRemovals}, the handler groups
 * ({@link FdHandlers}, {@link SocketHandlers}, {@link ProcessHandlers}) working on
 * one {@link EventContext}, and the {@link DialectRules} of the capture's dialect.
 * This class routes each event to them.
 */
public final class StateTracker implements CaptureListener {
  /** {@link #fdNum()} when the event has no fd. */
  public static final long NO_FD = Long.MIN_VALUE;
  /** {@link #latency()} when the event has none. */
  public static final long NO_LATENCY = Long.MIN_VALUE;

  private final ThreadTable threads = new ThreadTable();
  private final UserTable users = new UserTable();
  private final ContainerTable containers = new ContainerTable();
  private final MetadataLoader metadata = new MetadataLoader(threads);
  private final PendingRemovals pending = new PendingRemovals();
  private final EventContext ctx = new EventContext();
  private final Pairing pairing = new Pairing(ctx);
  private final FdHandlers fds = new FdHandlers(ctx, pending);
  private final SocketHandlers sockets = new SocketHandlers(ctx);
  private final ProcessHandlers processes = new ProcessHandlers(ctx, threads, pending);
  private long now;
  /** Still in the run of state events that opens the capture (sysdig hides them). */
  private boolean leading = true;

  public StateTracker dialect(Dialect d) {
    if (d != ctx.rules.dialect()) {
      ctx.rules = DialectRules.of(d);
    }
    return this;
  }

  public Dialect dialect() {
    return ctx.rules.dialect();
  }

  /** The reader's announcement: the capture's events follow its dialect's rules. */
  @Override
  public void onDialect(Dialect d) {
    dialect(d);
  }

  /** Must be set before the capture's metadata arrives. */
  public StateTracker listener(StateListener l) {
    threads.listener(l);
    return this;
  }

  /** Time of the event being processed (0 while metadata loads). */
  public long now() {
    return now;
  }

  // ---- metadata --------------------------------------------------------------------------------

  @Override
  public void onSection(SectionHeader header) {
    // A concatenated capture starts over: nothing of the previous section's state holds.
    threads.clear();
    users.clear();
    sockets.interfaces(List.of());
    pending.clear();
    metadata.restart();
  }

  @Override
  public void onInterfaces(List<InterfaceInfo> list) {
    sockets.interfaces(list);
  }

  @Override
  public void onUsers(List<UserInfo> u, List<GroupInfo> g) {
    users.load(u, g);
  }

  @Override
  public void onThreads(List<ThreadEntry> entries) {
    metadata.threads(entries);
  }

  @Override
  public void onFds(long tid, List<FdEntry> entries) {
    metadata.fds(tid, entries);
  }

  // ---- events ----------------------------------------------------------------------------------

  /** Applies one event to the state and records what it touched. */
  public void process(Event e) {
    // Deferred removals happen at the time of the event that asked for them (the close), not of this one.
    pending.apply(threads, ctx.rules);
    now = e.ts();
    metadata.finishIfPending();
    ctx.reset();
    EventInfo info = e.info();
    int type = e.type();

    if (ctx.rules.isInitialState(type)) {
      if (leading) {
        ctx.hidden = true;
      }
    } else {
      leading = false;
    }
    if (e.stateOnly()) {
      ctx.hidden = true;
    }
    if (metaEvent(e, type)) {
      return;
    }
    if (info.has(EventInfo.EF_SKIPPARSERESET)) {
      // libsinsp does not parse these, but its output looks the thread up by tid
      // (without inventing one), so a page fault still shows its process.
      ctx.thread = threads.get(e.tid());
      return;
    }
    if (type == EventIds.SWITCH_V2_E || type == EventIds.SWITCH_E) {
      ctx.thread = threads.get(e.tid());
      if (ctx.thread != null) {
        ctx.latency = ctx.thread.latency;
      }
      processes.contextSwitch(e);
      return;
    }
    if (ProcessHandlers.isCloneExit(type)) {
      ctx.thread = threads.get(e.tid());
      pairing.exit(e, info);
      processes.cloneExit(e);
      ctx.thread = threads.get(e.tid());
      return;
    }
    ctx.thread = threads.get(e.tid());
    if (ctx.thread == null) {
      ctx.thread = threads.placeholder(e.tid());
    }
    if (info.enter()) {
      pairing.enter(e, info);
      if (type == EventIds.CONNECT_E) {
        sockets.connectEnter(e);
      } else if (type == EventIds.PROCEXIT_V2_E || type == EventIds.PROCEXIT_E) {
        processes.procexit(e);
      }
    } else {
      pairing.exit(e, info);
      exit(e, info.name());
    }
    if (ctx.hasFd() && ctx.fd == null && ctx.thread != null && !ctx.fdDetached) {
      ctx.fd = ctx.thread.process.get(ctx.fdNum);
    }
  }

  /** Container, user and group events: they change the stores, not a thread. */
  private boolean metaEvent(Event e, int type) {
    switch (type) {
      case EventIds.CONTAINER_E:
        containers.add(e);
        // Not parsed as a syscall (EF_SKIPPARSERESET), but printed with the thread of its tid.
        ctx.thread = threads.get(e.tid());
        return true;
      case EventIds.CONTAINER_V2_E: case EventIds.CONTAINER_V3_E:
        ContainerInfo c = containers.add(e);
        if (c != null && ctx.rules.containerEventsHaveStandInThread()) {
          ctx.thread = ContainerTable.standInThread(c, e.tid());
        }
        return true;
      case EventIds.USERADDED_E: case EventIds.USERDELETED_E:
        users.userEvent(e, type == EventIds.USERADDED_E);
        return true;
      case EventIds.GROUPADDED_E: case EventIds.GROUPDELETED_E:
        users.groupEvent(e, type == EventIds.GROUPADDED_E);
        return true;
      default:
        return false;
    }
  }

  /** Routes an exit to the handler of its syscall. */
  private void exit(Event e, String name) {
    long res = e.has(0) && !e.isEmpty(0) ? e.paramLong(0) : 0;
    switch (name) {
      case "open": case "creat": case "openat": case "openat2": case "open_by_handle_at":
        fds.open(e, res);
        break;
      case "socket":
        sockets.socket(e, res);
        break;
      case "socketpair":
        fds.pair(e, res, FdEntry.UNIX_SOCK);
        break;
      case "pipe": case "pipe2":
        fds.pair(e, res, FdEntry.FIFO);
        break;
      case "connect":
        sockets.connectExit(e, res);
        break;
      case "bind":
        sockets.bindExit(e, res);
        break;
      case "accept": case "accept4":
        sockets.acceptExit(e);
        break;
      case "eventfd": case "eventfd2":
        fds.created(e, res, FdEntry.EVENT);
        break;
      case "signalfd": case "signalfd4":
        fds.created(e, res, FdEntry.SIGNALFD);
        break;
      case "timerfd_create":
        fds.created(e, res, FdEntry.TIMERFD);
        break;
      case "inotify_init": case "inotify_init1":
        fds.created(e, res, FdEntry.INOTIFY);
        break;
      case "epoll_create": case "epoll_create1":
        fds.createdNewerKind(e, res, FdEntry.EVENTPOLL);
        break;
      case "bpf":
        if (e.type() == EventIds.BPF_V2_X) {
          fds.createdNewerKind(e, res, FdEntry.BPF);
        }
        break;
      case "userfaultfd":
        fds.createdNewerKind(e, res, FdEntry.USERFAULTFD);
        break;
      case "io_uring_setup":
        fds.createdNewerKind(e, res, FdEntry.IOURING);
        break;
      case "memfd_create":
        fds.memfdCreate(e, res);
        break;
      case "pidfd_open": case "pidfd_getfd":
        fds.created(e, res, FdEntry.PIDFD);
        break;
      case "dup": case "dup2": case "dup3":
        fds.dup(e, res);
        break;
      case "fcntl":
        fds.fcntl(e, res);
        break;
      case "close":
        fds.close(res);
        break;
      case "sendto": case "sendmsg":
        sockets.learnTuple(e, false, res);
        break;
      case "recvfrom": case "recvmsg":
        sockets.learnTuple(e, true, res);
        break;
      case "chdir":
        fds.chdir(e, res);
        break;
      case "fchdir":
        fds.fchdir(res);
        break;
      case "execve": case "execveat":
        processes.execveExit(e, res);
        break;
      case "brk": case "mmap": case "mmap2": case "munmap":
        processes.memoryExit(e);
        break;
      case "setuid": case "setresuid":
        processes.setId(e, res, true, name.equals("setresuid") ? "euid" : "uid");
        break;
      case "setgid": case "setresgid":
        processes.setId(e, res, false, name.equals("setresgid") ? "egid" : "gid");
        break;
      default:
        break;
    }
  }

  // ---- what the current event touched ----------------------------------------------------------

  /** The thread of the current event, or null (meta events, unknown threads of scheduler events). */
  public ThreadInfo thread() {
    return ctx.thread;
  }

  /** The fd the current event refers to, or {@link #NO_FD}. */
  public long fdNum() {
    return ctx.fdNum;
  }

  /** The fd object of the current event, or null when unknown. */
  public FdInfo fd() {
    return ctx.fd;
  }

  /**
   * The fd object of the current event: the one it created or used, else the
   * table's entry for its fd number; null when unknown or not attached.
   */
  public FdInfo eventFd() {
    if (ctx.fd != null) {
      return ctx.fd;
    }
    if (ctx.thread == null || !ctx.hasFd() || ctx.fdDetached) {
      return null;
    }
    return ctx.thread.process.get(ctx.fdNum);
  }

  /** True when the event's fd number is known but sysdig did not attach the fd to the event. */
  public boolean fdDetached() {
    return ctx.fdDetached;
  }

  /** Nanoseconds since the matching enter event; {@link #NO_LATENCY} when not applicable. */
  public long latency() {
    return ctx.latency;
  }

  /** True when the current event is an exit whose thread's previous event was its enter. */
  public boolean paired() {
    return ctx.paired;
  }

  /** The enter event of the current exit when the two are paired and the tracker kept it, else null. */
  public Event pairedEnter() {
    return ctx.pairedEnter();
  }

  /** True when sysdig would not show this event even with -D (leading state events, state-only). */
  public boolean hidden() {
    return ctx.hidden;
  }

  // ---- the stores ------------------------------------------------------------------------------

  public ThreadInfo thread(long tid) {
    return threads.get(tid);
  }

  /** A snapshot of the threads the tracker holds now. */
  public List<ThreadInfo> threads() {
    return threads.values();
  }

  public int threadCount() {
    return threads.size();
  }

  public UserInfo user(long uid) {
    return users.user(uid);
  }

  public Collection<UserInfo> users() {
    return users.users();
  }

  public Collection<GroupInfo> groups() {
    return users.groups();
  }

  public GroupInfo group(long gid) {
    return users.group(gid);
  }

  public ContainerInfo container(String id) {
    return containers.get(id);
  }

  public Map<String, ContainerInfo> containers() {
    return containers.all();
  }

  public List<InterfaceInfo> interfaces() {
    return sockets.interfaces();
  }

  /** The process's pid as sysdig reports proc.ppid: the parent's pid (current: only if known). */
  /** The main thread of {@code t}'s process ({@code t} itself when it leads it), or null when the table lacks it. */
  public ThreadInfo mainThread(ThreadInfo t) {
    return threads.mainThread(t);
  }

  public Long ppid(ThreadInfo t) {
    return threads.ppid(t, ctx.rules);
  }
}
