package org.scapsql.render;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.ParamInfo;
import org.scapsql.reader.ParamType;
import org.scapsql.reader.PrintFormat;
import org.scapsql.reader.UserInfo;
import org.scapsql.state.Addresses;
import org.scapsql.state.FdInfo;
import org.scapsql.state.Paths;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/**
 * Renders event parameters as sysdig does in {@code evt.args}: {@code name=value}
 * or {@code name=value(resolved)}, where the resolved part comes from the state
 * (fd names, process names, user names, flag names, errno names).
 */
public final class ParamRenderer {
  /** sysdig cuts buffers to this many characters on screen. */
  public static final int BUFFER_DISPLAY = 80;

  private static final DateTimeFormatter ABSTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final StateTracker state;
  private final ZoneId zone;

  public ParamRenderer(StateTracker state, ZoneId zone) {
    this.state = state;
    this.zone = zone;
  }

  /** The whole {@code evt.args} string of the event (after the tracker has processed it). */
  public String args(Event e) {
    StringBuilder sb = new StringBuilder();
    appendArgs(sb, e);
    return sb.toString();
  }

  public void appendArgs(StringBuilder sb, Event e) {
    Dialect d = state.dialect();
    if (e.type() <= 1) {
      return;  // generic syscall events print no arguments
    }
    List<ParamInfo> params = e.info().params(d);
    int n = Math.min(e.nparams(), params.size());
    boolean first = true;
    for (int i = 0; i < n; i++) {
      if (d == Dialect.CURRENT && !first) {
        sb.append(' ');
      }
      first = false;
      ParamInfo p = params.get(i);
      sb.append(p.name()).append('=');
      appendValue(sb, e, i, p);
      if (d == Dialect.SYSDIG_0_29) {
        sb.append(' ');
      }
    }
  }

  /** One parameter as {@code value} or {@code value(resolved)}. */
  public String value(Event e, int i) {
    StringBuilder sb = new StringBuilder();
    appendValue(sb, e, i, e.info().params(state.dialect()).get(i));
    return sb.toString();
  }

  private void appendValue(StringBuilder sb, Event e, int i, ParamInfo p) {
    ParamType t = p.type();
    if (e.isEmpty(i)) {
      if (state.dialect() == Dialect.CURRENT) {
        switch (t) {
          case BYTEBUF: case SOCKTUPLE: case FDLIST: case DYN: case CHARBUFARRAY: case SOCKADDR:
            sb.append("NULL");
            break;
          default:
            sb.append("<NA>");
        }
      } else if (t == ParamType.SOCKADDR || t == ParamType.SOCKTUPLE) {
        sb.append("NULL");
      }
      return;
    }
    appendTyped(sb, e, i, t, p.format(), p);
  }

