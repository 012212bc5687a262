package org.scapsql.views;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.scapsql.functions.BufferText;
import org.scapsql.functions.ScapFunctions;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.ParamInfo;
import org.scapsql.render.EventFormatter;
import org.scapsql.render.ParamRenderer;
import org.scapsql.render.SysdigFields;
import org.scapsql.state.FdInfo;
import org.scapsql.state.StateTracker;

/**
 * The overview's tile totals of one capture, added up event by event as the state
 * tracker takes them: the rules of {@code tile_events.sql}, written once more in
 * Java so that the overview reads the capture once instead of pushing every event
 * through some forty SQL expressions (see {@code tile_totals.sql}). The tests hold
 * the two to the same totals on every capture.
 */
final class TileCounter {
  /** The tiles one counter each, in the order of {@link #total}. */
  private enum Tile {
    SYSTEM_CALLS, FILE_BYTES_IN, FILE_BYTES_OUT, NET_BYTES_IN, NET_BYTES_OUT, HTTP_REQUESTS, HTTP_ERRORS,
    APP_LOG_MESSAGES, APP_LOG_WARNINGS, APP_LOG_ERRORS, SYSLOG_MESSAGES, SYSLOG_WARNINGS, SYSLOG_ERRORS,
    SLOW_FILE_IO_1MS, SLOW_FILE_IO_10MS, SLOW_FILE_IO_100MS, EXECUTED_COMMANDS, EXECUTED_INTERACTIVE_COMMANDS,
    SUDO_INVOCATIONS, NEW_OUTBOUND_CONNECTIONS, NEW_INBOUND_CONNECTIONS, NEW_SSH_CONNECTIONS,
    FAILED_CONNECTION_ATTEMPTS, FILE_OPEN_ERRORS, DELETED_FILES, NEW_SYMLINKS, FORK_COUNT, SETNS_INVOCATIONS,
    RECEIVED_SIGNALS, SEGMENTATION_FAULTS, NOTIFICATIONS, DOCKER_EVENTS;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The exits whose result is a byte count: view_events' evt_buflen. */
  private static final Set<String> BUFLEN_TYPES = Set.of("read", "readv", "pread", "preadv", "recv", "recvfrom",
      "recvmsg", "recvmmsg", "write", "writev", "pwrite", "pwritev", "send", "sendto", "sendmsg", "sendmmsg",
      "sendfile", "close", "close_range", "dup", "dup2", "dup3", "fcntl", "ioctl", "splice");
  private static final String[] SYSTEM_DIRS = {"/bin/", "/sbin/", "/boot/", "/etc/", "/lib", "/usr/bin/",
      "/usr/sbin/", "/usr/share/", "/usr/lib"};
  private static final long EINPROGRESS = -115;

  private final long[] total = new long[Tile.values().length];
  private final Set<String> accessedFiles = new HashSet<>();
  private final Set<String> modifiedFiles = new HashSet<>();
  private final Set<String> systemFiles = new HashSet<>();
  /** Connection keys, each with its protocol: the SQL counts distinct keys per protocol group. */
  private final Set<String> connections = new HashSet<>();
  private final Map<String, Long> protocolBytes = new TreeMap<>();
  private final Map<String, Long> dockerEvents = new TreeMap<>();
  private final Map<Integer, Long> boundPorts = new TreeMap<>();

  private final Dialect dialect;
  private final SysdigFields fields;
  private final ParamRenderer renderer;
  private final StateTracker state;

  TileCounter(StateTracker state, Dialect dialect) {
    if (state == null || dialect == null) {
      throw new IllegalArgumentException("a tile counter needs the capture's tracker and dialect");
    }
    this.state = state;
    this.dialect = dialect;
    this.fields = new SysdigFields(state);
    this.renderer = new ParamRenderer(state, java.time.ZoneOffset.UTC);
  }

  /** Adds what {@code e}, just taken by the tracker, adds to the tiles. */
  void event(Event e) {
    EventInfo info = e.info();
    if (info == null) {
      return;
    }
    String type = EventFormatter.type(e, dialect);
    switch (type) {
      case "execve", "signaldeliver", "notification", "infra" -> parameterTiles(e, info, type);
      default -> { }
    }
    // view_events' rows: what csysdig sees, and the internal events; its end-of-capture rows are not events.
    if ((info.isInternal() || !state.hidden()) && !type.equals("sysdigevent")) {
      eventTiles(e, info, type);
    }
  }

