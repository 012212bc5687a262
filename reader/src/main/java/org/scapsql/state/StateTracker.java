package org.scapsql.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
public final class StateTracker implements CaptureListener {
  /** {@link #fdNum()} when the event has no fd. */
  public static final long NO_FD = Long.MIN_VALUE;
  /** {@link #latency()} when the event has none. */
  public static final long NO_LATENCY = Long.MIN_VALUE;

  private static final int AF_UNIX = 1;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int AF_NETLINK = 16;
  private static final int EINPROGRESS = -115;
  private static final long AT_FDCWD = -100;
  private static final int O_DIRECTORY = 1024;
  private static final int O_CLOEXEC = 4096;
  /** scap's O_CREAT | O_WRONLY | O_TRUNC. */
  private static final long PPM_CREAT_FLAGS = 4 | 2 | 256;

  private Dialect dialect = Dialect.SYSDIG_0_29;
  private StateListener listener = numbering(StateListener.NONE);
  private long fdLifetimes;
  private long now;
  private final LongMap<ThreadInfo> threads = new LongMap<>(1024);
  private final Map<Long, UserInfo> users = new HashMap<>();
  private final Map<Long, GroupInfo> groups = new HashMap<>();
  private final Map<String, ContainerInfo> containers = new HashMap<>();
  private final Set<Long> exitedBeforeClone = new HashSet<>();
  private List<InterfaceInfo> interfaces = List.of();
  private long lifetimes;
  private long processLifetimes;
  private boolean metadataPending = true;
  private boolean leading = true;

  // Work deferred to the next event, as libsinsp defers it.
  private ThreadInfo removeThread;
  private ProcessFds removeFdFrom;
  private long removeFd;

  // What the current event touched.
  private ThreadInfo thread;
  private long fdNum = NO_FD;
  private FdInfo fd;
  private long latency = NO_LATENCY;
  private boolean hidden;
  private boolean fdDetached;

