package org.scapsql.reader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event table (ids, names, directions, categories, flags and parameter
 * layouts) loaded from the TSV tables generated from falcosecurity/libs, with the
 * parameter types sysdig 0.29.3 used where they differ. Immutable and shared.
 */
public final class EventTable {
  private static final Map<String, Integer> CATEGORY_BITS = Map.ofEntries(
      Map.entry("EC_UNKNOWN", 0), Map.entry("EC_OTHER", 1), Map.entry("EC_FILE", 2), Map.entry("EC_NET", 3),
      Map.entry("EC_IPC", 4), Map.entry("EC_MEMORY", 5), Map.entry("EC_PROCESS", 6), Map.entry("EC_SLEEP", 7),
      Map.entry("EC_SYSTEM", 8), Map.entry("EC_SIGNAL", 9), Map.entry("EC_USER", 10), Map.entry("EC_TIME", 11),
      Map.entry("EC_PROCESSING", 12), Map.entry("EC_IO_READ", 32), Map.entry("EC_IO_WRITE", 33),
      Map.entry("EC_IO_OTHER", 34), Map.entry("EC_WAIT", 64), Map.entry("EC_SCHEDULER", 128),
      Map.entry("EC_INTERNAL", 256), Map.entry("EC_SYSCALL", 512), Map.entry("EC_TRACEPOINT", 1024),
      Map.entry("EC_PLUGIN", 2048), Map.entry("EC_METAEVENT", 4096), Map.entry("EC_ITER", 8192));
  private static final Map<String, Integer> FLAG_BITS = Map.ofEntries(
      Map.entry("EF_NONE", 0), Map.entry("EF_CREATES_FD", 1), Map.entry("EF_DESTROYS_FD", 2),
      Map.entry("EF_USES_FD", 4), Map.entry("EF_READS_FROM_FD", 8), Map.entry("EF_WRITES_TO_FD", 16),
      Map.entry("EF_MODIFIES_STATE", 32), Map.entry("EF_UNUSED", 64), Map.entry("EF_WAITS", 128),
      Map.entry("EF_SKIPPARSERESET", 256), Map.entry("EF_OLD_VERSION", 512),
      Map.entry("EF_DROP_SIMPLE_CONS", 1024), Map.entry("EF_LARGE_PAYLOAD", 2048),
      Map.entry("EF_CONVERTER_MANAGED", 4096), Map.entry("EF_TMP_CONVERTER_MANAGED", 8192));

  private static volatile EventTable standard;

  private final EventInfo[] events;
  private final String[] syscallNames;
  private final String[] syscallNames029;
  private final int[] syscallCategories029;

  private EventTable(EventInfo[] events, String[] syscallNames, String[] syscallNames029,
      int[] syscallCategories029) {
    this.events = events;
    this.syscallNames = syscallNames;
    this.syscallNames029 = syscallNames029;
    this.syscallCategories029 = syscallCategories029;
  }

  /** The table shipped with the reader. */
  public static EventTable standard() {
    EventTable t = standard;
    if (t == null) {
      synchronized (EventTable.class) {
        if (standard == null) {
          standard = load();
        }
        t = standard;
      }
    }
    return t;
  }

  /** Number of ids in the table; ids at or above it are unknown. */
  public int size() {
    return events.length;
  }

  /** The event type, or null for an id outside the table. */
  public EventInfo get(int id) {
    return id >= 0 && id < events.length ? events[id] : null;
  }

  /** Syscall name of a generic event's {@code ID}, as the dialect names it, or null. */
  public String syscallName(int code, Dialect d) {
    String[] names = d == Dialect.SYSDIG_0_29 ? syscallNames029 : syscallNames;
    return code >= 0 && code < names.length ? names[code] : null;
  }

  /** sysdig 0.29.3's category of a generic event's syscall (category number), or -1. */
  public int syscallCategory029(int code) {
    return code >= 0 && code < syscallCategories029.length ? syscallCategories029[code] : -1;
  }

  public static int categoryBits(String symbolic) {
    Integer v = CATEGORY_BITS.get(symbolic);
    if (v == null) {
      throw new IllegalArgumentException("unknown category " + symbolic);
    }
    return v;
  }

