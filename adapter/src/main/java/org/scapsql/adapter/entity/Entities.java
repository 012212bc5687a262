package org.scapsql.adapter.entity;

import java.util.List;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.MachineInfo;
import org.scapsql.reader.SectionHeader;
import org.scapsql.reader.UserInfo;
import org.scapsql.state.ContainerInfo;

/**
 * Everything one whole pass over a capture learns: the entity tables and the
 * capture's own facts. Immutable once built; shared by queries.
 */
public record Entities(
    String capture,
    List<Object[]> processes,
    List<Object[]> threads,
    List<Object[]> fds,
    List<Object[]> connections,
    List<ContainerInfo> containers,
    List<String> containerIdsSeen,
    List<UserInfo> users,
    List<GroupInfo> groups,
    List<InterfaceInfo> interfaces,
    SectionHeader header,
    MachineInfo machine,
    long events,
    Long firstTs,
    Long lastTs,
    String dialect,
    String warning) {

  /** Rows held, to bound the cache. */
  public long size() {
    return processes.size() + threads.size() + fds.size() + connections.size();
  }
}
