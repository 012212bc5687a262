package org.scapsql.adapter.entity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.EventTable;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.ParamInfo;
import org.scapsql.reader.UserInfo;
import org.scapsql.state.Addresses;
import org.scapsql.state.ContainerInfo;
import org.scapsql.state.Containers;

/** Rows of the small tables: containers, users, groups, interfaces, capture, event_types. */
public final class SmallTables {
  private SmallTables() {}

  public static List<Object[]> containers(Entities e) {
    List<Object[]> out = new ArrayList<>();
    for (String id : e.containerIdsSeen()) {
      if (Containers.HOST.equals(id)) {
        out.add(new Object[] {id, Containers.HOST, null, null, e.capture()});
        continue;
      }
      ContainerInfo c = find(e.containers(), id);
      out.add(new Object[] {id, c == null ? null : c.name(), c == null ? null : c.image(),
          c == null ? null : c.typeName(), e.capture()});
    }
    for (ContainerInfo c : e.containers()) {
      String shortId = c.id().length() > 12 ? c.id().substring(0, 12) : c.id();
      if (!e.containerIdsSeen().contains(shortId)) {
        out.add(new Object[] {shortId, c.name(), c.image(), c.typeName(), e.capture()});
      }
    }
    return out;
  }

  private static ContainerInfo find(List<ContainerInfo> list, String id) {
    for (ContainerInfo c : list) {
      if (c.id().startsWith(id)) {
        return c;
      }
    }
    return null;
  }

  public static List<Object[]> users(Entities e) {
    List<Object[]> out = new ArrayList<>();
    for (UserInfo u : e.users()) {
      out.add(new Object[] {u.uid(), u.name(), u.gid(), u.homedir(), u.shell(), e.capture()});
    }
    return out;
  }

  public static List<Object[]> groups(Entities e) {
    List<Object[]> out = new ArrayList<>();
    for (GroupInfo g : e.groups()) {
      out.add(new Object[] {g.gid(), g.name(), e.capture()});
    }
    out.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
    return out;
  }

  public static List<Object[]> interfaces(Entities e) {
    List<Object[]> out = new ArrayList<>();
    for (InterfaceInfo i : e.interfaces()) {
      out.add(new Object[] {i.name(), i.family() == InterfaceInfo.IPV4 ? "ipv4" : "ipv6", Addresses.ip(i.address()),
          Addresses.ip(i.netmask()), Addresses.ip(i.broadcast()), e.capture()});
    }
    return out;
  }

  public static Object[] capture(Path path, Entities e) {
    long size;
    boolean gz;
    try {
      size = Files.size(path);
      try (java.io.InputStream in = Files.newInputStream(path)) {
        gz = in.read() == 0x1F && in.read() == 0x8B;
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(path + ": " + ex.getMessage(), ex);
    }
    String version = e.header() == null ? null : e.header().majorVersion() + "." + e.header().minorVersion();
    return new Object[] {
        e.capture(), path.toString(), size, gz, version,
        e.machine() == null ? null : e.machine().hostname(),
        e.machine() == null ? null : e.machine().numCpus(),
        e.machine() == null ? null : e.machine().memorySizeBytes(),
        e.firstTs(), Times.millis(e.firstTs()), e.lastTs(), Times.millis(e.lastTs()),
        e.firstTs() == null || e.lastTs() == null ? null : e.lastTs() - e.firstTs(), e.events(), e.dialect(),
        e.warning()};
  }

  public static List<Object[]> eventTypes() {
    EventTable t = EventTable.standard();
    List<Object[]> out = new ArrayList<>();
    for (int id = 0; id < t.size(); id++) {
      EventInfo i = t.get(id);
      StringBuilder params = new StringBuilder();
      for (ParamInfo p : i.params()) {
        if (params.length() > 0) {
          params.append(';');
        }
        params.append(p.name()).append(':').append(p.type().name());
      }
      out.add(new Object[] {id, i.name(), String.valueOf(i.direction()), categoryName(i.category()),
          flagNames(i.flags()), i.nparams(), params.toString()});
    }
    return out;
  }

  private static String categoryName(int c) {
    String[] low = {"unknown", "other", "file", "net", "ipc", "memory", "process", "sleep", "system", "signal",
        "user", "time", "processing"};
    int base = c & 0x1FF;
    String name;
    if (base < low.length) {
      name = low[base];
    } else if (base == 32 || base == 33 || base == 34) {
      name = base == 32 ? "io_read" : base == 33 ? "io_write" : "io_other";
    } else if (base == 64) {
      name = "wait";
    } else if (base == 128) {
      name = "scheduler";
    } else if (base == 256) {
      name = "internal";
    } else {
      name = Integer.toString(base);
    }
    List<String> src = new ArrayList<>();
    src.add(name);
    if ((c & 512) != 0) {
      src.add("syscall");
    }
    if ((c & 1024) != 0) {
      src.add("tracepoint");
    }
    if ((c & 2048) != 0) {
      src.add("plugin");
    }
    if ((c & 4096) != 0) {
      src.add("metaevent");
    }
    if ((c & 8192) != 0) {
      src.add("iter");
    }
    return String.join("|", src);
  }

  private static String flagNames(int f) {
    String[] names = {"creates_fd", "destroys_fd", "uses_fd", "reads_from_fd", "writes_to_fd", "modifies_state",
        "unused", "waits", "skipparsereset", "old_version", "drop_simple_cons", "large_payload",
        "converter_managed", "tmp_converter_managed"};
    List<String> out = new ArrayList<>();
    for (int b = 0; b < names.length; b++) {
      if ((f & (1 << b)) != 0) {
        out.add(names[b]);
      }
    }
    return String.join("|", out);
  }
}