  private static EventTable load() {
    Map<String, List<String[]>> refs = new HashMap<>();
    for (String[] r : rows("event-param-refs.tsv")) {
      refs.computeIfAbsent(r[0] + ":" + r[1], k -> new ArrayList<>()).add(r);
    }
    List<String[]> rows = rows("event-table.tsv");
    EventInfo[] events = new EventInfo[rows.size()];
    for (String[] r : rows) {
      int id = Integer.parseInt(r[0]);
      int cat = 0;
      for (String c : r[3].split("\\|")) {
        cat |= categoryBits(c);
      }
      int flags = 0;
      for (String f : r[4].split("\\|")) {
        Integer v = FLAG_BITS.get(f);
        if (v == null) {
          throw new IllegalStateException("unknown event flag " + f + " in event " + id);
        }
        flags |= v;
      }
      List<ParamInfo> params = new ArrayList<>();
      if (r.length > 6 && !r[6].isEmpty()) {
        int i = 0;
        for (String p : r[6].split(";")) {
          String[] parts = p.split(":");
          String nameTable = null;
          String dynTable = null;
          int dirfd = -1;
          for (String[] ref : refs.getOrDefault(id + ":" + i, List.of())) {
            switch (ref[4]) {
              case "name_table": nameTable = ref[5]; break;
              case "dynamic_table": dynTable = ref[5]; break;
              case "dirfd_param_index": dirfd = Integer.parseInt(ref[5]); break;
              default: break;
            }
          }
          params.add(new ParamInfo(parts[0], ParamType.of(parts[1]), PrintFormat.of(parts[2]), nameTable, dynTable,
              dirfd));
          i++;
        }
      }
      if (params.size() != Integer.parseInt(r[5])) {
        throw new IllegalStateException("event " + id + ": nparams does not match its parameter list");
      }
      events[id] = new EventInfo(id, r[1], r[2].equals("E"), cat, flags, List.copyOf(params),
          List.copyOf(sysdig029(id, params)));
    }
    List<String[]> sc = rows("ppm-sc-names.tsv");
    int max = 0;
    for (String[] r : sc) {
      max = Math.max(max, Integer.parseInt(r[0]) + 1);
    }
    String[] names = new String[max];
    String[] names029 = new String[max];
    int[] cats029 = new int[max];
    java.util.Arrays.fill(cats029, -1);
    for (String[] r : sc) {
      int id = Integer.parseInt(r[0]);
      names[id] = r[1];
      names029[id] = r[2].isEmpty() ? null : r[2];
      cats029[id] = r.length > 3 && !r[3].isEmpty() ? CATEGORY_BITS.getOrDefault(r[3], -1) : -1;
    }
    return new EventTable(events, names, names029, cats029);
  }

  /**
   * Parameter types and names of sysdig 0.29.3's table where they differ from the
   * current one (found by comparing {@code sysdig -L} with the current table).
   */
  private static List<ParamInfo> sysdig029(int id, List<ParamInfo> current) {
    List<ParamInfo> p = new ArrayList<>(current);
    for (int i = 0; i < p.size(); i++) {
      ParamInfo pi = p.get(i);
      // Enum flags did not exist yet: those parameters were flags, rendered by the flags rule.
      switch (pi.type()) {
        case ENUMFLAGS8: p.set(i, pi.withType(ParamType.FLAGS8, pi.format())); break;
        case ENUMFLAGS16: p.set(i, pi.withType(ParamType.FLAGS16, pi.format())); break;
        case ENUMFLAGS32: p.set(i, pi.withType(ParamType.FLAGS32, pi.format())); break;
        default: break;
      }
    }
    switch (id) {
      case 24: // listen backlog
        set(p, 1, ParamType.UINT32, PrintFormat.DEC);
        break;
      case 161: case 163: // mmap/mmap2 exit res was an address, printed in hex
        set(p, 0, ParamType.UINT64, PrintFormat.HEX);
        break;
      case 293: case 331: // execve/execveat: tty and loginuid were plain ints, vpgid was "pgid"
        set(p, 16, ParamType.INT32, PrintFormat.DEC);
        if (p.size() > 17) {
          p.set(17, p.get(17).withName("pgid"));
        }
        set(p, 18, ParamType.INT32, PrintFormat.DEC);
        break;
      case 295: // setpgid exit res was a pid
        set(p, 0, ParamType.PID, PrintFormat.DEC);
        break;
      default:
        break;
    }
    return p;
  }

  private static void set(List<ParamInfo> p, int i, ParamType t, PrintFormat f) {
    if (i < p.size()) {
      p.set(i, p.get(i).withType(t, f));
    }
  }

  static List<String[]> rows(String resource) {
    try (InputStream in = EventTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> out = new ArrayList<>();
      br.readLine();
      String line;
      while ((line = br.readLine()) != null) {
        if (!line.isEmpty()) {
          out.add(line.split("\t", -1));
        }
      }
      return Collections.unmodifiableList(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
