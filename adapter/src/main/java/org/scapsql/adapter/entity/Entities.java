package org.scapsql.adapter.entity;

import java.util.List;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.MachineInfo;
import org.scapsql.reader.SectionHeader;
import org.scapsql.reader.UserInfo;
import org.scapsql.state.ContainerInfo;

/**
 * Everything one whole pass over a capture learns: the entity tables (read from their
 * file as a query asks for them, never held whole) and the capture's own facts.
 * Immutable once built; shared by queries.
 */
public record Entities(
    String capture,
    EntityRows processes,
    EntityRows threads,
    EntityRows fds,
    EntityRows connections,
    EntityFile.Facts facts) {

  public List<ContainerInfo> containers() {
    return facts.containers();
  }

  public List<String> containerIdsSeen() {
    return facts.containerIdsSeen();
  }

  public List<UserInfo> users() {
    return facts.users();
  }

  public List<GroupInfo> groups() {
    return facts.groups();
  }

  public List<InterfaceInfo> interfaces() {
    return facts.interfaces();
  }

  public SectionHeader header() {
    return facts.header();
  }

  public MachineInfo machine() {
    return facts.machine();
  }

  public long events() {
    return facts.events();
  }

  public Long firstTs() {
    return facts.firstTs();
  }

  public Long lastTs() {
    return facts.lastTs();
  }

  public String dialect() {
    return facts.dialect();
  }

  public String warning() {
    return facts.warning();
  }
}
