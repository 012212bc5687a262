package org.scapsql.state;

import java.util.HashMap;
import java.util.Map;

/** The fd table and working directory a process's threads share. */
public final class ProcessFds {
  private final Map<Long, FdInfo> fds;
  public String cwd = "";

  public ProcessFds() {
    this.fds = new HashMap<>();
  }

  private ProcessFds(Map<Long, FdInfo> fds, String cwd) {
    this.fds = fds;
    this.cwd = cwd;
  }

  public FdInfo get(long fd) {
    return fds.get(fd);
  }

  public void put(FdInfo info) {
    fds.put(info.fd, info);
  }

  public FdInfo remove(long fd) {
    return fds.remove(fd);
  }

  public Iterable<FdInfo> all() {
    return fds.values();
  }

  public int size() {
    return fds.size();
  }

  /** A forked child starts with copies of its parent's descriptors. */
  public ProcessFds copy() {
    Map<Long, FdInfo> m = new HashMap<>(fds.size() * 2);
    for (FdInfo f : fds.values()) {
      m.put(f.fd, f.copy(f.fd));
    }
    return new ProcessFds(m, cwd);
  }
}
