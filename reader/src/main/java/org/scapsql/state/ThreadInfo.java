package org.scapsql.state;

import java.util.List;

/**
 * A thread as the state tracker knows it: identity, process attributes, the
 * shared fd table, and the enter/exit pairing state.
 */
public final class ThreadInfo {
  // Thread flags (PPM_CL_*) that the tracker reads.
  public static final int CLONE_FILES = 1;
  public static final int CLONE_NEWPID = 64;
  public static final int CLONE_PARENT = 256;
  public static final int CLONE_THREAD = 8192;
  public static final int CLONE_INVERTED = 65536;
  public static final int CLONE_VFORK = 134217728;
  public static final int CHILD_IN_PIDNS = 536870912;

  public final long tid;
  /** Distinguishes two lifetimes that reused one tid. */
  public final long lifetimeId;
  public long pid;
  public long ptid;
  public long sid = -1;
  public long vpgid = -1;
  public String comm = "";
  public String exe = "";
  public String exepath = "";
  public List<String> args = List.of();
  public List<String> env = List.of();
  public List<String> cgroups = List.of();
  public String root = "";
  public long fdlimit;
  public int flags;
  public long uid = 0xFFFFFFFFL;
  public long gid = 0xFFFFFFFFL;
  public long loginuid = 0xFFFFFFFFL;
  public long tty;
  public long vtid = -1;
  public long vpid = -1;
  /** Memory sizes in KiB and page-fault counters, as the capture last reported them for this thread. */
  public long vmsizeKb;
  public long vmrssKb;
  public long vmswapKb;
  public long pfmajor;
  public long pfminor;
  /**
   * libsinsp's child count of a main thread: the threads flagged CLONE_THREAD that
   * named it as their process when they entered the table and have not left it.
   * proc.nthreads is this plus one, read on the main thread.
   */
  public long nchilds;
  public String containerId = "host";
  /** The process's shared state; null only for the stand-in thread of a container event. */
  public ProcessFds process;
  public boolean dead;
  /** Set for threads invented because an event named an unknown tid. */
  public boolean placeholder;
  public long startTs;
  public long exitTs;
  public long exitStatus = Long.MIN_VALUE;

  // Enter/exit pairing.
  public int lastEventType = -1;
  public long lastEventTs;
  public long lastEventFd = 0;
  public long latency;
  public org.scapsql.reader.Event storedEnter;
  /** Free for whoever builds entity tables to hang its record on. */
  public Object attachment;

  ThreadInfo(long tid, long lifetimeId) {
    this.tid = tid;
    this.lifetimeId = lifetimeId;
  }

  public boolean isMainThread() {
    return tid == pid;
  }

  /*
   * The joined strings a query asks for at every event of the thread: made again only when
   * what they join was replaced (the fields are assigned, never changed in place), so an
   * events scan does not build one string per event.
   */
  private List<String> argsLineOf;
  private String argsLine;
  private String exeLineExe;
  private List<String> exeLineArgs;
  private String exeLine;
  private String nameTidComm;
  private String nameTid;

  /** {@code proc.args}: the arguments after argv[0], joined by spaces. */
  public String argsLine() {
    List<String> a = args;
    if (a != argsLineOf) {
      argsLine = String.join(" ", a);
      argsLineOf = a;
    }
    return argsLine;
  }

  /** {@code proc.exeline}: argv[0], a space and the arguments ('/sbin/init ' without arguments). */
  public String exeLine() {
    String x = exe;
    List<String> a = args;
    if (x != exeLineExe || a != exeLineArgs) {
      exeLine = x + " " + argsLine();
      exeLineExe = x;
      exeLineArgs = a;
    }
    return exeLine;
  }

  /** {@code thread.nametid}: the process name followed by the thread id (ls32052). */
  public String nameTid() {
    String c = comm;
    if (c != nameTidComm) {
      nameTid = c + tid;
      nameTidComm = c;
    }
    return nameTid;
  }

  public String cwd() {
    return process == null ? "" : process.cwd;
  }
}