  private void appendTyped(StringBuilder sb, Event e, int i, ParamType t, PrintFormat f, ParamInfo p) {
    ByteBuffer bb = e.buffer();
    int off = e.paramOffset(i);
    int len = e.paramLength(i);
    Dialect d = state.dialect();
    switch (t) {
      case INT8: case INT16: case INT32: case INT64:
        sb.append(integer(e.paramLong(i), f, len));
        return;
      case UINT8: case UINT16:
        sb.append(integer(e.paramUnsigned(i), f, len));
        return;
      case UINT32:
        // Decimal output goes through a signed 32-bit conversion in sysdig.
        sb.append(f == PrintFormat.HEX || f == PrintFormat.OCT ? integer(e.paramUnsigned(i), f, len)
            : integer((int) e.paramUnsigned(i), f, len));
        return;
      case UINT64:
        sb.append(integer(e.paramLong(i), f, len));
        return;
      case PORT: case L4PROTO: case SOCKFAMILY: case BOOL:
        sb.append(e.paramUnsigned(i));
        return;
      case ERRNO: {
        long v = e.paramLong(i);
        sb.append(f == PrintFormat.HEX ? Long.toHexString(v).toUpperCase() : Long.toString(v));
        if (v < 0) {
          resolved(sb, Errno.name(-v));
        }
        return;
      }
      case FD: case FD32: {
        long v = e.paramLong(i);
        sb.append(v);
        if (v == -100) {
          resolved(sb, "AT_FDCWD");
        } else if (v < 0) {
          resolved(sb, Errno.name(-v));
        } else {
          ThreadInfo th = state.thread();
          FdInfo fd = th == null ? null : th.process.get(v);
          if (fd != null) {
            resolved(sb, "<" + fd.typeTag() + ">" + printable(fd.name));
          }
        }
        return;
      }
      case PID: case PID32: {
        long v = e.paramLong(i);
        sb.append(v);
        ThreadInfo th = state.thread(v);
        if (th != null) {
          resolved(sb, th.comm);
        }
        return;
      }
      case UID: case GID: {
        long v = e.paramUnsigned(i);
        if (v == 0xFFFFFFFFL) {
          sb.append("-1");
          resolved(sb, "<NONE>");
          return;
        }
        sb.append((int) v);
        String name;
        if (t == ParamType.UID) {
          UserInfo u = state.user(v);
          name = u == null ? "<NA>" : u.name();
        } else {
          GroupInfo g = state.group(v);
          name = g == null ? "<NA>" : g.name();
        }
        resolved(sb, name);
        return;
      }
      case CHARBUF:
        sb.append(e.paramString(i));
        return;
      case FSPATH: case FSRELPATH: {
        String s = e.paramString(i);
        String shown = d == Dialect.SYSDIG_0_29 ? printable(s) : s;
        sb.append(shown);
        if (!s.isEmpty() && !s.startsWith("/") && !s.equals("<NA>") && !s.equals("(NULL)")) {
          String base = null;
          ThreadInfo th = state.thread();
          if (t == ParamType.FSRELPATH && p.dirfdIndex() >= 0 && e.has(p.dirfdIndex())
              && !e.isEmpty(p.dirfdIndex())) {
            long dirfd = e.paramLong(p.dirfdIndex());
            if (dirfd == -100) {
              base = th == null ? null : th.cwd();
            } else if (th != null) {
              FdInfo fd = th.process.get(dirfd);
              base = fd == null ? null : fd.name + "/";
            }
          } else if (th != null) {
            base = th.cwd();
          }
          if (base != null && !base.isEmpty()) {
            String abs = Paths.absolute(base, s);
            resolved(sb, d == Dialect.SYSDIG_0_29 ? printable(abs) : abs);
          }
        }
        return;
      }
      case BYTEBUF:
        appendBuffer(sb, bb, off, len, d == Dialect.SYSDIG_0_29);
        return;
      case SOCKADDR:
        sb.append(Addresses.sockaddr(bb, off, len));
        return;
      case SOCKTUPLE:
        sb.append(socktuple(bb, off, len));
        return;
      case FDLIST:
        sb.append(fdlist(bb, off, len));
        return;
      case SYSCALLID: {
        long v = e.paramUnsigned(i);
        sb.append(v);
        resolved(sb, org.scapsql.reader.EventTable.standard().syscallName((int) v, d));
        return;
      }
      case SIGTYPE: {
        long v = e.paramUnsigned(i);
        sb.append(v);
        resolved(sb, Signals.name(v));
        return;
      }
      case RELTIME: {
        long v = e.paramLong(i);
        if (v == -1) {
          sb.append("none");
          return;
        }
        sb.append(v);
        resolved(sb, cG(v / 1e9) + "s");
        return;
      }
      case ABSTIME: {
        if (d == Dialect.SYSDIG_0_29) {
          sb.append("INVALID DYNAMIC PARAMETER");
          return;
        }
        long v = e.paramLong(i);
        long secs = Long.divideUnsigned(v, 1_000_000_000L);
        long nanos = Long.remainderUnsigned(v, 1_000_000_000L);
        sb.append(ABSTIME.format(Instant.ofEpochSecond(secs, nanos).atZone(zone)))
            .append('.').append(String.format("%09d", nanos));
        return;
      }
      case IPV4ADDR:
        sb.append(len >= 4 ? Addresses.ipv4(Addresses.bytes(bb, off, 4)) : "");
        return;
      case IPV6ADDR:
        sb.append(len >= 16 ? Addresses.ipv6(Addresses.bytes(bb, off, 16)) : "");
        return;
      case IPADDR:
        sb.append(len == 4 ? Addresses.ipv4(Addresses.bytes(bb, off, 4))
            : len == 16 ? Addresses.ipv6(Addresses.bytes(bb, off, 16)) : "");
        return;
      case DOUBLE:
        sb.append(len == 8 ? Double.toString(bb.getDouble(off)) : "");
        return;
      case FLAGS8: case FLAGS16: case FLAGS32: {
        long v = e.paramUnsigned(i);
        sb.append(v);
        if (p.nameTable() != null) {
          resolved(sb, FlagTables.flags(p.nameTable(), v, d == Dialect.CURRENT));
        }
        return;
      }
      case ENUMFLAGS8: case ENUMFLAGS16: case ENUMFLAGS32: {
        long v = e.paramUnsigned(i);
        sb.append(v);
        if (p.nameTable() != null) {
          resolved(sb, FlagTables.enumFlags(p.nameTable(), v));
        }
        return;
      }
      case MODE: {
        long v = e.paramUnsigned(i);
        sb.append(integer(v, f, len));
        if (p.nameTable() != null) {
          resolved(sb, FlagTables.flags(p.nameTable(), v));
        }
        return;
      }
      case SIGSET: {
        long v = e.paramUnsigned(i);
        sb.append(v);
        StringBuilder names = new StringBuilder();
        for (int s = 0; s < 32; s++) {
          if ((v & (1L << s)) != 0 && Signals.name(s + 1) != null) {
            if (names.length() > 0) {
              names.append(' ');
            }
            names.append(Signals.name(s + 1));
          }
        }
        resolved(sb, names.toString());
        return;
      }
      case CHARBUFARRAY: {
        byte[] b = Addresses.bytes(bb, off, len);
        StringBuilder s = new StringBuilder();
        int start = 0;
        for (int k = 0; k < b.length; k++) {
          if (b[k] == 0) {
            if (s.length() > 0) {
              s.append('.');
            }
            s.append(new String(b, start, k - start, StandardCharsets.UTF_8));
            start = k + 1;
          }
        }
        sb.append(s);
        return;
      }
      case DYN: {
        int idx = bb.get(off) & 0xFF;
        ParamType dt = dynType(p.dynTable(), idx);
        if (dt == null || len < 1) {
          sb.append("INVALID DYNAMIC PARAMETER");
          return;
        }
        // The selected value follows the index byte.
        appendDyn(sb, bb, off + 1, len - 1, dt, p);
        return;
      }
      default:
        sb.append("(n.a.)");
    }
  }

