package org.scapsql.functions;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.ByteString;
import org.scapsql.render.Errno;
import org.scapsql.render.Signals;
import org.scapsql.state.Paths;

/**
 * The SQL functions every scapsql connection has (registered by {@link Functions}).
 * Each public static method is one function; its {@link FunctionDoc} is its entry
 * in {@code docs/functions.md}. A NULL argument gives NULL; an argument that cannot
 * mean anything (a bucket width of 0) is an error naming the function.
 */
public final class ScapFunctions {
  private static final long NS_PER_MS = 1_000_000L;
  private static final long NS_PER_S = 1_000_000_000L;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Map<String, String> TYPE_CHARS = Map.ofEntries(
      Map.entry("file", "f"), Map.entry("directory", "d"), Map.entry("ipv4", "4"), Map.entry("ipv6", "6"),
      Map.entry("unix", "u"), Map.entry("pipe", "p"), Map.entry("event", "e"), Map.entry("signalfd", "s"),
      Map.entry("eventpoll", "l"), Map.entry("inotify", "i"), Map.entry("timerfd", "t"),
      Map.entry("netlink", "n"), Map.entry("bpf", "b"), Map.entry("userfaultfd", "u"),
      Map.entry("io_uring", "r"), Map.entry("memfd", "m"), Map.entry("pidfd", "P"),
      Map.entry("unsupported", "X"));

  private ScapFunctions() {}

