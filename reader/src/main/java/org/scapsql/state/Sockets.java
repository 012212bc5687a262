package org.scapsql.state;

import org.scapsql.reader.Event;
import org.scapsql.reader.FdEntry;
import org.scapsql.render.Addresses;

/**
 * How sockets get their addresses and names: from the fd list, from socket
 * tuples (connect, accept, send, receive) and from socket addresses (connect's
 * destination, bind). Addresses stay network-order bytes; names are sysdig's.
 */
final class Sockets {
  private static final int AF_UNIX = 1;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;

  private Sockets() {}

  /** An fd of the fd-list block; connected sockets are named by their tuple. */
  static FdInfo fromEntry(FdEntry e) {
    int type = e.scapType();
    FdInfo f = new FdInfo(e.fd(), type == FdEntry.FILE ? FdEntry.FILE_V2 : type);
    f.ino = e.ino();
    f.openFlags = e.openFlags();
    f.l4proto = e.l4proto();
    switch (type) {
      case FdEntry.IPV4_SOCK:
        f.sip = e.sourceIp();
        f.dip = e.destIp();
        f.sport = e.sourcePort();
        f.dport = e.destPort();
        break;
      case FdEntry.IPV6_SOCK:
        if (Addresses.isV4MappedOrZero(e.sourceIp(), 0) && Addresses.isV4MappedOrZero(e.destIp(), 0)) {
          f.type = FdEntry.IPV4_SOCK;
          f.sip = last4(e.sourceIp());
          f.dip = last4(e.destIp());
        } else {
          f.sip = e.sourceIp();
          f.dip = e.destIp();
        }
        f.sport = e.sourcePort();
        f.dport = e.destPort();
        break;
      case FdEntry.IPV4_SERVSOCK:
      case FdEntry.IPV6_SERVSOCK:
        f.sip = e.sourceIp();
        f.sport = e.sourcePort();
        f.role = FdInfo.ROLE_SERVER;
        f.name = Addresses.endpoint(f.sip, f.sport);
        return f;
      default:
        f.name = e.name();
        return f;
    }
    f.name = tupleName(f);
    return f;
  }

  static String tupleName(FdInfo f) {
    return Addresses.endpoint(f.sip, f.sport) + "->" + Addresses.endpoint(f.dip, f.dport);
  }

  static byte[] last4(byte[] a) {
    return new byte[] {a[12], a[13], a[14], a[15]};
  }

  /**
   * Sets a socket's addresses from a tuple parameter: inet tuples give both ends
   * (swapped when {@code swap}); unix tuples give the rendered pointer pair and path.
   */
  static void applyTuple(FdInfo f, Event e, int ti, boolean swap, boolean replaceDest) {
    int o = e.paramOffset(ti);
    int len = e.paramLength(ti);
    int fam = e.buffer().get(o) & 0xFF;
    if (fam == AF_INET && len >= 13) {
      byte[] s = bytes(e, o + 1, 4);
      int sp = e.buffer().getShort(o + 5) & 0xFFFF;
      byte[] d = bytes(e, o + 7, 4);
      int dp = e.buffer().getShort(o + 11) & 0xFFFF;
      setEnds(f, FdEntry.IPV4_SOCK, s, sp, d, dp, swap, replaceDest);
    } else if (fam == AF_INET6 && len >= 37) {
      byte[] s = bytes(e, o + 1, 16);
      int sp = e.buffer().getShort(o + 17) & 0xFFFF;
      byte[] d = bytes(e, o + 19, 16);
      int dp = e.buffer().getShort(o + 35) & 0xFFFF;
      if (Addresses.isV4MappedOrZero(s, 0) && Addresses.isV4MappedOrZero(d, 0)) {
        setEnds(f, FdEntry.IPV4_SOCK, last4(s), sp, last4(d), dp, swap, replaceDest);
      } else {
        setEnds(f, FdEntry.IPV6_SOCK, s, sp, d, dp, swap, replaceDest);
      }
    } else if (fam == AF_UNIX && len >= 17) {
      f.type = FdEntry.UNIX_SOCK;
      long src = e.buffer().getLong(o + 1);
      long dst = e.buffer().getLong(o + 9);
      f.name = Addresses.hex(src) + "->" + Addresses.hex(dst) + " " + cstring(e, o + 17, len - 17);
    }
  }

  private static void setEnds(FdInfo f, int type, byte[] s, int sp, byte[] d, int dp, boolean swap,
      boolean replaceDest) {
    if (swap) {
      byte[] t = s;
      s = d;
      d = t;
      int tp = sp;
      sp = dp;
      dp = tp;
    }
    f.type = type;
    f.sip = s;
    f.sport = sp;
    if (replaceDest || f.dip == null || isZero(f.dip)) {
      f.dip = d;
      f.dport = dp;
    }
    f.name = tupleName(f);
  }

  private static boolean isZero(byte[] a) {
    for (byte b : a) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] bytes(Event e, int off, int n) {
    byte[] b = new byte[n];
    e.buffer().get(off, b, 0, n);
    return b;
  }

  private static String cstring(Event e, int off, int max) {
    int n = 0;
    while (n < max && e.buffer().get(off + n) != 0) {
      n++;
    }
    return new String(bytes(e, off, n), java.nio.charset.StandardCharsets.UTF_8);
  }


  /** connect's enter: the destination address (and the fd's type), or a unix path as the name. */
  static void applyDestination(FdInfo f, Event e, int ai) {
    int o = e.paramOffset(ai);
    int fam = e.buffer().get(o) & 0xFF;
    int len = e.paramLength(ai);
    if (fam == AF_INET && len >= 7) {
      f.type = FdEntry.IPV4_SOCK;
      f.dip = bytes(e, o + 1, 4);
      f.dport = e.buffer().getShort(o + 5) & 0xFFFF;
    } else if (fam == AF_INET6 && len >= 19) {
      f.type = FdEntry.IPV6_SOCK;
      f.dip = bytes(e, o + 1, 16);
      f.dport = e.buffer().getShort(o + 17) & 0xFFFF;
    } else if (fam == AF_UNIX) {
      f.name = cstring(e, o + 1, len - 1);
    }
  }

  /** bind: a non-zero port makes the socket a server socket named by its address. */
  static void applyBoundAddress(FdInfo f, Event e, int ai) {
    int o = e.paramOffset(ai);
    int len = e.paramLength(ai);
    int fam = e.buffer().get(o) & 0xFF;
    if (fam == AF_INET && len >= 7) {
      serve(f, FdEntry.IPV4_SERVSOCK, bytes(e, o + 1, 4), e.buffer().getShort(o + 5) & 0xFFFF);
    } else if (fam == AF_INET6 && len >= 19) {
      serve(f, FdEntry.IPV6_SERVSOCK, bytes(e, o + 1, 16), e.buffer().getShort(o + 17) & 0xFFFF);
    } else if (fam == AF_UNIX) {
      f.name = cstring(e, o + 1, len - 1);
    }
  }

  private static void serve(FdInfo f, int type, byte[] ip, int port) {
    if (port == 0) {
      return;
    }
    f.type = type;
    f.sip = ip;
    f.sport = port;
    f.role = FdInfo.ROLE_SERVER;
    f.name = Addresses.endpoint(ip, port);
  }
}