  private void appendDyn(StringBuilder sb, ByteBuffer bb, int off, int len, ParamType t, ParamInfo p) {
    switch (t) {
      case BYTEBUF:
        for (int k = 0; k < len; k++) {
          sb.append(String.format("%02X", bb.get(off + k) & 0xFF));
        }
        return;
      case ERRNO: case INT64: {
        long v = len >= 8 ? bb.getLong(off) : 0;
        sb.append(v);
        if (t == ParamType.ERRNO && v < 0) {
          resolved(sb, Errno.name(-v));
        }
        return;
      }
      case UINT32:
        sb.append(len >= 4 ? Integer.toUnsignedLong(bb.getInt(off)) : 0);
        return;
      case UINT64:
        sb.append(len >= 8 ? Long.toHexString(bb.getLong(off)).toUpperCase() : "0");
        return;
      case RELTIME: {
        long v = len >= 8 ? bb.getLong(off) : 0;
        sb.append(v);
        resolved(sb, cG(v / 1e9) + "s");
        return;
      }
      case FD: case PID:
        sb.append(len >= 8 ? bb.getLong(off) : 0);
        return;
      case SIGTYPE: {
        int v = len >= 1 ? bb.get(off) & 0xFF : 0;
        sb.append(v);
        resolved(sb, Signals.name(v));
        return;
      }
      case CHARBUF: {
        int n = 0;
        while (n < len && bb.get(off + n) != 0) {
          n++;
        }
        sb.append(new String(Addresses.bytes(bb, off, n), StandardCharsets.UTF_8));
        return;
      }
      default:
        sb.append("(n.a.)");
    }
  }