  @FunctionDoc(signature = "ns_to_timestamp(ns)", returns = "TIMESTAMP",
      description = "Nanoseconds since the Unix epoch (`evt_rawtime`, `proc_start`, ...) as a UTC TIMESTAMP,"
          + " truncated to the millisecond (a TIMESTAMP holds no more).",
      example = "SELECT ns_to_timestamp(1470327477881801607)",
      result = "2016-08-04 16:17:57.881")
  public static Timestamp ns_to_timestamp(Long ns) {
    if (ns == null) {
      return null;
    }
    long ms = Math.floorDiv(ns, NS_PER_MS);
    // Calcite reads a Timestamp as local wall-clock time: hand it the UTC wall clock.
    return Timestamp.valueOf(LocalDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC));
  }

  @FunctionDoc(signature = "timestamp_to_ns(ts)", returns = "BIGINT",
      description = "A UTC TIMESTAMP as nanoseconds since the Unix epoch, for comparing with `evt_rawtime`.",
      example = "SELECT timestamp_to_ns(TIMESTAMP '2016-08-04 16:17:57.881')",
      result = "1470327477881000000")
  public static Long timestamp_to_ns(Timestamp ts) {
    if (ts == null) {
      return null;
    }
    LocalDateTime wall = ts.toLocalDateTime();
    return wall.toEpochSecond(ZoneOffset.UTC) * NS_PER_S + wall.getNano();
  }

  @FunctionDoc(signature = "time_bucket(ns, width)", returns = "BIGINT",
      description = "Start of the bucket of `width` nanoseconds (counted from the epoch) that holds `ns`:"
          + " `GROUP BY time_bucket(evt_rawtime, 1000000000)` groups events by second.",
      example = "SELECT time_bucket(1470327477881801607, 1000000000)",
      result = "1470327477000000000")
  public static Long time_bucket(Long ns, Long width) {
    return time_bucket(ns, width, 0L);
  }

  @FunctionDoc(signature = "time_bucket(ns, width, origin)", returns = "BIGINT",
      description = "The same, with buckets counted from `origin` (the capture's first event, say) as"
          + " Inspect's timelines count them.",
      example = "SELECT time_bucket(1470327477881801607, 75187960, 1470327475999999999)",
      result = "1470327477879698999")
  public static Long time_bucket(Long ns, Long width, Long origin) {
    if (ns == null || width == null || origin == null) {
      return null;
    }
    if (width <= 0) {
      throw new IllegalArgumentException("time_bucket: the width must be a positive number of nanoseconds, got "
          + width);
    }
    return origin + Math.floorDiv(ns - origin, width) * width;
  }

  @FunctionDoc(signature = "format_time(ns)", returns = "VARCHAR",
      description = "The time of day of `ns` in UTC as sysdig prints `evt.time` (`HH:MM:SS.nnnnnnnnn`).",
      example = "SELECT format_time(1470327477881801607)",
      result = "16:17:57.881801607")
  public static String format_time(Long ns) {
    if (ns == null) {
      return null;
    }
    LocalDateTime t = utc(ns);
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%09d", t.getHour(), t.getMinute(), t.getSecond(),
        t.getNano());
  }

  @FunctionDoc(signature = "format_datetime(ns)", returns = "VARCHAR",
      description = "Date and time of `ns` in UTC with all nine digits, as sysdig prints `evt.datetime`.",
      example = "SELECT format_datetime(1470327477881801607)",
      result = "2016-08-04 16:17:57.881801607")
  public static String format_datetime(Long ns) {
    if (ns == null) {
      return null;
    }
    LocalDateTime t = utc(ns);
    return String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d.%09d", t.getYear(), t.getMonthValue(),
        t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
  }

  @FunctionDoc(signature = "format_bytes(bytes)", returns = "VARCHAR",
      description = "A byte count for people: bytes below 1024, else one decimal in KiB, MiB, GiB, TiB, PiB"
          + " or EiB. For display only; the views keep raw numbers.",
      example = "SELECT format_bytes(18988)",
      result = "18.5 KiB")
  public static String format_bytes(Long bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes < 0) {
      return "-" + format_bytes(bytes == Long.MIN_VALUE ? Long.MAX_VALUE : -bytes);
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  @FunctionDoc(signature = "format_duration(ns)", returns = "VARCHAR",
      description = "A duration in nanoseconds as csysdig and Inspect print latencies: `694ns`, `4.15us`,"
          + " `13us`, `2.65ms`, `21ms`, `1.99s`, then `M:S` from a minute and `HH:MM:SS` from an hour"
          + " (each step truncates). For display only.",
      example = "SELECT format_duration(2654)",
      result = "2.65us")
  public static String format_duration(Long ns) {
    return ns == null ? null : Durations.format(ns);
  }

  @FunctionDoc(signature = "errno_name(errno)", returns = "VARCHAR",
      description = "The name of an errno value, given as the positive number or as a negative system call"
          + " result (`evt_rawres`); NULL for a number Linux does not name.",
      example = "SELECT errno_name(-2)",
      result = "ENOENT")
  public static String errno_name(Long errno) {
    if (errno == null || errno == Long.MIN_VALUE) {
      return null;
    }
    return Errno.name(Math.abs(errno));
  }

  @FunctionDoc(signature = "signal_name(signal)", returns = "VARCHAR",
      description = "The name of a signal number (`SIGSEGV` for 11), as sysdig prints `evt.arg.sig`; NULL for"
          + " a number without a name.",
      example = "SELECT signal_name(11)",
      result = "SIGSEGV")
  public static String signal_name(Long signal) {
    return signal == null ? null : Signals.name(signal);
  }

  @FunctionDoc(signature = "fd_typechar(fd_type)", returns = "VARCHAR",
      description = "The one-letter form of an `fd_type` as sysdig prints it in `<f>` tags and `fd.typechar`:"
          + " `f` file, `d` directory, `4`/`6` IP sockets, `u` unix, `p` pipe, `e` eventfd, `s` signalfd,"
          + " `l` eventpoll, `i` inotify, `t` timerfd, `n` netlink, ...; `o` for anything else.",
      example = "SELECT fd_typechar('ipv6')",
      result = "6")
  public static String fd_typechar(String fdType) {
    if (fdType == null) {
      return null;
    }
    return TYPE_CHARS.getOrDefault(fdType, "o");
  }

  @FunctionDoc(signature = "format_endpoint(ip, port)", returns = "VARCHAR",
      description = "An address and port as sysdig joins them in fd names: `ip:port`, IPv6 addresses"
          + " without brackets.",
      example = "SELECT format_endpoint('10.0.2.15', 22)",
      result = "10.0.2.15:22")
  public static String format_endpoint(String ip, Integer port) {
    if (ip == null || port == null) {
      return null;
    }
    return ip + ":" + port;
  }

  @FunctionDoc(signature = "format_tuple(cip, cport, sip, sport)", returns = "VARCHAR",
      description = "A connection as sysdig names a connected socket: `cip:cport->sip:sport`.",
      example = "SELECT format_tuple('10.0.2.2', 49289, '10.0.2.15', 22)",
      result = "10.0.2.2:49289->10.0.2.15:22")
  public static String format_tuple(String cip, Integer cport, String sip, Integer sport) {
    if (cip == null || cport == null || sip == null || sport == null) {
      return null;
    }
    return format_endpoint(cip, cport) + "->" + format_endpoint(sip, sport);
  }

  @FunctionDoc(signature = "ip_in_subnet(ip, network, prefix_bits)", returns = "BOOLEAN",
      description = "True when the first `prefix_bits` bits of the two addresses agree (both IPv4 or both"
          + " IPv6); false for addresses of different families; an error for text that is not an address.",
      example = "SELECT ip_in_subnet('2001:db8::4', '2001:db8::1', 64)",
      result = "true")
  public static Boolean ip_in_subnet(String ip, String network, Integer bits) {
    if (ip == null || network == null || bits == null) {
      return null;
    }
    byte[] a = address("ip_in_subnet", ip);
    byte[] n = address("ip_in_subnet", network);
    if (a.length != n.length) {
      return false;
    }
    if (bits < 0 || bits > a.length * 8) {
      throw new IllegalArgumentException("ip_in_subnet: prefix_bits must be between 0 and " + a.length * 8
          + ", got " + bits);
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((a[i / 8] & mask) != (n[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  @FunctionDoc(signature = "port_protocol(port)", returns = "VARCHAR",
      description = "The application Sysdig Inspect's overview names for a well-known server port (its"
          + " `<proto> Bytes` tiles): `HTTP` for 80 and 8080, `HTTPs`, `SSH`, `DNS`, `mysql`, `postgres`,"
          + " `redis`, `elasticsearch` for 9200-9400, ...; NULL for other ports.",
      example = "SELECT port_protocol(5432)",
      result = "postgres")
  public static String port_protocol(Integer port) {
    return port == null ? null : Ports.protocol(port);
  }

  @FunctionDoc(signature = "path_directory(path)", returns = "VARCHAR",
      description = "The directory of a file path as sysdig's `fd.directory` gives it: the path up to its last"
          + " `/`, or `/` when that is the only one.",
      example = "SELECT path_directory('/dev/pts/5')",
      result = "/dev/pts")
  public static String path_directory(String path) {
    return path == null ? null : Paths.directory(path);
  }

  @FunctionDoc(signature = "path_filename(path)", returns = "VARCHAR",
      description = "The last component of a file path, as sysdig's `fd.filename` gives it.",
      example = "SELECT path_filename('/lib/x86_64-linux-gnu/libc.so.6')",
      result = "libc.so.6")
  public static String path_filename(String path) {
    return path == null ? null : Paths.filename(path);
  }

  @FunctionDoc(signature = "http_status(text)", returns = "INTEGER",
      description = "The status code of an HTTP response line: the number between the first and the second"
          + " space of text that starts with `HTTP/` (Inspect's HTTP tiles read it from the dotted rendering of"
          + " the captured bytes); NULL when the text is not a response or the field is not a number.",
      example = "SELECT http_status('HTTP/1.1 404 Not Found..')",
      result = "404")
  public static Integer http_status(String text) {
    if (text == null || !text.startsWith("HTTP/")) {
      return null;
    }
    int first = text.indexOf(' ');
    if (first < 0) {
      return null;
    }
    int second = text.indexOf(' ', first + 1);
    String field = text.substring(first + 1, second < 0 ? text.length() : second);
    try {
      return Integer.valueOf(field);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @FunctionDoc(signature = "syslog_severity(text)", returns = "INTEGER",
      description = "The severity (0 emergency to 7 debug) of a syslog message that opens with its `<PRI>`"
          + " field, as written to /dev/log: PRI modulo 8; NULL for text without one.",
      example = "SELECT syslog_severity('<30>Jul  9 22:31:11 dockerd: started')",
      result = "6")
  public static Integer syslog_severity(String text) {
    if (text == null || !text.startsWith("<")) {
      return null;
    }
    int close = text.indexOf('>');
    if (close < 2 || close > 4) {
      return null;
    }
    try {
      int pri = Integer.parseInt(text.substring(1, close));
      return pri < 0 ? null : pri % 8;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @FunctionDoc(signature = "render_dotted(data)", returns = "VARCHAR",
      description = "A data buffer (`io_chunks.data`) as Inspect's I/O streams show it by default (\"Dotted"
          + " ASCII\"): printable ASCII kept, every other byte as `.`.",
      example = "SELECT render_dotted(X'48545450200d0a')",
      result = "HTTP ..")
  public static String render_dotted(ByteString data) {
    return data == null ? null : BufferText.dotted(data.getBytes());
  }

  @FunctionDoc(signature = "render_printable(data)", returns = "VARCHAR",
      description = "A data buffer as Inspect's \"Printable ASCII\" shows it: printable ASCII kept, CR and"
          + " LF as line breaks (CRLF as one; none before the first printable byte, one fewer at the end),"
          + " other bytes dropped.",
      example = "SELECT render_printable(X'4f4b0d0a0962')",
      result = "OK\nb")
  public static String render_printable(ByteString data) {
    return data == null ? null : BufferText.printable(data.getBytes());
  }

  @FunctionDoc(signature = "render_hex(data)", returns = "VARCHAR",
      description = "A data buffer as Inspect's \"Hex ASCII\" shows it: lines of 16 bytes, each a tab, the"
          + " offset, the bytes in hex pairs and their dotted text.",
      example = "SELECT render_hex(X'7f454c46020101')",
      result = "\t0x0000: 7f45 4c46 0201 01                      .ELF...")
  public static String render_hex(ByteString data) {
    return data == null ? null : BufferText.hex(data.getBytes());
  }

  private static LocalDateTime utc(long ns) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(ns, NS_PER_S), (int) Math.floorMod(ns, NS_PER_S),
        ZoneOffset.UTC);
  }

  private static byte[] address(String function, String text) {
    String t = text.strip();
    if (IPV4.matcher(t).matches()) {
      byte[] b = new byte[4];
      String[] parts = t.split("\\.");
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          throw new IllegalArgumentException(function + ": '" + text + "' is not an IPv4 or IPv6 address");
        }
        b[i] = (byte) v;
      }
      return b;
    }
    // Only literals reach InetAddress: it would look a host name up in DNS.
    if (!t.contains(":")) {
      throw new IllegalArgumentException(function + ": '" + text + "' is not an IPv4 or IPv6 address");
    }
    try {
      return InetAddress.getByName(t).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(function + ": '" + text + "' is not an IPv4 or IPv6 address", e);
    }
  }
}
