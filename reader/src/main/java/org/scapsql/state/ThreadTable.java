package org.scapsql.state;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The threads the capture has shown so far, by tid, with their processes'
 * fd tables; hands out lifetime ids for threads, processes and fds and tells
 * the {@link StateListener} of every thread and fd that comes and goes.
 */
final class ThreadTable {
  private final LongMap<ThreadInfo> threads = new LongMap<>(1024);
  /** Tids whose thread exited before the parent's clone exit arrived (current libsinsp then skips it). */
  private final Set<Long> exitedBeforeClone = new HashSet<>();
  private StateListener listener = numbering(StateListener.NONE);
  private long fdLifetimes;
  private long lifetimes;
  private long processLifetimes;

  void listener(StateListener l) {
    this.listener = numbering(l);
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

  ThreadInfo get(long tid) {
    return threads.get(tid);
  }

  List<ThreadInfo> values() {
    return threads.values();
  }

  int size() {
    return threads.size();
  }

  long nextLifetime() {
    return ++lifetimes;
  }

  ProcessFds newProcess() {
    return new ProcessFds(++processLifetimes, listener);
  }

  /** A copy of {@code parent}'s fd table for a forked child. */
  ProcessFds fork(ProcessFds parent) {
    return parent.fork(++processLifetimes);
  }

  /** A thread the capture shows before anything said who it is: it gets a process of its own. */
  ThreadInfo placeholder(long tid) {
    ThreadInfo t = new ThreadInfo(tid, nextLifetime());
    t.pid = tid;
    t.ptid = -1;
    t.comm = "<NA>";
    t.exe = "<NA>";
    t.placeholder = true;
    t.process = newProcess();
    exitedBeforeClone.remove(tid);
    add(t);
    return t;
  }

  /** Enters a thread in the table; a thread it replaces (tid reuse) leaves its process. */
  void add(ThreadInfo t) {
    add(t, false);
  }

  /**
   * As {@link #add(ThreadInfo)}; a thread of the capture's process list does not count
   * itself in its main thread yet ({@link #countChildThreads} does once the list is in).
   */
  void add(ThreadInfo t, boolean fromProcessList) {
    ThreadInfo old = threads.put(t.tid, t);
    if (old != null && old != t) {
      leaveMain(old);
      old.process.threadCount--;
      listener.threadRemoved(old);
      if (old.process.threadCount == 0 && old.process != t.process) {
        old.process.closeAll();
      }
    }
    t.process.threadCount++;
    if (!fromProcessList) {
      joinMain(t);
    }
    listener.threadAdded(t);
  }

  /** After the process list: each listed thread counts in its main thread, as libsinsp does then. */
  void countChildThreads(List<ThreadInfo> listed) {
    for (ThreadInfo t : listed) {
      joinMain(t);
    }
  }

  // libsinsp counts by the CLONE_THREAD flag, not by tid != pid: a listed thread without the flag does not count.
  private void joinMain(ThreadInfo t) {
    if ((t.flags & ThreadInfo.CLONE_THREAD) != 0) {
      ThreadInfo main = threads.get(t.pid);
      if (main != null && main != t) {
        main.nchilds++;
      }
    }
  }

  private void leaveMain(ThreadInfo t) {
    if ((t.flags & ThreadInfo.CLONE_THREAD) != 0) {
      ThreadInfo main = threads.get(t.pid);
      if (main != null && main != t && main.nchilds > 0) {
        main.nchilds--;
      }
    }
  }

  /** The main thread of {@code t}'s process: {@code t} itself when it leads it, else its leader, or null. */
  ThreadInfo mainThread(ThreadInfo t) {
    return t.isMainThread() ? t : threads.get(t.pid);
  }

  /** Takes {@code t} out of the table if it is still there; its process closes with its last thread. */
  void drop(ThreadInfo t) {
    if (threads.get(t.tid) == t) {
      threads.remove(t.tid);
      leaveMain(t);
      t.process.threadCount--;
      listener.threadRemoved(t);
      if (t.process.threadCount == 0) {
        t.process.closeAll();
      }
    }
  }

  /** The deferred removal of a thread that exited. */
  void removeDead(ThreadInfo t, DialectRules rules) {
    if (threads.get(t.tid) != t) {
      return;
    }
    if (t.isMainThread() && hasOtherThreads(t)) {
      // The main thread stays, dead, while its process has other threads.
      return;
    }
    drop(t);
    exitedBeforeClone.add(t.tid);
    if (!t.isMainThread()) {
      ThreadInfo main = threads.get(t.pid);
      if (main != null && main.dead && !hasOtherThreads(main) && rules.deadLeaderLeavesWithLastThread()) {
        drop(main);
      }
    }
  }

  private static boolean hasOtherThreads(ThreadInfo main) {
    return main.process.threadCount > 1;
  }

  boolean exitedBeforeClone(long tid) {
    return exitedBeforeClone.contains(tid);
  }

  void forgetExit(long tid) {
    exitedBeforeClone.remove(tid);
  }

  /** Drops every thread (their processes close) and forgets exits: a new section starts over. */
  void clear() {
    for (ThreadInfo t : threads.values()) {
      drop(t);
    }
    threads.clear();
    exitedBeforeClone.clear();
  }

  /** The process's pid as sysdig reports proc.ppid: the parent's pid (current: only if known). */
  Long ppid(ThreadInfo t, DialectRules rules) {
    ThreadInfo main = threads.get(t.pid);
    ThreadInfo base = main != null ? main : t;
    if (rules.ppidNeedsKnownParent()) {
      ThreadInfo parent = threads.get(base.ptid);
      if (parent == null) {
        return null;
      }
      return parent.pid;
    }
    return base.ptid;
  }
}
