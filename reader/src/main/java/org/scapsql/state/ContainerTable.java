package org.scapsql.state;

import java.util.HashMap;
import java.util.Map;
import org.scapsql.reader.Event;

/** The containers the capture's container events describe, by id; they outlive capture sections. */
final class ContainerTable {
  private final Map<String, ContainerInfo> containers = new HashMap<>();

  /** Records the container a container event describes; null when the event describes none. */
  ContainerInfo add(Event e) {
    ContainerInfo c = ContainerInfo.parse(e);
    if (c != null) {
      containers.put(c.id(), c);
    }
    return c;
  }

  ContainerInfo get(String id) {
    return containers.get(id);
  }

  Map<String, ContainerInfo> all() {
    return containers;
  }

  /**
   * The thread sysdig 0.29.3 gives a container event: not one of the table's
   * but a stand-in named {@code container:<id>}, with pid -1, the event's tid,
   * uid 0 and the container's id. It has no process (and so no lifetime).
   */
  static ThreadInfo standInThread(ContainerInfo c, long tid) {
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
}