  private void eventTiles(Event e, EventInfo info, String type) {
    total[Tile.SYSTEM_CALLS.ordinal()]++;
    boolean exit = !info.enter();
    Long rawres = exit ? fields.rawres(e) : null;
    boolean write = info.has(EventInfo.EF_WRITES_TO_FD);
    boolean io = exit && rawres != null && rawres >= 0 && (write || info.has(EventInfo.EF_READS_FROM_FD));
    // The fd's server port only for the events that read it: most events are neither I/O nor sockets.
    boolean ported = io || exit && (type.equals("bind") || type.equals("connect") || type.equals("accept"));
    FdInfo fd = ported ? state.eventFd() : null;
    Integer sport = fd == null ? null : SysdigFields.fdServerPort(fd);
    if (io) {
      ioTiles(e, type, rawres, write, sport);
    }
    if (!exit) {
      return;
    }
    long res = rawres == null ? 0 : rawres;
    boolean known = rawres != null;
    switch (type) {
      case "bind" -> {
        if (known && res >= 0 && sport != null) {
          boundPorts.merge(sport, 1L, Long::sum);
        }
      }
      case "connect" -> {
        count(Tile.NEW_OUTBOUND_CONNECTIONS, sport != null);
        count(Tile.NEW_SSH_CONNECTIONS, sport != null && sport == 22);
        String fdType = fields.fdType();
        count(Tile.FAILED_CONNECTION_ATTEMPTS, known && res < 0 && res != EINPROGRESS
            && ("ipv4".equals(fdType) || "ipv6".equals(fdType)));
      }
      case "accept" -> {
        count(Tile.NEW_INBOUND_CONNECTIONS, sport != null);
        count(Tile.NEW_SSH_CONNECTIONS, sport != null && sport == 22);
      }
      case "open" -> count(Tile.FILE_OPEN_ERRORS, known && res < 0);
      case "unlink", "unlinkat" -> count(Tile.DELETED_FILES, known && res >= 0);
      case "symlink", "symlinkat" -> count(Tile.NEW_SYMLINKS, known && res >= 0);
      case "clone", "fork" -> count(Tile.FORK_COUNT, known && res > 0);
      case "setns" -> count(Tile.SETNS_INVOCATIONS, known && res >= 0);
      default -> { }
    }
  }

  private void ioTiles(Event e, String type, long rawres, boolean write, Integer sport) {
    String fdType = fields.fdType();
    if (fdType == null) {
      return;
    }
    String name = fields.fdName(e);
    boolean file = fdType.equals("file");
    boolean net = fdType.equals("ipv4") || fdType.equals("ipv6");
    Long latency = fields.evtLatency(e);
    long buflen = BUFLEN_TYPES.contains(type) && ((latency != null && latency > 0) || dialect == Dialect.CURRENT)
        ? rawres : 0;
    String containerId = fields.containerId();
    String key = containerId == null || name == null ? null
        : (containerId.equals("host") ? "" : containerId) + ":" + name;
    if (file) {
      add(write ? Tile.FILE_BYTES_OUT : Tile.FILE_BYTES_IN, buflen);
      addKey(accessedFiles, key);
      if (write) {
        addKey(modifiedFiles, key);
        if (name != null && startsWithAny(name, SYSTEM_DIRS)) {
          systemFiles.add(name);
        }
      }
      if (name != null && latency != null && !name.startsWith("/dev/")) {
        count(Tile.SLOW_FILE_IO_1MS, latency > 1_000_000L);
        count(Tile.SLOW_FILE_IO_10MS, latency > 10_000_000L);
        count(Tile.SLOW_FILE_IO_100MS, latency > 100_000_000L);
      }
    } else if (net) {
      add(write ? Tile.NET_BYTES_OUT : Tile.NET_BYTES_IN, buflen);
      String protocol = ScapFunctions.port_protocol(sport);
      if (key != null) {
        connections.add(protocol + "\u0000" + key);
      }
      if (protocol != null) {
        protocolBytes.merge(protocol, buflen, Long::sum);
      }
    }
    String kind = net ? "net"
        : file && write && name != null && isLogFile(name) ? "log"
        : fdType.equals("unix") && write && name != null && name.contains("/dev/log") ? "syslog"
        : null;
    if (kind != null) {
      dataTiles(e, kind);
    }
  }

  private static boolean isLogFile(String name) {
    return (name.contains(".log") || name.contains("_log") || name.contains("/var/log"))
        && !name.contains(".gz") && !name.contains(".tgz");
  }

