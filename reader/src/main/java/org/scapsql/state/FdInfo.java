package org.scapsql.state;

import org.scapsql.reader.FdEntry;

/**
 * An open file descriptor as the state tracker knows it. Sockets keep their
 * tuple with the client on the source side once the role is known.
 */
public final class FdInfo {
  public static final int ROLE_NONE = 0;
  public static final int ROLE_CLIENT = 1;
  public static final int ROLE_SERVER = 2;

  // l4 protocols (scap_l4_proto).
  public static final int L4_UNKNOWN = 0;
  public static final int L4_NA = 1;
  public static final int L4_TCP = 2;
  public static final int L4_UDP = 3;
  public static final int L4_ICMP = 4;
  public static final int L4_RAW = 5;

  public long fd;
  /** scap fd type ({@link FdEntry} constants). */
  public int type;
  public String name = "";
  public int openFlags;
  public long ino;
  public int l4proto;
  public int role;
  public byte[] sip;
  public int sport;
  public byte[] dip;
  public int dport;
  /** Time of the event that opened it (0 when it came from the fd list). */
  public long openTs;
  /**
   * Identifies this fd lifetime within its capture; set by the tracker when the fd
   * enters a table (a forked child's copy is a lifetime of its own).
   */
  public long lifetimeId;
  /** Free for whoever builds entity tables to hang its record on. */
  public Object attachment;

  public FdInfo(long fd, int type) {
    this.fd = fd;
    this.type = type;
  }

  public FdInfo copy(long newFd) {
    FdInfo c = new FdInfo(newFd, type);
    c.name = name;
    c.openFlags = openFlags;
    c.ino = ino;
    c.l4proto = l4proto;
    c.role = role;
    c.sip = sip;
    c.sport = sport;
    c.dip = dip;
    c.dport = dport;
    c.openTs = openTs;
    return c;
  }

  public boolean isSocket() {
    return type == FdEntry.IPV4_SOCK || type == FdEntry.IPV6_SOCK || type == FdEntry.IPV4_SERVSOCK
        || type == FdEntry.IPV6_SERVSOCK || type == FdEntry.UNIX_SOCK;
  }

  public boolean isInet() {
    return type == FdEntry.IPV4_SOCK || type == FdEntry.IPV6_SOCK || type == FdEntry.IPV4_SERVSOCK
        || type == FdEntry.IPV6_SERVSOCK;
  }

  /** sysdig's one-letter type ({@code fd.typechar}). */
  public char typeChar() {
    return typeChar(type);
  }

  public static char typeChar(int type) {
    switch (type) {
      case FdEntry.FILE: case FdEntry.FILE_V2: return 'f';
      case FdEntry.DIRECTORY: return 'd';
      case FdEntry.IPV4_SOCK: case FdEntry.IPV4_SERVSOCK: return '4';
      case FdEntry.IPV6_SOCK: case FdEntry.IPV6_SERVSOCK: return '6';
      case FdEntry.FIFO: return 'p';
      case FdEntry.UNIX_SOCK: return 'u';
      case FdEntry.EVENT: return 'e';
      case FdEntry.UNSUPPORTED: return 'X';
      case FdEntry.SIGNALFD: return 's';
      case FdEntry.EVENTPOLL: return 'l';
      case FdEntry.INOTIFY: return 'i';
      case FdEntry.TIMERFD: return 't';
      case FdEntry.NETLINK: return 'n';
      case FdEntry.BPF: return 'b';
      case FdEntry.USERFAULTFD: return 'u';
      case FdEntry.IOURING: return 'r';
      case FdEntry.MEMFD: return 'm';
      case FdEntry.PIDFD: return 'P';
      default: return 'o';
    }
  }

  /** sysdig's {@code fd.type} word, or null for an unknown type. */
  public String typeName() {
    return typeName(type);
  }

  public static String typeName(int type) {
    switch (type) {
      case FdEntry.FILE: case FdEntry.FILE_V2: return "file";
      case FdEntry.DIRECTORY: return "directory";
      case FdEntry.IPV4_SOCK: case FdEntry.IPV4_SERVSOCK: return "ipv4";
      case FdEntry.IPV6_SOCK: case FdEntry.IPV6_SERVSOCK: return "ipv6";
      case FdEntry.FIFO: return "pipe";
      case FdEntry.UNIX_SOCK: return "unix";
      case FdEntry.EVENT: return "event";
      case FdEntry.SIGNALFD: return "signalfd";
      case FdEntry.EVENTPOLL: return "eventpoll";
      case FdEntry.INOTIFY: return "inotify";
      case FdEntry.TIMERFD: return "timerfd";
      case FdEntry.NETLINK: return "netlink";
      case FdEntry.BPF: return "bpf";
      case FdEntry.USERFAULTFD: return "userfaultfd";
      case FdEntry.IOURING: return "io_uring";
      case FdEntry.MEMFD: return "memfd";
      case FdEntry.PIDFD: return "pidfd";
      case FdEntry.UNSUPPORTED: return "unsupported";
      default: return null;
    }
  }

  /** The protocol letter sysdig appends to a socket's type char once it has a role. */
  public String typeTag() {
    char c = typeChar();
    if (isInet() && role != ROLE_NONE) {
      switch (l4proto) {
        case L4_TCP: return c + "t";
        case L4_UDP: return c + "u";
        case L4_ICMP: return c + "i";
        case L4_RAW: return c + "r";
        default: break;
      }
    }
    return String.valueOf(c);
  }

  public static String l4Name(int proto) {
    switch (proto) {
      case L4_TCP: return "tcp";
      case L4_UDP: return "udp";
      case L4_ICMP: return "icmp";
      case L4_RAW: return "raw";
      default: return null;
    }
  }
}
