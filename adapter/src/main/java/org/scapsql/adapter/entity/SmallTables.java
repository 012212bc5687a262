package org.scapsql.adapter.entity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.EventTable;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.MachineInfo;
import org.scapsql.reader.ParamInfo;
import org.scapsql.reader.SectionHeader;
import org.scapsql.state.ContainerInfo;
import org.scapsql.state.Containers;

/** Rows of the small tables: containers, users, groups, interfaces, capture, event_types. */
public final class SmallTables {
  private SmallTables() {}

  /** A row of {@code containers}: a container id seen, with what the capture says of it. */
  public record ContainerRow(String id, String name, String image, String type, String ip, String capture)
      implements EntityColumns.OfCapture {}

  /** A row of a capture's own table (users, groups, interfaces): the item and its capture's name. */
  public record Captured<T>(T item, String capture) implements EntityColumns.OfCapture {
    static <T> List<Captured<T>> all(List<T> items, String capture) {
      return items.stream().map(i -> new Captured<>(i, capture)).toList();
    }
  }

  /** A row of {@code capture}: the file and what its whole pass learnt. */
  public record CaptureFile(Path path, long size, boolean compressed, Entities entities) {
    public String capture() {
      return entities.capture();
    }

    /** The section header's version, major.minor. */
    public String version() {
      SectionHeader h = entities.header();
      return h == null ? null : h.majorVersion() + "." + h.minorVersion();
    }

    /** A fact of the machine block, or null without one. */
    public Object machine(Function<MachineInfo, ?> fact) {
      return entities.machine() == null ? null : fact.apply(entities.machine());
    }

    public Long duration() {
      Long first = entities.firstTs();
      Long last = entities.lastTs();
      return first == null || last == null ? null : last - first;
    }
  }

  /** A row of {@code event_types}: an id of the event table and its entry. */
  public record EventType(int id, EventInfo info) {
    /** The parameters as name:type, separated by ';'. */
    public String params() {
      StringBuilder params = new StringBuilder();
      for (ParamInfo p : info.params()) {
        if (params.length() > 0) {
          params.append(';');
        }
        params.append(p.name()).append(':').append(p.type().name());
      }
      return params.toString();
    }
  }

  public static List<Object[]> containers(Entities e) {
    List<ContainerRow> out = new ArrayList<>();
    for (String id : e.containerIdsSeen()) {
      if (Containers.HOST.equals(id)) {
        out.add(new ContainerRow(id, Containers.HOST, null, null, null, e.capture()));
        continue;
      }
      ContainerInfo c = find(e.containers(), id);
      out.add(new ContainerRow(id, c == null ? null : c.name(), c == null ? null : c.image(),
          c == null ? null : c.typeName(), c == null ? null : c.ip(), e.capture()));
    }
    for (ContainerInfo c : e.containers()) {
      String shortId = c.id().length() > 12 ? c.id().substring(0, 12) : c.id();
      if (!e.containerIdsSeen().contains(shortId)) {
        out.add(new ContainerRow(shortId, c.name(), c.image(), c.typeName(), c.ip(), e.capture()));
      }
    }
    return EntityColumns.rows(EntityColumns.CONTAINERS, out);
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
    return EntityColumns.rows(EntityColumns.USERS, Captured.all(e.users(), e.capture()));
  }

  public static List<Object[]> groups(Entities e) {
    List<GroupInfo> groups = new ArrayList<>(e.groups());
    groups.sort((a, b) -> Long.compare(a.gid(), b.gid()));
    return EntityColumns.rows(EntityColumns.GROUPS, Captured.all(groups, e.capture()));
  }

  public static List<Object[]> interfaces(Entities e) {
    return EntityColumns.rows(EntityColumns.INTERFACES, Captured.all(e.interfaces(), e.capture()));
  }

  public static Object[] capture(Path path, Entities e) {
    Object[] file = fileFacts(path);
    return EntityColumns.row(EntityColumns.CAPTURES, new CaptureFile(path, (Long) file[0], (Boolean) file[1], e));
  }

  /** The size of a capture file and whether it is gzip, as the {@code capture} table gives them. */
  public static Object[] fileFacts(Path path) {
    try {
      long size = Files.size(path);
      boolean gz;
      try (java.io.InputStream in = Files.newInputStream(path)) {
        gz = in.read() == 0x1F && in.read() == 0x8B;
      }
      return new Object[] {size, gz};
    } catch (IOException ex) {
      throw new UncheckedIOException(path + ": " + ex.getMessage(), ex);
    }
  }

  public static List<Object[]> eventTypes() {
    EventTable t = EventTable.standard();
    List<EventType> out = new ArrayList<>();
    for (int id = 0; id < t.size(); id++) {
      out.add(new EventType(id, t.get(id)));
    }
    return EntityColumns.rows(EntityColumns.EVENT_TYPES, out);
  }

  static String categoryName(int c) {
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

  static String flagNames(int f) {
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
