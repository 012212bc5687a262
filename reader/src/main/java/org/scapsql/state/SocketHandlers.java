package org.scapsql.state;

import java.util.List;
import org.scapsql.reader.Event;
import org.scapsql.reader.FdEntry;
import org.scapsql.reader.InterfaceInfo;

/**
 * Socket syscalls: socket creates one, connect, bind and accept give it its
 * ends, and send/receive calls with an address fill in what is missing, the
 * way libsinsp's parsers do. Addresses and names are kept by {@link Sockets}.
 */
final class SocketHandlers {
  private static final int AF_UNIX = 1;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int AF_NETLINK = 16;
  private static final int EINPROGRESS = -115;
  private static final int IPPROTO_ICMP = 1;
  private static final int IPPROTO_TCP = 6;
  private static final int IPPROTO_UDP = 17;
  private static final int IPPROTO_RAW = 255;
  private static final int SOCK_STREAM = 1;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_RAW = 3;

  private final EventContext ctx;
  private List<InterfaceInfo> interfaces = List.of();

  SocketHandlers(EventContext ctx) {
    this.ctx = ctx;
  }

  /** The capture's network interfaces: a socket without a source address takes the one toward its peer. */
  void interfaces(List<InterfaceInfo> list) {
    this.interfaces = list;
  }

  List<InterfaceInfo> interfaces() {
    return interfaces;
  }

  void socket(Event e, long res) {
    ctx.fdNum = res;
    if (res < 0) {
      return;
    }
    long domain = -1;
    long stype = 0;
    long proto = 0;
    Event src = ctx.rules.socketExitCarriesDomain(e.nparams()) ? e : ctx.pairedEnter();
    int off = src == e ? 1 : 0;
    if (src != null && src.has(off + 2)) {
      domain = src.paramUnsigned(off);
      stype = src.paramUnsigned(off + 1);
      proto = src.paramUnsigned(off + 2);
    } else if (src == null) {
      // Without the enter event the kind of socket is unknown; sysdig then keeps no fd.
      return;
    }
    FdInfo f;
    if (domain == AF_UNIX) {
      f = new FdInfo(res, FdEntry.UNIX_SOCK);
    } else if (domain == AF_INET || domain == AF_INET6) {
      f = new FdInfo(res, domain == AF_INET ? FdEntry.IPV4_SOCK : FdEntry.IPV6_SOCK);
      int kind = (int) (stype & 0xF);
      if (proto == IPPROTO_TCP || (proto == 0 && kind == SOCK_STREAM)) {
        f.l4proto = FdInfo.L4_TCP;
      } else if (proto == IPPROTO_UDP || (proto == 0 && kind == SOCK_DGRAM)) {
        f.l4proto = FdInfo.L4_UDP;
      } else if (proto == IPPROTO_ICMP) {
        f.l4proto = FdInfo.L4_ICMP;
      } else if (kind == SOCK_RAW || proto == IPPROTO_RAW) {
        f.l4proto = FdInfo.L4_RAW;
      }
    } else if (domain == AF_NETLINK) {
      f = new FdInfo(res, FdEntry.NETLINK);
    } else {
      return;
    }
    f.openTs = e.ts();
    ctx.thread.process.put(f, ctx.thread);
    ctx.fd = f;
  }

  /** connect's enter already names the destination. */
  void connectEnter(Event e) {
    if (!e.has(1) || e.isEmpty(1) || ctx.thread == null || !ctx.hasFd()) {
      return;
    }
    FdInfo f = ctx.thread.process.get(ctx.fdNum);
    if (f == null) {
      return;
    }
    Sockets.applyDestination(f, e, 1);
  }

  void connectExit(Event e, long res) {
    if ((res < 0 && res != EINPROGRESS) || !ctx.hasFd()) {
      return;
    }
    FdInfo f = ctx.thread.process.get(ctx.fdNum);
    int ti = e.param("tuple");
    if (f == null || ti < 0 || e.isEmpty(ti)) {
      return;
    }
    Sockets.applyTuple(f, e, ti, false, true);
    f.role = FdInfo.ROLE_CLIENT;
  }

  void bindExit(Event e, long res) {
    if (res < 0 || !ctx.hasFd()) {
      return;
    }
    FdInfo f = ctx.thread.process.get(ctx.fdNum);
    int ai = e.param("addr");
    if (f == null || ai < 0 || e.isEmpty(ai)) {
      return;
    }
    Sockets.applyBoundAddress(f, e, ai);
  }

