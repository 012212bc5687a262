package org.scapsql.state;

import java.util.List;
import org.scapsql.reader.Event;
import org.scapsql.reader.FdEntry;
import org.scapsql.reader.InterfaceInfo;

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


  /** libsinsp's is_tcp_socket(): only an IPv4 socket counts. */
  static boolean isTcp(FdInfo f) {
    return f.type == FdEntry.IPV4_SOCK && f.l4proto == FdInfo.L4_TCP;
  }

  /**
   * libsinsp's update of an fd from the tuple of a read or write (update_fd):
   * an inet tuple makes the fd a socket of its family with the tuple's source
   * as its source and the tuple's destination as its destination when it has
   * none yet (or always, with {@code overwriteDest}); a unix tuple names it.
   * A socket of unknown protocol becomes UDP, and an unset end is inferred
   * from the interfaces. False when the tuple equals the socket's own tuple
   * (either way round), which changes nothing.
   */
  static boolean updateFromTuple(FdInfo f, Event e, int ti, boolean overwriteDest, List<InterfaceInfo> interfaces) {
    int o = e.paramOffset(ti);
    int len = e.paramLength(ti);
    int fam = e.buffer().get(o) & 0xFF;
    if (fam == AF_INET && len >= 13) {
      viewAsIpv4(f);
      if (!setEnds(f, bytes(e, o + 1, 4), e.buffer().getShort(o + 5) & 0xFFFF, bytes(e, o + 7, 4),
          e.buffer().getShort(o + 11) & 0xFFFF, overwriteDest)) {
        return false;
      }
    } else if (fam == AF_INET6 && len >= 37) {
      byte[] s = bytes(e, o + 1, 16);
      int sp = e.buffer().getShort(o + 17) & 0xFFFF;
      byte[] d = bytes(e, o + 19, 16);
      int dp = e.buffer().getShort(o + 35) & 0xFFFF;
      if (Addresses.isV4MappedOrZero(s, 0) && Addresses.isV4MappedOrZero(d, 0)) {
        viewAsIpv4(f);
        if (!setEnds(f, last4(s), sp, last4(d), dp, overwriteDest)) {
          return false;
        }
      } else if (f.type == FdEntry.IPV6_SOCK) {
        if (!setEnds(f, s, sp, d, dp, overwriteDest)) {
          return false;
        }
      } else {
        // libsinsp keeps the fd's type for a plain IPv6 tuple; such an fd is then named by the tuple's text.
        f.name = Addresses.socktuple(e.buffer(), o, len);
        return true;
      }
    } else if (fam == AF_UNIX && len >= 17) {
      applyTuple(f, e, ti, false, true);
      return true;
    } else {
      return false;
    }
    if ((f.type == FdEntry.IPV4_SOCK || f.type == FdEntry.IPV6_SOCK) && f.l4proto == FdInfo.L4_UNKNOWN) {
      f.l4proto = FdInfo.L4_UDP;
    }
    completeFromInterfaces(f, interfaces);
    return true;
  }

  /**
   * Makes {@code f} an IPv4 socket as libsinsp does, by reading its address
   * union through the IPv4 view: a server socket's port and protocol land in
   * the destination address, an IPv6 source address spreads over both
   * addresses and ports.
   */
  static void viewAsIpv4(FdInfo f) {
    switch (f.type) {
      case FdEntry.IPV4_SOCK:
        return;
      case FdEntry.IPV4_SERVSOCK:
        f.dip = new byte[] {(byte) f.sport, (byte) (f.sport >> 8), (byte) f.l4proto, 0};
        f.sport = 0;
        f.dport = 0;
        break;
      case FdEntry.IPV6_SOCK: case FdEntry.IPV6_SERVSOCK: {
        byte[] a = f.sip == null ? new byte[16] : f.sip;
        f.sip = new byte[] {a[0], a[1], a[2], a[3]};
        f.dip = new byte[] {a[4], a[5], a[6], a[7]};
        f.sport = (a[8] & 0xFF) | (a[9] & 0xFF) << 8;
        f.dport = (a[10] & 0xFF) | (a[11] & 0xFF) << 8;
        break;
      }
      default:
        f.sip = null;
        f.dip = null;
        f.sport = 0;
        f.dport = 0;
        break;
    }
    f.type = FdEntry.IPV4_SOCK;
  }

  /**
   * Sets the source, and the destination address and port each where unset (or
   * always with {@code overwriteDest}); false when the socket already has this
   * tuple either way round.
   */
  private static boolean setEnds(FdInfo f, byte[] s, int sp, byte[] d, int dp, boolean overwriteDest) {
    boolean sameWay = same(f.sip, s) && f.sport == sp && same(f.dip, d) && f.dport == dp;
    boolean otherWay = same(f.sip, d) && f.sport == dp && same(f.dip, s) && f.dport == sp;
    if (sameWay || otherWay) {
      return false;
    }
    f.sip = s;
    f.sport = sp;
    if (overwriteDest || f.dip == null || isZero(f.dip)) {
      f.dip = d;
    }
    if (overwriteDest || f.dport == 0) {
      f.dport = dp;
    }
    return true;
  }

  /** Equal addresses, an unset one counting as all zeros. */
  private static boolean same(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return (a == null || isZero(a)) && (b == null || isZero(b));
    }
    return java.util.Arrays.equals(a, b);
  }

  /**
   * libsinsp fills an IPv4 socket's unset end with the address of the
   * interface that would carry it (same address, same subnet, else the first
   * that is not loopback).
   */
  private static void completeFromInterfaces(FdInfo f, List<InterfaceInfo> interfaces) {
    if (f.type != FdEntry.IPV4_SOCK) {
      return;
    }
    boolean sipSet = f.sip != null && !isZero(f.sip);
    boolean dipSet = f.dip != null && !isZero(f.dip);
    if (sipSet && dipSet) {
      return;
    }
    if (!sipSet) {
      byte[] a = inferIpv4(f.dip, interfaces);
      if (same(a, f.dip) && f.sport == f.dport) {
        return;
      }
      f.sip = a;
    } else {
      byte[] a = inferIpv4(f.sip, interfaces);
      if (same(a, f.sip) && f.sport == f.dport) {
        return;
      }
      f.dip = a;
    }
  }

  private static byte[] inferIpv4(byte[] peer, List<InterfaceInfo> interfaces) {
    byte[] p = peer == null ? new byte[4] : peer;
    for (InterfaceInfo i : interfaces) {
      if (i.family() == InterfaceInfo.IPV4 && java.util.Arrays.equals(i.address(), p)) {
        return i.address().clone();
      }
    }
    for (InterfaceInfo i : interfaces) {
      if (i.family() == InterfaceInfo.IPV4 && sameSubnet(i.address(), p, i.netmask())) {
        return i.address().clone();
      }
    }
    for (InterfaceInfo i : interfaces) {
      if (i.family() == InterfaceInfo.IPV4 && !java.util.Arrays.equals(i.address(), LOOPBACK)) {
        return i.address().clone();
      }
    }
    return new byte[4];
  }

  private static final byte[] LOOPBACK = {127, 0, 0, 1};

  private static boolean sameSubnet(byte[] a, byte[] b, byte[] mask) {
    for (int k = 0; k < 4; k++) {
      if ((a[k] & mask[k]) != (b[k] & mask[k])) {
        return false;
      }
    }
    return true;
  }

  /** Exchanges the two ends of a socket. */
  static void swap(FdInfo f) {
    byte[] ip = f.sip;
    int port = f.sport;
    f.sip = f.dip;
    f.sport = f.dport;
    f.dip = ip;
    f.dport = port;
  }

  /** The destination port libsinsp's role guess reads: for IPv6, bytes 10-11 of the source address. */
  static int v4ViewDport(FdInfo f) {
    if (f.type == FdEntry.IPV6_SOCK) {
      return f.sip == null ? 0 : (f.sip[10] & 0xFF) | (f.sip[11] & 0xFF) << 8;
    }
    return f.dport;
  }

  /** The source port libsinsp's role guess reads: for IPv6, bytes 8-9 of the source address. */
  static int v4ViewSport(FdInfo f) {
    if (f.type == FdEntry.IPV6_SOCK) {
      return f.sip == null ? 0 : (f.sip[8] & 0xFF) | (f.sip[9] & 0xFF) << 8;
    }
    return f.sport;
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
      byte[] ip = bytes(e, o + 1, 16);
      if (Addresses.isV4MappedOrZero(ip, 0)) {
        // libsinsp turns a socket that connects to ::ffff:a.b.c.d into an IPv4 one right at the enter.
        viewAsIpv4(f);
        f.dip = last4(ip);
      } else {
        f.type = FdEntry.IPV6_SOCK;
        f.dip = ip;
      }
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
