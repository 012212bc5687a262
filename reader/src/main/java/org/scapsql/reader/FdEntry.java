package org.scapsql.reader;

/**
 * One entry of an fd-list block. {@code scapType} is the scap fd type number;
 * sockets carry addresses in network-order bytes and ports as numbers, and
 * the "source" of a socket read from /proc is its local end.
 */
public record FdEntry(long tid, long fd, long ino, int scapType, String name, int openFlags,
    byte[] sourceIp, int sourcePort, byte[] destIp, int destPort, int l4proto,
    long sourceSocket, long destSocket) {

  public static final int UNKNOWN = 0;
  public static final int FILE = 1;
  public static final int DIRECTORY = 2;
  public static final int IPV4_SOCK = 3;
  public static final int IPV6_SOCK = 4;
  public static final int IPV4_SERVSOCK = 5;
  public static final int IPV6_SERVSOCK = 6;
  public static final int FIFO = 7;
  public static final int UNIX_SOCK = 8;
  public static final int EVENT = 9;
  public static final int UNSUPPORTED = 10;
  public static final int SIGNALFD = 11;
  public static final int EVENTPOLL = 12;
  public static final int INOTIFY = 13;
  public static final int TIMERFD = 14;
  public static final int NETLINK = 15;
  public static final int FILE_V2 = 16;
  public static final int BPF = 17;
  public static final int USERFAULTFD = 18;
  public static final int IOURING = 19;
  public static final int MEMFD = 20;
  public static final int PIDFD = 21;
}