  private static ParamType dynType(String table, int idx) {
    if (table == null) {
      return null;
    }
    ParamType[] types;
    switch (table) {
      case "sockopt_dynamic_param":
        types = new ParamType[] {ParamType.BYTEBUF, ParamType.ERRNO, ParamType.UINT32, ParamType.UINT64,
            ParamType.RELTIME};
        break;
      case "ptrace_dynamic_param":
        types = new ParamType[] {ParamType.UINT64, ParamType.SIGTYPE};
        break;
      case "bpf_dynamic_param":
        types = new ParamType[] {ParamType.FD, ParamType.ERRNO};
        break;
      case "keyctl_dynamic_param":
        types = new ParamType[] {ParamType.INT64, ParamType.CHARBUF};
        break;
      default:
        return null;
    }
    return idx < types.length ? types[idx] : null;
  }

  private static void resolved(StringBuilder sb, String r) {
    if (r != null && !r.isEmpty()) {
      sb.append('(').append(r).append(')');
    }
  }

  static String integer(long v, PrintFormat f, int len) {
    switch (f) {
      case HEX:
        return Long.toHexString(mask(v, len)).toUpperCase();
      case OCT: {
        long m = mask(v, len);
        return m == 0 ? "0" : "0" + Long.toOctalString(m);
      }
      case PADDED_DEC:
        return String.format("%09d", v);
      default:
        return Long.toString(v);
    }
  }

  private static long mask(long v, int len) {
    switch (len) {
      case 1: return v & 0xFF;
      case 2: return v & 0xFFFF;
      case 4: return v & 0xFFFFFFFFL;
      default: return v;
    }
  }

  /** Buffers: printable ASCII as is, everything else as '.', cut for display in sysdig's dialect. */
  static void appendBuffer(StringBuilder sb, ByteBuffer bb, int off, int len, boolean cut) {
    int shown = len;
    boolean ellipsis = false;
    if (cut && len > BUFFER_DISPLAY) {
      shown = BUFFER_DISPLAY - 3;
      ellipsis = true;
    }
    for (int k = 0; k < shown; k++) {
      int c = bb.get(off + k) & 0xFF;
      sb.append(c >= 0x20 && c <= 0x7E ? (char) c : '.');
    }
    if (ellipsis) {
      sb.append("...");
    }
  }

  private String fdlist(ByteBuffer bb, int off, int len) {
    if (len < 2) {
      return "";
    }
    int count = bb.getShort(off) & 0xFFFF;
    StringBuilder sb = new StringBuilder();
    ThreadInfo th = state.thread();
    int p = off + 2;
    for (int k = 0; k < count && p + 10 <= off + len; k++) {
      long fd = bb.getLong(p);
      int flags = bb.getShort(p + 8) & 0xFFFF;
      p += 10;
      FdInfo info = th == null ? null : th.process.get(fd);
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(fd).append(':').append(info == null ? '?' : info.typeChar()).append(Integer.toHexString(flags));
    }
    return sb.toString();
  }

  /** Drops every character that is not printable ASCII, as sysdig does for names and paths. */
  public static String printable(String s) {
    return Addresses.printable(s);
  }

  /** A socket tuple parameter as sysdig prints it. */
  public static String socktuple(ByteBuffer bb, int off, int len) {
    return Addresses.socktuple(bb, off, len);
  }

  /** C's printf("%g"), as sysdig prints durations. */
  static String cG(double v) {
    return CFormat.g(v);
  }
}