  void acceptExit(Event e) {
    int fi = e.param("fd");
    long newFd = fi >= 0 && !e.isEmpty(fi) ? e.paramLong(fi) : -1;
    ctx.fdNum = newFd;
    if (newFd < 0) {
      if (ctx.rules.failedAcceptHasNoFd()) {
        ctx.fdNum = StateTracker.NO_FD;
      }
      return;
    }
    int ti = e.param("tuple");
    FdInfo f = new FdInfo(newFd, FdEntry.IPV4_SOCK);
    f.openTs = e.ts();
    f.l4proto = FdInfo.L4_TCP;
    if (ti >= 0 && !e.isEmpty(ti)) {
      Sockets.applyTuple(f, e, ti, false, true);
    }
    f.role = FdInfo.ROLE_SERVER;
    ctx.thread.process.put(f, ctx.thread);
    ctx.fd = f;
  }

  /**
   * A successful sendto/sendmsg/recvfrom/recvmsg with a tuple updates a socket
   * that has no name yet or is not a TCP one, as libsinsp's parse_rw_exit does:
   * the tuple's source becomes the socket's source, its destination fills the
   * socket's only while that is unset (sysdig 0.29.3; current libsinsp replaces
   * it), a socket without a role gets one by guessing, and the ends are then
   * swapped so that the client stays on the left. A tuple equal to the socket's
   * own (either way round) changes nothing. An fd that is named but not attached to
   * the event (an exit without its enter, on a thread of the process list) is left
   * alone: libsinsp's parser has no fd for that exit to update.
   */
  void learnTuple(Event e, boolean read, long res) {
    ThreadInfo thread = ctx.thread;
    if (res < 0 || !ctx.hasFd() || thread == null || ctx.fdDetached) {
      return;
    }
    FdInfo f = thread.process.get(ctx.fdNum);
    if (f == null || (!f.name.isEmpty() && Sockets.isTcp(f))) {
      return;
    }
    Event src = e;
    int ti = e.param("tuple");
    if (!read && (ti < 0 || e.isEmpty(ti))) {
      src = ctx.pairedEnter();
      ti = src == null ? -1 : src.param("tuple");
    }
    if (src == null || ti < 0 || src.isEmpty(ti)) {
      return;
    }
    if (!Sockets.updateFromTuple(f, src, ti, ctx.rules.tupleReplacesDestination(), interfaces)) {
      return;
    }
    if (f.type == FdEntry.IPV4_SOCK || f.type == FdEntry.IPV6_SOCK) {
      if (f.role == FdInfo.ROLE_NONE) {
        f.role = guessRole(thread.process, f, read);
      }
      if ((read && f.role == FdInfo.ROLE_CLIENT) || (!read && f.role == FdInfo.ROLE_SERVER)) {
        Sockets.swap(f);
      }
      f.name = Sockets.tupleName(f);
    }
  }

  /**
   * libsinsp's guess: a socket whose destination port the process is "bound
   * to" serves (unless its source port is also one of the process's client
   * ports: then a first read means server); any other is a client. libsinsp
   * reads the ports through the IPv4 view of the address union, so an IPv6
   * socket's "ports" are bytes 8..11 of its source address.
   */
  private static int guessRole(ProcessFds process, FdInfo f, boolean read) {
    int dport = Sockets.v4ViewDport(f);
    int sport = Sockets.v4ViewSport(f);
    boolean bound = false;
    boolean clientPort = false;
    for (FdInfo o : process.all()) {
      // libsinsp's is_bound_to_port counts IPv4 server ports and the peer ports of IPv4 sockets.
      if ((o.type == FdEntry.IPV4_SERVSOCK && o.sport == dport) || (o.type == FdEntry.IPV4_SOCK && o.dport == dport)) {
        bound = true;
      }
      if (o.type == FdEntry.IPV4_SOCK && o.sport == sport) {
        clientPort = true;
      }
    }
    if (!bound) {
      return FdInfo.ROLE_CLIENT;
    }
    if (!clientPort) {
      return FdInfo.ROLE_SERVER;
    }
    return read ? FdInfo.ROLE_SERVER : FdInfo.ROLE_CLIENT;
  }
}
