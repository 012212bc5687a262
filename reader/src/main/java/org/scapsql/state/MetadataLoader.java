package org.scapsql.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scapsql.reader.FdEntry;
import org.scapsql.reader.NulSeparated;
import org.scapsql.reader.ThreadEntry;

/**
 * Builds the thread table from the capture's process and fd lists, and, once
 * every fd is known (at the first event), orients the sockets between local
 * clients and servers.
 */
final class MetadataLoader {
  private final ThreadTable threads;
  private boolean pending = true;
  /**
   * The cgroups of the last thread entry and its container: the threads of a process, and
   * most processes of a host or container, come one after another with the same cgroups,
   * and comparing them costs less than hashing them for {@link Containers}' table.
   */
  private byte[] lastCgroups;
  private String lastContainerId;

  MetadataLoader(ThreadTable threads) {
    this.threads = threads;
  }

  /** A new section: its lists follow, and must be finished again at its first event. */
  void restart() {
    pending = true;
  }

  void threads(List<ThreadEntry> entries) {
    List<ThreadInfo> created = new ArrayList<>(entries.size());
    for (ThreadEntry t : entries) {
      ThreadInfo ti = new ThreadInfo(t.tid(), threads.nextLifetime());
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
      ti.vmsizeKb = t.vmsizeKb();
      ti.vmrssKb = t.vmrssKb();
      ti.vmswapKb = t.vmswapKb();
      ti.pfmajor = t.pfmajor();
      ti.pfminor = t.pfminor();
      ti.containerId = containerId(t.cgroups());
      created.add(ti);
      if (ti.isMainThread()) {
        ti.process = threads.newProcess();
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
        ti.process = main != null && main.process != null ? main.process : threads.newProcess();
      }
      threads.add(ti, true);
    }
    threads.countChildThreads(created);
  }

  void fds(long tid, List<FdEntry> entries) {
    ThreadInfo t = threads.get(tid);
    if (t == null) {
      return;
    }
    for (FdEntry e : entries) {
      t.process.put(Sockets.fromEntry(e), null);
    }
  }

  /** At every event; the first after the lists finishes them. */
  void finishIfPending() {
    if (pending) {
      finish();
    }
  }

  private String containerId(List<String> cgroups) {
    byte[] raw = NulSeparated.bytesOf(cgroups);
    if (raw != null && lastCgroups != null && Arrays.equals(raw, lastCgroups)) {
      return lastContainerId;
    }
    String id = Containers.idFromCgroups(cgroups);
    lastCgroups = raw;
    lastContainerId = id;
    return id;
  }

  /** Once every fd is known: put clients on the left of connections to local servers. */
  private void finish() {
    pending = false;
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
}
