package org.scapsql.state;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scapsql.reader.Event;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.UserInfo;

/** Users and groups: the capture's user list, then the useradded/userdeleted/group* events. */
final class UserTable {
  private final Map<Long, UserInfo> users = new HashMap<>();
  private final Map<Long, GroupInfo> groups = new HashMap<>();

  /** The capture's user and group lists replace whatever was known. */
  void load(List<UserInfo> u, List<GroupInfo> g) {
    clear();
    for (UserInfo x : u) {
      users.put(x.uid(), x);
    }
    for (GroupInfo x : g) {
      groups.put(x.gid(), x);
    }
  }

  void clear() {
    users.clear();
    groups.clear();
  }

  /** A useradded ({@code added}) or userdeleted event. */
  void userEvent(Event e, boolean added) {
    long uid = e.has(0) ? e.paramUnsigned(0) : -1;
    if (!added) {
      users.remove(uid);
      return;
    }
    users.put(uid, new UserInfo(uid, e.has(1) ? e.paramUnsigned(1) : 0, e.paramString(2), e.paramString(3),
        e.paramString(4), e.paramString(5)));
  }

  /** A groupadded ({@code added}) or groupdeleted event. */
  void groupEvent(Event e, boolean added) {
    long gid = e.has(0) ? e.paramUnsigned(0) : -1;
    if (!added) {
      groups.remove(gid);
      return;
    }
    groups.put(gid, new GroupInfo(gid, e.paramString(1), e.paramString(2)));
  }

  UserInfo user(long uid) {
    return users.get(uid);
  }

  GroupInfo group(long gid) {
    return groups.get(gid);
  }

  Collection<UserInfo> users() {
    return users.values();
  }

  Collection<GroupInfo> groups() {
    return groups.values();
  }
}