  /** The tiles that read what an I/O event carried, as Inspect's dotted text. */
  private void dataTiles(Event e, String kind) {
    int d = e.param("data");
    if (d < 0 || e.isEmpty(d)) {
      return;
    }
    String dotted = BufferText.dotted(e.paramBytes(d));
    switch (kind) {
      case "net" -> {
        if (dotted.startsWith("HTTP/")) {
          total[Tile.HTTP_REQUESTS.ordinal()]++;
          Integer status = ScapFunctions.http_status(dotted);
          count(Tile.HTTP_ERRORS, status == null || status != 200);
        }
      }
      case "log" -> {
        String lower = dotted.toLowerCase(Locale.ROOT);
        count(Tile.APP_LOG_MESSAGES, !dotted.isEmpty());
        boolean warn = lower.contains("warn");
        count(Tile.APP_LOG_WARNINGS, warn);
        count(Tile.APP_LOG_ERRORS, !warn && (lower.contains("error") || lower.contains("critic")
            || lower.contains("emergency") || lower.contains("alert")));
      }
      default -> {
        Integer severity = ScapFunctions.syslog_severity(dotted);
        if (severity != null) {
          total[Tile.SYSLOG_MESSAGES.ordinal()]++;
          count(Tile.SYSLOG_WARNINGS, severity == 4);
          count(Tile.SYSLOG_ERRORS, severity < 4);
        }
      }
    }
  }

  /** The tiles that read parameters; every event of these types counts, shown to csysdig or not. */
  private void parameterTiles(Event e, EventInfo info, String type) {
    if (type.equals("execve")) {
      Long rawres = info.enter() ? null : fields.rawres(e);
      if (rawres != null && rawres >= 0) {
        total[Tile.EXECUTED_COMMANDS.ordinal()]++;
        String parent = fields.procPname();
        count(Tile.EXECUTED_INTERACTIVE_COMMANDS, parent != null && parent.contains("bash"));
        count(Tile.SUDO_INVOCATIONS, "sudo".equals(param(e, "exe")));
      }
      return;
    }
    if (!info.enter()) {
      return;
    }
    switch (type) {
      case "signaldeliver" -> {
        total[Tile.RECEIVED_SIGNALS.ordinal()]++;
        String sig = param(e, "sig");
        count(Tile.SEGMENTATION_FAULTS, sig != null && (sig.equals("SIGSEGV") || sig.endsWith("(SIGSEGV)")));
      }
      case "notification" -> total[Tile.NOTIFICATIONS.ordinal()]++;
      default -> {
        String name = param(e, "name");
        if ("docker".equals(param(e, "source")) && name != null) {
          total[Tile.DOCKER_EVENTS.ordinal()]++;
          dockerEvents.merge(name, 1L, Long::sum);
        }
      }
    }
  }

  /** A parameter as {@code evt_params[name]} renders it, or null when the event lacks it. */
  private String param(Event e, String name) {
    List<ParamInfo> ps = e.info().params(dialect);
    int n = Math.min(e.nparams(), ps.size());
    String value = null;
    for (int i = 0; i < n; i++) {
      if (ps.get(i).name().equals(name)) {
        value = renderer.value(e, i);
      }
    }
    return value;
  }

  private void count(Tile t, boolean yes) {
    if (yes) {
      total[t.ordinal()]++;
    }
  }

  private void add(Tile t, long n) {
    total[t.ordinal()] += n;
  }

  private static void addKey(Set<String> keys, String key) {
    if (key != null) {
      keys.add(key);
    }
  }

  private static boolean startsWithAny(String s, String[] prefixes) {
    for (String p : prefixes) {
      if (s.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** The rows of {@code inspect.tile_totals} for this capture: tile, item, total. */
  List<Object[]> rows(String capture) {
    List<Object[]> out = new ArrayList<>();
    for (Tile t : Tile.values()) {
      out.add(new Object[] {capture, t.id(), null, total[t.ordinal()]});
    }
    long fileIn = total[Tile.FILE_BYTES_IN.ordinal()];
    long fileOut = total[Tile.FILE_BYTES_OUT.ordinal()];
    long netIn = total[Tile.NET_BYTES_IN.ordinal()];
    long netOut = total[Tile.NET_BYTES_OUT.ordinal()];
    out.add(new Object[] {capture, "file_bytes", null, fileIn + fileOut});
    out.add(new Object[] {capture, "net_bytes", null, netIn + netOut});
    out.add(new Object[] {capture, "accessed_files", null, (long) accessedFiles.size()});
    out.add(new Object[] {capture, "modified_files", null, (long) modifiedFiles.size()});
    out.add(new Object[] {capture, "modified_system_files", null, (long) systemFiles.size()});
    out.add(new Object[] {capture, "active_connections", null, (long) connections.size()});
    long binds = 0;
    for (Map.Entry<Integer, Long> p : boundPorts.entrySet()) {
      out.add(new Object[] {capture, "new_listening_ports", String.valueOf(p.getKey()), p.getValue()});
      binds += p.getValue();
    }
    if (boundPorts.isEmpty()) {
      out.add(new Object[] {capture, "new_listening_ports", null, binds});
    }
    protocolBytes.forEach((p, n) -> out.add(new Object[] {capture, "protocol_bytes:" + p, p, n}));
    dockerEvents.forEach((d, n) -> out.add(new Object[] {capture, "docker_events:" + d, d, n}));
    return out;
  }
}