  public StateTracker dialect(Dialect d) {
    this.dialect = d;
    return this;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Must be set before the capture's metadata arrives. */
  public StateTracker listener(StateListener l) {
    this.listener = numbering(l);
    return this;
  }

  /**
   * Gives every fd its lifetime id as it enters a table, before {@code l} hears of
   * it, so every reader of the same capture numbers fds alike.
   */
  private StateListener numbering(StateListener l) {
    return new StateListener() {
      @Override
      public void threadAdded(ThreadInfo t) {
        l.threadAdded(t);
      }

      @Override
      public void threadRemoved(ThreadInfo t) {
        l.threadRemoved(t);
      }

      @Override
      public void fdAdded(ProcessFds process, FdInfo fd, ThreadInfo by) {
        fd.lifetimeId = ++fdLifetimes;
        l.fdAdded(process, fd, by);
      }

      @Override
      public void fdRemoved(ProcessFds process, FdInfo fd) {
        l.fdRemoved(process, fd);
      }
    };
  }

  /** Time of the event being processed (0 while metadata loads). */
  public long now() {
    return now;
  }

  // ---- metadata --------------------------------------------------------------------------------

  @Override
  public void onSection(SectionHeader header) {
    // A concatenated capture starts over: nothing of the previous section's state holds.
    for (ThreadInfo t : threads.values()) {
      dropThread(t);
    }
    threads.clear();
    users.clear();
    groups.clear();
    exitedBeforeClone.clear();
    interfaces = List.of();
    removeThread = null;
    removeFdFrom = null;
    metadataPending = true;
  }

  @Override
  public void onInterfaces(List<InterfaceInfo> list) {
    interfaces = list;
  }

  @Override
  public void onUsers(List<UserInfo> u, List<GroupInfo> g) {
    users.clear();
    groups.clear();
    for (UserInfo x : u) {
      users.put(x.uid(), x);
    }
    for (GroupInfo x : g) {
      groups.put(x.gid(), x);
    }
  }

  @Override
  public void onThreads(List<ThreadEntry> entries) {
    List<ThreadInfo> created = new ArrayList<>(entries.size());
    for (ThreadEntry t : entries) {
      ThreadInfo ti = new ThreadInfo(t.tid(), ++lifetimes);
      ti.pid = t.pid();
      ti.ptid = t.ptid();
      ti.sid = t.sid();
      ti.vpgid = t.vpgid();
      ti.comm = t.comm();
      ti.exe = t.exe();
      ti.exepath = t.exepath();
      ti.args = t.args();
      ti.env = t.env();
      ti.cgroups = t.cgroups();
      ti.root = t.root();
      ti.fdlimit = t.fdlimit();
      ti.flags = t.flags();
      ti.uid = t.uid();
      ti.gid = t.gid();
      ti.loginuid = t.loginuid();
      ti.tty = t.tty();
      ti.vtid = t.vtid();
      ti.vpid = t.vpid();
      ti.containerId = Containers.idFromCgroups(t.cgroups());
      created.add(ti);
      if (ti.isMainThread()) {
        ti.process = newProcess();
        ti.process.cwd = Paths.asDirectory(t.cwd());
      }
    }
    LongMap<ThreadInfo> mains = new LongMap<>(created.size());
    for (ThreadInfo ti : created) {
      if (ti.isMainThread()) {
        mains.put(ti.tid, ti);
      }
    }
    for (ThreadInfo ti : created) {
      if (ti.process == null) {
        ThreadInfo main = mains.get(ti.pid);
        if (main == null) {
          main = threads.get(ti.pid);
        }
        ti.process = main != null && main.process != null ? main.process : newProcess();
      }
      addThread(ti);
    }
  }

  @Override
  public void onFds(long tid, List<FdEntry> entries) {
    ThreadInfo t = threads.get(tid);
    if (t == null) {
      return;
    }
    for (FdEntry e : entries) {
      t.process.put(Sockets.fromEntry(e), null);
    }
  }

  /** Once every fd is known: put clients on the left of connections to local servers. */
  private void finishMetadata() {
    metadataPending = false;
    Set<Integer> serverPorts = new HashSet<>();
    List<ThreadInfo> all = threads.values();
    for (ThreadInfo t : all) {
      if (t.isMainThread()) {
        for (FdInfo f : t.process.all()) {
          if (f.type == FdEntry.IPV4_SERVSOCK || f.type == FdEntry.IPV6_SERVSOCK) {
            serverPorts.add(f.sport);
          }
        }
      }
    }
    for (ThreadInfo t : all) {
      if (!t.isMainThread()) {
        continue;
      }
      for (FdInfo f : t.process.all()) {
        if (f.type == FdEntry.IPV4_SOCK || f.type == FdEntry.IPV6_SOCK) {
          if (serverPorts.contains(f.sport)) {
            byte[] ip = f.sip;
            int port = f.sport;
            f.sip = f.dip;
            f.sport = f.dport;
            f.dip = ip;
            f.dport = port;
            f.role = FdInfo.ROLE_SERVER;
            f.name = Sockets.tupleName(f);
          } else {
            f.role = FdInfo.ROLE_CLIENT;
          }
        }
      }
    }
  }

  // ---- events ----------------------------------------------------------------------------------

  /** Applies one event to the state and records what it touched. */
  public void process(Event e) {
    // Deferred removals happen at the time of the event that asked for them (the close), not of this one.
    if (removeFdFrom != null) {
      removeFdFrom.remove(removeFd);
      removeFdFrom = null;
    }
    if (removeThread != null) {
      removeDeadThread(removeThread);
      removeThread = null;
    }
    now = e.ts();
    if (metadataPending) {
      finishMetadata();
    }
    thread = null;
    fd = null;
    fdNum = NO_FD;
    latency = NO_LATENCY;
    paired = false;
    hidden = false;
    fdDetached = false;
    EventInfo info = e.info();
    int type = e.type();

    if (isInitialState(type)) {
      if (leading) {
        hidden = true;
      }
    } else {
      leading = false;
    }
    if (e.stateOnly()) {
      hidden = true;
    }

    switch (type) {
      case 228:
        container(e);
        // Not parsed as a syscall (EF_SKIPPARSERESET), but printed with the thread of its tid.
        thread = threads.get(e.tid());
        return;
      case 272: case 324:
        ContainerInfo c = container(e);
        if (c != null && dialect == Dialect.SYSDIG_0_29) {
          thread = containerThread(c, e.tid());
        }
        return;
      case 354: case 356:
        user(e, type == 354);
        return;
      case 358: case 360:
        group(e, type == 358);
        return;
      default:
        break;
    }
    if (info.has(EventInfo.EF_SKIPPARSERESET)) {
      // libsinsp does not parse these, but its output looks the thread up by tid
      // (without inventing one), so a page fault still shows its process.
      thread = threads.get(e.tid());
      return;
    }
    if (type == 152 || type == 146) {
      thread = threads.get(e.tid());
      if (thread != null) {
        latency = thread.latency;
      }
      return;
    }
    if (isCloneExit(type)) {
      thread = threads.get(e.tid());
      pairExit(e, info);
      cloneExit(e);
      thread = threads.get(e.tid());
      return;
    }
    thread = threads.get(e.tid());
    if (thread == null) {
      thread = placeholder(e.tid());
    }
    if (info.enter()) {
      enter(e, info);
    } else {
      pairExit(e, info);
      exit(e, info);
    }
    if (fdNum != NO_FD && fd == null && thread != null && !fdDetached) {
      fd = thread.process.get(fdNum);
    }
  }

  private boolean isInitialState(int type) {
    switch (type) {
      case 228: case 272: case 324:
        return true;
      case 354: case 356: case 358: case 360: case 402:
        return dialect == Dialect.CURRENT;
      default:
        return false;
    }
  }

  private static boolean isCloneExit(int type) {
    switch (type) {
      case 15: case 157: case 217: case 223: case 183: case 219: case 225: case 185: case 221: case 227: case 335:
        return true;
      default:
        return false;
    }
  }

  private ProcessFds newProcess() {
    return new ProcessFds(++processLifetimes, listener);
  }

  private ThreadInfo placeholder(long tid) {
    ThreadInfo t = new ThreadInfo(tid, ++lifetimes);
    t.pid = tid;
    t.ptid = -1;
    t.comm = "<NA>";
    t.exe = "<NA>";
    t.placeholder = true;
    t.process = newProcess();
    exitedBeforeClone.remove(tid);
    addThread(t);
    return t;
  }

  private void enter(Event e, EventInfo info) {
    ThreadInfo t = thread;
    t.lastEventType = e.type();
    t.lastEventTs = e.ts();
    t.latency = 0;
    latency = 0;
    t.storedEnter = storesEnter(e.type(), info) ? e.copy() : null;
    if (usesFd(e, info)) {
      int i = enterFdIndex(e);
      if (e.has(i) && !e.isEmpty(i)) {
        t.lastEventFd = e.paramLong(i);
        fdNum = t.lastEventFd;
      } else {
        t.lastEventFd = -1;
      }
    } else if (info.has(EventInfo.EF_CREATES_FD)) {
      // The fd does not exist yet; sysdig reports -1 for the enter of an fd-creating call.
      t.lastEventFd = -1;
      fdNum = -1;
    }
    int type = e.type();
    if (type == 22) {
      connectEnter(e);
    } else if (type == 186 || type == 16) {
      procexit(e);
    }
  }

  /** Whether the event refers to an existing fd; mmap/mmap2 gained that flag after sysdig 0.29.3. */
  private boolean usesFd(Event e, EventInfo info) {
    if (dialect == Dialect.SYSDIG_0_29 && e.type() >= 160 && e.type() <= 163) {
      return false;
    }
    return info.has(EventInfo.EF_USES_FD) || info.has(EventInfo.EF_DESTROYS_FD);
  }

  private int enterFdIndex(Event e) {
    int type = e.type();
    if (dialect == Dialect.CURRENT) {
      if (type == 160 || type == 162) {
        return 4;
      }
      if (type == 166) {
        return 1;
      }
    }
    return 0;
  }

  private final byte[] storesEnter = new byte[1024];

  /** Cached per event type: 1 stores, 2 does not, 0 not yet known. */
  private boolean storesEnter(int type, EventInfo info) {
    byte b = type < storesEnter.length ? storesEnter[type] : 0;
    if (b == 0) {
      b = storesEnter(info.name()) ? (byte) 1 : (byte) 2;
      if (type < storesEnter.length) {
        storesEnter[type] = b;
      }
    }
    return b == 1;
  }

  private boolean storesEnter(String name) {
    if (dialect == Dialect.CURRENT) {
      switch (name) {
        case "open": case "creat": case "openat": case "openat2": case "execve": case "execveat": case "connect":
          return true;
        default:
          return false;
      }
    }
    switch (name) {
      case "open": case "creat": case "openat": case "openat2": case "socket": case "sendto": case "sendmsg":
      case "eventfd": case "chdir": case "fchdir": case "shutdown": case "getrlimit": case "setrlimit":
      case "prlimit": case "sendfile": case "setuid": case "setgid": case "setresuid": case "setresgid":
      case "execve": case "execveat": case "setpgid": case "fcntl": case "dup":
        return true;
      case "mkdir": case "rmdir": case "unlink": case "unlinkat": case "link": case "linkat":
        // Their oldest versions carry the path in the enter event only (fs.path.* reads it there).
        return true;
      default:
        return false;
    }
  }

  /** Latency and whether the exit matches the thread's last enter. */
  private boolean paired;

  private void pairExit(Event e, EventInfo info) {
    ThreadInfo t = thread;
    paired = false;
    if (t == null) {
      return;
    }
    if (t.lastEventType >= 0) {
      t.latency = e.ts() - t.lastEventTs;
      latency = t.latency;
      paired = e.type() == t.lastEventType + 1;
    } else {
      latency = 0;
    }
    if (usesFd(e, info)) {
      if (paired && dialect == Dialect.SYSDIG_0_29) {
        fdNum = t.lastEventFd;
      } else if (paired && !(dialect == Dialect.CURRENT && exitFdIndex(e) >= 0)) {
        fdNum = t.lastEventFd;
      } else {
        int i = exitFdIndex(e);
        if (i >= 0 && e.has(i) && !e.isEmpty(i)) {
          fdNum = e.paramLong(i);
        } else if (dialect == Dialect.SYSDIG_0_29 && t.lastEventType < 0 && !t.placeholder) {
          // Threads from the process list start with lastevent_fd 0; sysdig then names
          // the fd but does not attach it to the event (its category stays unknown).
          fdNum = 0;
          fdDetached = true;
        }
      }
      if (e.type() == 333 && e.has(1)) {
        fdNum = e.paramLong(1);
      }
    }
    t.lastEventType = -1;
    if (!paired) {
      t.storedEnter = null;
    }
  }

  /** Where an exit event carries its own fd; used when it has no matching enter. */
  private int exitFdIndex(Event e) {
    switch (e.type()) {
      case 91: case 125: return -1;
      case 367: case 363: case 365: return e.param("oldfd");
      case 303: case 305: case 313: case 385: case 417: case 419: return e.param("dirfd");
      case 181: return e.param("linkdirfd");
      case 167: return e.param("fd_out");
      case 189: return e.param("out_fd");
      case 333: return e.param("fdout");
      default:
        if (dialect == Dialect.SYSDIG_0_29) {
          return -1;
        }
        return e.param("fd");
    }
  }

  private Event enterIfPaired() {
    return paired && thread != null ? thread.storedEnter : null;
  }

  private void exit(Event e, EventInfo info) {
    String name = info.name();
    long res = e.has(0) && !e.isEmpty(0) ? e.paramLong(0) : 0;
    switch (name) {
      case "open": case "creat": case "openat": case "openat2": case "open_by_handle_at":
        open(e, res);
        break;
      case "socket":
        socket(e, res);
        break;
      case "socketpair":
        if (res >= 0) {
          fdNum = newFd(e, "fd2", FdEntry.UNIX_SOCK, "", e.param("fd1"));
        }
        break;
      case "pipe": case "pipe2":
        if (res >= 0) {
          fdNum = newFd(e, "fd2", FdEntry.FIFO, "", e.param("fd1"));
        }
        break;
      case "connect":
        connectExit(e, res);
        break;
      case "bind":
        bindExit(e, res);
        break;
      case "accept": case "accept4":
        acceptExit(e, res);
        break;
      case "eventfd": case "eventfd2":
        created(e, res, FdEntry.EVENT);
        break;
      case "signalfd": case "signalfd4":
        created(e, res, FdEntry.SIGNALFD);
        break;
      case "timerfd_create":
        created(e, res, FdEntry.TIMERFD);
        break;
      case "inotify_init": case "inotify_init1":
        created(e, res, FdEntry.INOTIFY);
        break;
      case "epoll_create": case "epoll_create1":
        if (dialect == Dialect.CURRENT) {
          created(e, res, FdEntry.EVENTPOLL);
        }
        break;
      case "bpf":
        if (dialect == Dialect.CURRENT && e.type() == 369) {
          created(e, res, FdEntry.BPF);
        }
        break;
      case "userfaultfd":
        if (dialect == Dialect.CURRENT) {
          created(e, res, FdEntry.USERFAULTFD);
        }
        break;
      case "io_uring_setup":
        if (dialect == Dialect.CURRENT) {
          created(e, res, FdEntry.IOURING);
        }
        break;
      case "memfd_create":
        if (res >= 0) {
          int n = e.param("name");
          created(e, res, FdEntry.MEMFD);
          if (fd != null && n >= 0) {
            fd.name = e.paramString(n);
          }
        }
        break;
      case "pidfd_open": case "pidfd_getfd":
        created(e, res, FdEntry.PIDFD);
        break;
      case "dup": case "dup2": case "dup3":
        dupExit(e, res);
        break;
      case "fcntl":
        fcntlExit(e, res);
        break;
      case "close":
        if (res >= 0 && fdNum != NO_FD && thread != null && thread.process.get(fdNum) != null) {
          removeFdFrom = thread.process;
          removeFd = fdNum;
        }
        break;
      case "sendto": case "sendmsg":
        learnTuple(e, false, res);
        break;
      case "recvfrom": case "recvmsg":
        learnTuple(e, true, res);
        break;
      case "chdir":
        if (res >= 0) {
          int p = e.param("path");
          if (p >= 0 && !e.isEmpty(p)) {
            thread.process.cwd = Paths.asDirectory(Paths.absolute(thread.cwd(), e.paramString(p)));
          }
        }
        break;
      case "fchdir":
        if (res >= 0 && fdNum != NO_FD) {
          FdInfo f = thread.process.get(fdNum);
          if (f != null) {
            thread.process.cwd = Paths.asDirectory(f.name);
          }
        }
        break;
      case "execve": case "execveat":
        execveExit(e, res);
        break;
      case "setuid": case "setresuid":
        setId(e, res, true, name.equals("setresuid") ? "euid" : "uid");
        break;
      case "setgid": case "setresgid":
        setId(e, res, false, name.equals("setresgid") ? "egid" : "gid");
        break;
      default:
        break;
    }
  }

  private void created(Event e, long res, int type) {
    if (res < 0) {
      fdNum = -1;
      return;
    }
    FdInfo f = new FdInfo(res, type);
    f.openTs = e.ts();
    thread.process.put(f, thread);
    fdNum = res;
    fd = f;
  }

  /** Adds an fd named by param {@code paramName}; also adds the one at {@code otherIndex}. */
  private long newFd(Event e, String paramName, int type, String name, int otherIndex) {
    if (otherIndex >= 0 && !e.isEmpty(otherIndex)) {
      FdInfo o = new FdInfo(e.paramLong(otherIndex), type);
      o.name = name;
      o.openTs = e.ts();
      thread.process.put(o, thread);
    }
    int i = e.param(paramName);
    if (i < 0 || e.isEmpty(i)) {
      return NO_FD;
    }
    FdInfo f = new FdInfo(e.paramLong(i), type);
    f.name = name;
    f.openTs = e.ts();
    thread.process.put(f, thread);
    return f.fd;
  }

  private void open(Event e, long res) {
    // Every open-family exit carries the new fd (or the error) first.
    long newFd = e.has(0) ? e.paramLong(0) : -1;
    fdNum = newFd;
    if (newFd < 0) {
      return;
    }
    // The exit carries name, flags and dirfd in newer versions; a stored enter wins where it has them.
    String path = stringParam(e, e.type() == 337 ? "path" : "name");
    Long flagsValue = unsignedParam(e, "flags");
    Long dirfdValue = signedParam(e, "dirfd");
    Event enter = enterIfPaired();
    if (enter != null) {
      String s = stringParam(enter, "name");
      if (s != null && !s.equals("(NULL)")) {
        path = s;
      }
      Long f = unsignedParam(enter, "flags");
      flagsValue = f != null ? f : flagsValue;
      Long d = signedParam(enter, "dirfd");
      dirfdValue = d != null ? d : dirfdValue;
    }
    // creat() is open(O_CREAT|O_WRONLY|O_TRUNC) and carries no flags of its own.
    long flags = flagsValue != null ? flagsValue : e.info().name().equals("creat") ? PPM_CREAT_FLAGS : 0;
    if (path == null) {
      path = "";
    }
    String full;
    if (path.startsWith("/")) {
      full = Paths.normalize(path);
    } else if (dirfdValue != null && dirfdValue != AT_FDCWD) {
      FdInfo d = thread.process.get(dirfdValue);
      full = Paths.absolute(d == null ? "<UNKNOWN>/" : Paths.asDirectory(d.name), path);
    } else {
      full = Paths.absolute(thread.cwd(), path);
    }
    FdInfo f = new FdInfo(newFd, (flags & O_DIRECTORY) != 0 ? FdEntry.DIRECTORY : FdEntry.FILE_V2);
    f.name = full;
    f.openFlags = (int) flags;
    f.openTs = e.ts();
    thread.process.put(f, thread);
    fd = f;
  }

  private void socket(Event e, long res) {
    fdNum = res;
    if (res < 0) {
      return;
    }
    long domain = -1, stype = 0, proto = 0;
    Event src = dialect == Dialect.CURRENT || e.nparams() >= 4 ? e : enterIfPaired();
    int off = src == e ? 1 : 0;
    if (src != null && src.has(off + 2)) {
      domain = src.paramUnsigned(off);
      stype = src.paramUnsigned(off + 1);
      proto = src.paramUnsigned(off + 2);
    } else if (src == null) {
      // Without the enter event the kind of socket is unknown; sysdig then keeps no fd.
      return;
    }
    FdInfo f;
    if (domain == AF_UNIX) {
      f = new FdInfo(res, FdEntry.UNIX_SOCK);
    } else if (domain == AF_INET || domain == AF_INET6) {
      f = new FdInfo(res, domain == AF_INET ? FdEntry.IPV4_SOCK : FdEntry.IPV6_SOCK);
      int kind = (int) (stype & 0xF);
      if (proto == 6 || (proto == 0 && kind == 1)) {
        f.l4proto = FdInfo.L4_TCP;
      } else if (proto == 17 || (proto == 0 && kind == 2)) {
        f.l4proto = FdInfo.L4_UDP;
      } else if (proto == 1) {
        f.l4proto = FdInfo.L4_ICMP;
      } else if (kind == 3 || proto == 255) {
        f.l4proto = FdInfo.L4_RAW;
      }
    } else if (domain == AF_NETLINK) {
      f = new FdInfo(res, FdEntry.NETLINK);
    } else {
      return;
    }
    f.openTs = e.ts();
    thread.process.put(f, thread);
    fd = f;
  }

  private void connectEnter(Event e) {
    if (!e.has(1) || e.isEmpty(1) || thread == null || fdNum == NO_FD) {
      return;
    }
    FdInfo f = thread.process.get(fdNum);
    if (f == null) {
      return;
    }
    Sockets.applyDestination(f, e, 1);
  }

  private void connectExit(Event e, long res) {
    if (res < 0 && res != EINPROGRESS) {
      return;
    }
    if (fdNum == NO_FD) {
      return;
    }
    FdInfo f = thread.process.get(fdNum);
    int ti = e.param("tuple");
    if (f == null || ti < 0 || e.isEmpty(ti)) {
      return;
    }
    Sockets.applyTuple(f, e, ti, false, true);
    f.role = FdInfo.ROLE_CLIENT;
  }

  private void bindExit(Event e, long res) {
    if (res < 0 || fdNum == NO_FD) {
      return;
    }
    FdInfo f = thread.process.get(fdNum);
    int ai = e.param("addr");
    if (f == null || ai < 0 || e.isEmpty(ai)) {
      return;
    }
    Sockets.applyBoundAddress(f, e, ai);
  }

  private void acceptExit(Event e, long res) {
    int fi = e.param("fd");
    long newFd = fi >= 0 && !e.isEmpty(fi) ? e.paramLong(fi) : -1;
    fdNum = newFd;
    if (newFd < 0) {
      if (dialect == Dialect.CURRENT) {
        // Current libsinsp keeps no fd for a failed accept: the event has none.
        fdNum = NO_FD;
      }
      return;
    }
    int ti = e.param("tuple");
    FdInfo f = new FdInfo(newFd, FdEntry.IPV4_SOCK);
    f.openTs = e.ts();
    f.l4proto = FdInfo.L4_TCP;
    if (ti >= 0 && !e.isEmpty(ti)) {
      Sockets.applyTuple(f, e, ti, false, true);
    }
    f.role = FdInfo.ROLE_SERVER;
    thread.process.put(f, thread);
    fd = f;
  }

  /**
   * A successful sendto/sendmsg/recvfrom/recvmsg with a tuple updates a socket
   * that has no name yet or is not a TCP one, as libsinsp's parse_rw_exit does:
   * the tuple's source becomes the socket's source, its destination fills the
   * socket's only while that is unset (sysdig 0.29.3; current libsinsp replaces
   * it), a socket without a role gets one by guessing, and the ends are then
   * swapped so that the client stays on the left. A tuple equal to the socket's
   * own (either way round) changes nothing.
   */
  private void learnTuple(Event e, boolean read, long res) {
    if (res < 0 || fdNum == NO_FD || thread == null) {
      return;
    }
    FdInfo f = thread.process.get(fdNum);
    if (f == null || (!f.name.isEmpty() && Sockets.isTcp(f))) {
      return;
    }
    Event src = e;
    int ti = e.param("tuple");
    if (!read && (ti < 0 || e.isEmpty(ti))) {
      src = enterIfPaired();
      ti = src == null ? -1 : src.param("tuple");
    }
    if (src == null || ti < 0 || src.isEmpty(ti)) {
      return;
    }
    if (!Sockets.updateFromTuple(f, src, ti, dialect == Dialect.CURRENT, interfaces)) {
      return;
    }
    if (f.type == FdEntry.IPV4_SOCK || f.type == FdEntry.IPV6_SOCK) {
      if (f.role == FdInfo.ROLE_NONE) {
        f.role = guessRole(f, read);
      }
      if ((read && f.role == FdInfo.ROLE_CLIENT) || (!read && f.role == FdInfo.ROLE_SERVER)) {
        Sockets.swap(f);
      }
      f.name = Sockets.tupleName(f);
    }
  }

  /**
   * libsinsp's guess: a socket whose destination port the process is "bound
   * to" serves (unless its source port is also one of the process's client
   * ports: then a first read means server); any other is a client. libsinsp
   * reads the ports through the IPv4 view of the address union, so an IPv6
   * socket's "ports" are bytes 8..11 of its source address.
   */
  private int guessRole(FdInfo f, boolean read) {
    int dport = Sockets.v4ViewDport(f);
    int sport = Sockets.v4ViewSport(f);
    boolean bound = false;
    boolean clientPort = false;
    for (FdInfo o : thread.process.all()) {
      // libsinsp's is_bound_to_port counts IPv4 server ports and the peer ports of IPv4 sockets.
      if ((o.type == FdEntry.IPV4_SERVSOCK && o.sport == dport) || (o.type == FdEntry.IPV4_SOCK && o.dport == dport)) {
        bound = true;
      }
      if (o.type == FdEntry.IPV4_SOCK && o.sport == sport) {
        clientPort = true;
      }
    }
    if (!bound) {
      return FdInfo.ROLE_CLIENT;
    }
    if (!clientPort) {
      return FdInfo.ROLE_SERVER;
    }
    return read ? FdInfo.ROLE_SERVER : FdInfo.ROLE_CLIENT;
  }

  private void dupExit(Event e, long res) {
    if (res < 0) {
      fdNum = res;
      return;
    }
    long source = NO_FD;
    int oi = e.param("oldfd");
    if (oi >= 0 && !e.isEmpty(oi)) {
      source = e.paramLong(oi);
    } else if (paired && thread.lastEventFd >= 0) {
      source = fdNum;
    }
    fdNum = res;
    if (source == NO_FD) {
      return;
    }
    FdInfo s = thread.process.get(source);
    if (s != null) {
      FdInfo c = s.copy(res);
      c.openTs = e.ts();
      thread.process.put(c, thread);
      fd = c;
    }
  }

  private void fcntlExit(Event e, long res) {
    long cmd = -1;
    int ci = e.param("cmd");
    if (ci >= 0 && !e.isEmpty(ci)) {
      cmd = e.paramUnsigned(ci);
    } else {
      Event en = enterIfPaired();
      if (en != null && en.has(1)) {
        cmd = en.paramUnsigned(1);
      }
    }
    if (cmd != 1 && cmd != 26) {
      return;
    }
    long source = fdNum;
    fdNum = res;
    if (res < 0 || source == NO_FD) {
      return;
    }
    FdInfo s = thread.process.get(source);
    if (s != null) {
      FdInfo c = s.copy(res);
      c.openTs = e.ts();
      thread.process.put(c, thread);
      fd = c;
    }
  }

  private void setId(Event e, long res, boolean user, String param) {
    if (res < 0) {
      return;
    }
    long v = -1;
    Event src = dialect == Dialect.CURRENT ? e : enterIfPaired();
    if (src != null) {
      int i = src.param(param);
      if (i >= 0 && !src.isEmpty(i)) {
        v = src.paramUnsigned(i);
      }
    }
    if (v < 0 || v == 0xFFFFFFFFL) {
      return;
    }
    if (user) {
      thread.uid = v;
    } else {
      thread.gid = v;
    }
  }

  private void procexit(Event e) {
    ThreadInfo t = thread;
    t.dead = true;
    t.exitTs = e.ts();
    if (e.has(0) && !e.isEmpty(0)) {
      t.exitStatus = e.paramLong(0);
    }
    removeThread = t;
  }

  private void removeDeadThread(ThreadInfo t) {
    if (threads.get(t.tid) != t) {
      return;
    }
    if (t.isMainThread() && hasOtherThreads(t)) {
      // The main thread stays, dead, while its process has other threads.
      return;
    }
    dropThread(t);
    exitedBeforeClone.add(t.tid);
    if (!t.isMainThread()) {
      ThreadInfo main = threads.get(t.pid);
      if (main != null && main.dead && !hasOtherThreads(main) && dialect == Dialect.CURRENT) {
        dropThread(main);
      }
    }
  }

  private static boolean hasOtherThreads(ThreadInfo main) {
    return main.process.threadCount > 1;
  }

  /** Enters a thread in the table; a thread it replaces (tid reuse) leaves its process. */
  private void addThread(ThreadInfo t) {
    ThreadInfo old = threads.put(t.tid, t);
    if (old != null && old != t) {
      old.process.threadCount--;
      listener.threadRemoved(old);
      if (old.process.threadCount == 0 && old.process != t.process) {
        old.process.closeAll();
      }
    }
    t.process.threadCount++;
    listener.threadAdded(t);
  }

  private void dropThread(ThreadInfo t) {
    if (threads.get(t.tid) == t) {
      threads.remove(t.tid);
      t.process.threadCount--;
      listener.threadRemoved(t);
      if (t.process.threadCount == 0) {
        t.process.closeAll();
      }
    }
  }

  // ---- clone and execve ------------------------------------------------------------------------

  private void cloneExit(Event e) {
    long res = e.has(0) ? e.paramLong(0) : -1;
    if (res < 0) {
      return;
    }
    int flags = (int) longParam(e, "flags", 0);
    long ptid = longParam(e, "ptid", -1);
    long pid = longParam(e, "pid", -1);
    long tidParam = longParam(e, "tid", e.tid());
    long vtid = longParam(e, "vtid", -1);
    long vpid = longParam(e, "vpid", -1);
    boolean isThread = (flags & ThreadInfo.CLONE_THREAD) != 0;
    boolean inContainer = (flags & ThreadInfo.CHILD_IN_PIDNS) != 0 || (vtid >= 0 && tidParam != vtid);
    if (res > 0) {
      // Parent side.
      if (inContainer) {
        return;
      }
      if (dialect == Dialect.CURRENT) {
        boolean vfork = e.type() == 227 || (flags & ThreadInfo.CLONE_VFORK) != 0;
        if (vfork || (flags & (ThreadInfo.CLONE_NEWPID | ThreadInfo.CLONE_PARENT)) != 0
            || exitedBeforeClone.contains(res)) {
          exitedBeforeClone.remove(res);
          return;
        }
      }
      ThreadInfo existing = threads.get(res);
      if (existing != null && (existing.flags & ThreadInfo.CLONE_INVERTED) != 0) {
        return;
      }
      ThreadInfo parent = threads.get(e.tid());
      ThreadInfo child = new ThreadInfo(res, ++lifetimes);
      child.ptid = e.tid();
      child.pid = isThread ? pid : res;
      fillChild(child, parent, e, flags, isThread);
      child.vtid = -1;
      child.vpid = -1;
      addThread(child);
      inheritFds(child, parent, isThread, e.ts());
      exitedBeforeClone.remove(res);
    } else {
      // Child side.
      ThreadInfo existing = threads.get(e.tid());
      if (existing != null) {
        existing.vtid = vtid;
        existing.vpid = vpid;
        return;
      }
      ThreadInfo parent = threads.get(isThread ? pid : ptid);
      ThreadInfo child = new ThreadInfo(e.tid(), ++lifetimes);
      child.pid = isThread ? pid : e.tid();
      // sysdig 0.29.3 makes the thread leader the parent of a thread it creates here (proc.pname shows it).
      child.ptid = isThread ? (dialect == Dialect.SYSDIG_0_29 ? pid : parent != null ? parent.ptid : ptid) : ptid;
      if (!isThread && pid >= 0) {
        child.pid = pid;
      }
      fillChild(child, parent, e, flags, isThread);
      child.flags |= ThreadInfo.CLONE_INVERTED;
      child.vtid = vtid;
      child.vpid = vpid;
      addThread(child);
      inheritFds(child, parent, isThread, e.ts());
      exitedBeforeClone.remove(child.tid);
    }
  }

  private void fillChild(ThreadInfo child, ThreadInfo parent, Event e, int flags, boolean isThread) {
    child.startTs = e.ts();
    if (parent != null) {
      child.comm = parent.comm;
      child.exe = parent.exe;
      child.exepath = parent.exepath;
      child.args = parent.args;
      child.root = parent.root;
      child.sid = parent.sid;
      child.vpgid = parent.vpgid;
      child.tty = parent.tty;
      child.loginuid = parent.loginuid;
      child.uid = parent.uid;
      child.gid = parent.gid;
      child.cgroups = parent.cgroups;
      child.containerId = parent.containerId;
      if (!isThread) {
        child.env = parent.env;
      }
    }
    int i = e.param("exe");
    if (i >= 0 && !e.isEmpty(i)) {
      child.exe = e.paramString(i);
    }
    i = e.param("comm");
    if (i >= 0 && !e.isEmpty(i)) {
      child.comm = e.paramString(i);
    } else if (e.param("exe") >= 0 && parent == null) {
      child.comm = child.exe;
    }
    i = e.param("args");
    if (i >= 0 && e.has(i)) {
      child.args = e.paramStrings(i);
    }
    child.fdlimit = longParam(e, "fdlimit", child.fdlimit);
    takeIdentity(child, e);
    child.flags = flags;
    if (isThread) {
      ThreadInfo main = threads.get(child.pid);
      child.process = main != null ? main.process : parent != null ? parent.process : newProcess();
    } else {
      child.process = parent != null ? parent.process.fork(++processLifetimes) : newProcess();
    }
  }

  /**
   * A forked child's copies of its parent's fds. Only once the child is in the
   * table: whoever watches the fd table then sees them arrive in the child's
   * process, from the child, not from the parent whose event this is.
   */
  private static void inheritFds(ThreadInfo child, ThreadInfo parent, boolean isThread, long ts) {
    if (!isThread && parent != null) {
      child.process.inherit(parent.process, child, ts);
    }
  }

  private void execveExit(Event e, long res) {
    if (res < 0 || thread == null) {
      return;
    }
    ThreadInfo t = thread;
    int i = e.param("exe");
    if (i >= 0 && e.has(i)) {
      t.exe = e.paramString(i);
    }
    i = e.param("args");
    if (i >= 0 && e.has(i)) {
      t.args = e.paramStrings(i);
    }
    long pid = longParam(e, "pid", t.pid);
    if (pid != t.pid && pid > 0) {
      t.pid = pid;
    }
    if (t.ptid < 0) {
      t.ptid = longParam(e, "ptid", t.ptid);
    }
    t.fdlimit = longParam(e, "fdlimit", t.fdlimit);
    i = e.param("comm");
    if (i >= 0 && !e.isEmpty(i)) {
      t.comm = e.paramString(i);
    } else {
      t.comm = t.exe;
    }
    i = e.param("env");
    if (i >= 0 && e.has(i)) {
      t.env = e.paramStrings(i);
    }
    t.tty = longParam(e, "tty", t.tty);
    t.vpgid = longParam(e, "vpgid", t.vpgid);
    i = e.param("loginuid");
    if (i >= 0 && !e.isEmpty(i)) {
      t.loginuid = e.paramUnsigned(i);
    }
    takeIdentity(t, e);
    String exepath = null;
    i = e.param("trusted_exepath");
    if (i >= 0 && !e.isEmpty(i)) {
      exepath = e.paramString(i);
    } else {
      Event enter = enterIfPaired();
      if (enter != null) {
        int fi = enter.param("filename");
        if (fi >= 0 && !enter.isEmpty(fi)) {
          exepath = Paths.absolute(t.cwd(), enter.paramString(fi));
        }
      }
    }
    if (exepath != null) {
      t.exepath = exepath;
    }
    t.flags &= ThreadInfo.CLONE_INVERTED;
    if (dialect == Dialect.CURRENT) {
      List<Long> cloexec = new ArrayList<>();
      for (FdInfo f : t.process.all()) {
        if ((f.openFlags & O_CLOEXEC) != 0) {
          cloexec.add(f.fd);
        }
      }
      for (long fdn : cloexec) {
        t.process.remove(fdn);
      }
    }
  }

  /** uid, gid and cgroups (and the container they imply) from a clone or execve exit, where present. */
  private static void takeIdentity(ThreadInfo t, Event e) {
    int i = e.param("uid");
    if (i >= 0 && !e.isEmpty(i)) {
      t.uid = e.paramUnsigned(i);
    }
    i = e.param("gid");
    if (i >= 0 && !e.isEmpty(i)) {
      t.gid = e.paramUnsigned(i);
    }
    i = e.param("cgroups");
    if (i >= 0 && !e.isEmpty(i)) {
      t.cgroups = e.paramStrings(i);
      t.containerId = Containers.idFromCgroups(t.cgroups);
    }
  }

  /** A parameter by name, or null when the event does not carry it (or carries it empty). */
  private static String stringParam(Event e, String name) {
    int i = e.param(name);
    return i >= 0 && !e.isEmpty(i) ? e.paramString(i) : null;
  }

  private static Long unsignedParam(Event e, String name) {
    int i = e.param(name);
    return i >= 0 && !e.isEmpty(i) ? e.paramUnsigned(i) : null;
  }

  private static Long signedParam(Event e, String name) {
    int i = e.param(name);
    return i >= 0 && !e.isEmpty(i) ? e.paramLong(i) : null;
  }

  private static long longParam(Event e, String name, long dflt) {
    int i = e.param(name);
    return i >= 0 && !e.isEmpty(i) ? e.paramLong(i) : dflt;
  }

  // ---- users and containers --------------------------------------------------------------------

  private void user(Event e, boolean added) {
    long uid = e.has(0) ? e.paramUnsigned(0) : -1;
    if (!added) {
      users.remove(uid);
      return;
    }
    users.put(uid, new UserInfo(uid, e.has(1) ? e.paramUnsigned(1) : 0, e.paramString(2), e.paramString(3),
        e.paramString(4), e.paramString(5)));
  }

  private void group(Event e, boolean added) {
    long gid = e.has(0) ? e.paramUnsigned(0) : -1;
    if (!added) {
      groups.remove(gid);
      return;
    }
    groups.put(gid, new GroupInfo(gid, e.paramString(1), e.paramString(2)));
  }

  private ContainerInfo container(Event e) {
    ContainerInfo c = ContainerInfo.parse(e);
    if (c != null) {
      containers.put(c.id(), c);
    }
    return c;
  }

  /**
   * The thread sysdig 0.29.3 gives a container event: not one of the table's
   * but a stand-in named {@code container:<id>}, with pid -1, the event's tid,
   * uid 0 and the container's id. It has no process (and so no lifetime).
   */
  private static ThreadInfo containerThread(ContainerInfo c, long tid) {
    ThreadInfo t = new ThreadInfo(tid, 0);
    t.pid = -1;
    t.ptid = 0;
    t.comm = "container:" + c.id();
    t.exe = "";
    t.uid = 0;
    t.gid = 0;
    t.vtid = -2;
    t.vpid = -2;
    t.containerId = c.id();
    return t;
  }

  // ---- what the current event touched ----------------------------------------------------------

  /** The thread of the current event, or null (meta events, unknown threads of scheduler events). */
  public ThreadInfo thread() {
    return thread;
  }

  /** The fd the current event refers to, or {@link #NO_FD}. */
  public long fdNum() {
    return fdNum;
  }

  /** The fd object of the current event, or null when unknown. */
  public FdInfo fd() {
    return fd;
  }

  /**
   * The fd object of the current event: the one it created or used, else the
   * table's entry for its fd number; null when unknown or not attached.
   */
  public FdInfo eventFd() {
    if (fd != null) {
      return fd;
    }
    if (thread == null || fdNum == NO_FD || fdDetached) {
      return null;
    }
    return thread.process.get(fdNum);
  }

  /** True when the event's fd number is known but sysdig did not attach the fd to the event. */
  public boolean fdDetached() {
    return fdDetached;
  }

  /** Nanoseconds since the matching enter event; {@link #NO_LATENCY} when not applicable. */
  public long latency() {
    return latency;
  }

  /** True when the current event is an exit whose thread's previous event was its enter. */
  public boolean paired() {
    return paired;
  }

  /** The enter event of the current exit when the two are paired and the tracker kept it, else null. */
  public Event pairedEnter() {
    return enterIfPaired();
  }

  /** True when sysdig would not show this event even with -D (leading state events, state-only). */
  public boolean hidden() {
    return hidden;
  }

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
    return users.get(uid);
  }

  public java.util.Collection<UserInfo> users() {
    return users.values();
  }

  public java.util.Collection<GroupInfo> groups() {
    return groups.values();
  }

  public GroupInfo group(long gid) {
    return groups.get(gid);
  }

  public ContainerInfo container(String id) {
    return containers.get(id);
  }

  public Map<String, ContainerInfo> containers() {
    return containers;
  }

  public List<InterfaceInfo> interfaces() {
    return interfaces;
  }

  /** The process's pid as sysdig reports proc.ppid: the parent's pid (current: only if known). */
  public Long ppid(ThreadInfo t) {
    ThreadInfo main = threads.get(t.pid);
    ThreadInfo base = main != null ? main : t;
    if (dialect == Dialect.CURRENT) {
      ThreadInfo parent = threads.get(base.ptid);
      if (parent == null) {
        return null;
      }
      return parent.pid;
    }
    return base.ptid;
  }
}
