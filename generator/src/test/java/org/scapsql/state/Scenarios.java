package org.scapsql.state;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.scapsql.reader.FdEntry;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.ThreadEntry;
import org.scapsql.reader.UserInfo;
import org.scapsql.writer.CaptureWriter;
import org.scapsql.writer.EventEncoder;

/**
 * Small captures written with {@link CaptureWriter} in the layouts sysdig
 * 0.29.3 reads (its event versions and parameter counts), each exercising one
 * piece of libsinsp's state keeping. Tests assert what sysdig prints for them
 * and, where sysdig is installed, compare with it line by line.
 */
public final class Scenarios {
  /** 2022-05-10 08:00:00 UTC. */
  public static final long T0 = 1_652_169_600_000_000_000L;

  // Clone flags in the driver's encoding (PPM_CL_*), as glibc's fork() and pthread_create() pass them.
  private static final int FORK_FLAGS = 8388608 | 16777216;
  private static final int THREAD_FLAGS = 32768 | 2 | 1 | 2048 | 8192 | 4096 | 33554432 | 512 | 8388608;

  private static final int O_WRONLY_CREAT_TRUNC = 2 | 4 | 256;

  private final CaptureWriter w;
  private long t = T0;

  private Scenarios(CaptureWriter w) {
    this.w = w;
  }

  static byte[] ip(String s) {
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** NUL-separated strings, as args and env are carried. */
  static byte[] list(String... items) {
    StringBuilder sb = new StringBuilder();
    for (String i : items) {
      sb.append(i).append('\0');
    }
    return utf8(sb.toString());
  }

  /** A process-table thread of a process started before the capture. */
  public static ThreadEntry thread(long tid, long pid, long ptid, String comm, List<String> args, long uid,
      List<String> cgroups) {
    return new ThreadEntry(tid, pid, ptid, pid, pid, comm, comm, "/usr/bin/" + comm, args, "/home/alice", 1024,
        0, uid, uid, 1000, 200, 0, 3, 77, List.of("PATH=/usr/bin"), tid, pid, cgroups, "/", uid, 34816, pid);
  }

  private long next() {
    t += 1_000;
    return t;
  }

  private EventEncoder ev(int type, int nparams, long tid) throws IOException {
    return w.event(type, nparams, next(), tid, 0);
  }

  /** clone's exit as sysdig 0.29.3 has it (20 parameters), seen by {@code tid}. */
  private void cloneExit(long tid, long res, String exe, String comm, byte[] args, long childTid, long pid,
      long ptid, int flags, long uid) throws IOException {
    byte[] cg = new byte[0];
    ev(223, 20, tid).i64(res).str(utf8(exe)).bytes(args, 0, args.length).i64(childTid).i64(pid).i64(ptid).empty()
        .i64(1024).i64(0).i64(1).u32(9000).u32(1500).u32(0).str(utf8(comm)).bytes(cg, 0, 0).u32(flags)
        .u32((int) uid).u32((int) uid).i64(childTid).i64(pid).end();
  }

  /** fork(): the parent's clone enter and exit, then the child's exit. */
  private void fork(long parent, long child, String exe, String comm, byte[] args, long ptid, long uid)
      throws IOException {
    ev(222, 0, parent).end();
    cloneExit(parent, child, exe, comm, args, parent, parent, ptid, FORK_FLAGS, uid);
    cloneExit(child, 0, exe, comm, args, child, child, parent, FORK_FLAGS, uid);
  }

  private void execve(long tid, long pid, long ptid, String path, String comm, String... args) throws IOException {
    ev(292, 1, tid).str(utf8(path)).end();
    byte[] a = list(args);
    byte[] env = list("PATH=/usr/bin", "LANG=C");
    byte[] cg = new byte[0];
    ev(293, 20, tid).i64(0).str(utf8(comm)).bytes(a, 0, a.length).i64(tid).i64(pid).i64(ptid).empty().i64(1024)
        .i64(0).i64(40).u32(12000).u32(2000).u32(0).str(utf8(comm)).bytes(cg, 0, 0).bytes(env, 0, env.length)
        .u32(34816).i64(pid).u32(1000).u32(0).end();
  }

  private void openat(long tid, long fd, String path, int flags) throws IOException {
    ev(306, 4, tid).i64(-100).str(utf8(path)).u32(flags).u32(0644).end();
    ev(307, 6, tid).i64(fd).i64(-100).str(utf8(path)).u32(flags).u32(0644).u32(0x803).end();
  }

  private void write(long tid, long fd, String data) throws IOException {
    byte[] b = utf8(data);
    ev(8, 2, tid).i64(fd).u32(b.length).end();
    ev(9, 2, tid).i64(b.length).bytes(b, 0, b.length).end();
  }

  private void read(long tid, long fd, String data) throws IOException {
    byte[] b = utf8(data);
    ev(6, 2, tid).i64(fd).u32(4096).end();
    ev(7, 2, tid).i64(b.length).bytes(b, 0, b.length).end();
  }

  private void close(long tid, long fd) throws IOException {
    ev(4, 1, tid).i64(fd).end();
    ev(5, 1, tid).i64(0).end();
  }

  private void procexit(long tid, int code) throws IOException {
    ev(186, 4, tid).i64((long) code << 8).i64(code).u8(0).u8(0).end();
  }

  /**
   * A shell (pid 100, with a log file open as fd 3) forks twice: 101 execs tar,
   * writes an archive it opens, writes to the inherited fd 1 and fd 3, starts
   * a thread (102) that writes too, and exits; 103 stays a shell, writes to the
   * inherited fd 3 and exits. Meanwhile the shell writes to fd 3 itself.
   */
  public static void forks(Path file) throws IOException {
    try (CaptureWriter w = CaptureWriter.create(file)) {
      w.users(List.of(new UserInfo(0, 0, "root", "/root", "/bin/bash", ""),
          new UserInfo(1000, 1000, "alice", "/home/alice", "/bin/bash", "")),
          List.of(new GroupInfo(0, "root", ""), new GroupInfo(1000, "alice", "")));
      w.processList(List.of(thread(1, 1, 0, "systemd", List.of(), 0, List.of()),
          thread(100, 100, 1, "bash", List.of("-i"), 1000, List.of())));
      w.fdList(100, List.of(
          new FdEntry(100, 1, 11, FdEntry.FILE_V2, "/dev/pts/0", 2, null, 0, null, 0, 0, 0, 0),
          new FdEntry(100, 3, 12, FdEntry.FILE_V2, "/home/alice/session.log", 1 | 1024, null, 0, null, 0, 0, 0,
              0)));
      w.fdList(1, List.of());
      Scenarios s = new Scenarios(w);
      byte[] bashArgs = list("-i");
      s.fork(100, 101, "bash", "bash", bashArgs, 1, 1000);
      s.write(100, 3, "forked 101\n");
      s.execve(101, 101, 100, "/usr/bin/tar", "tar", "-cf", "x.tar", "x");
      s.openat(101, 4, "/home/alice/x.tar", O_WRONLY_CREAT_TRUNC);
      s.write(101, 4, "archive-bytes");
      s.write(101, 1, "tar: done\n");
      s.write(101, 3, "tar wrote\n");
      s.ev(222, 0, 101).end();
      s.cloneExit(101, 102, "tar", "tar", list("-cf", "x.tar", "x"), 101, 101, 100, THREAD_FLAGS, 1000);
      s.cloneExit(102, 0, "tar", "tar", list("-cf", "x.tar", "x"), 102, 101, 100, THREAD_FLAGS, 1000);
      s.write(102, 4, "more");
      s.procexit(102, 0);
      s.close(101, 4);
      s.procexit(101, 0);
      s.fork(100, 103, "bash", "bash", bashArgs, 1, 1000);
      s.write(103, 3, "subshell\n");
      s.read(103, 1, "y\n");
      s.procexit(103, 2);
      s.write(100, 3, "all done\n");
    }
  }

  private void socket(long tid, int domain, int type, long fd) throws IOException {
    ev(18, 3, tid).u32(domain).u32(type).u32(0).end();
    ev(19, 1, tid).i64(fd).end();
  }

  private void connect4(long tid, long fd, String dip, int dport, long res, String sip, int sport)
      throws IOException {
    ev(22, 2, tid).i64(fd).sockaddr4(ip(dip), dport).end();
    EventEncoder x = ev(23, 2, tid).i64(res);
    if (sip == null) {
      x.empty();
    } else {
      x.tuple4(ip(sip), sport, ip(dip), dport);
    }
    x.end();
  }

  /** connect to an IPv6 (or IPv4-mapped) address; the exit carries the tuple unless {@code sip} is null. */
  private void connect6(long tid, long fd, String dip, int dport, long res, String sip, int sport)
      throws IOException {
    byte[] a = new byte[19];
    a[0] = 10;
    System.arraycopy(ip6(dip), 0, a, 1, 16);
    a[17] = (byte) dport;
    a[18] = (byte) (dport >> 8);
    ev(22, 2, tid).i64(fd).bytes(a, 0, a.length).end();
    EventEncoder x = ev(23, 2, tid).i64(res);
    if (sip == null) {
      x.empty();
    } else {
      x.tuple6(ip6(sip), sport, ip6(dip), dport);
    }
    x.end();
  }

  /** 16 bytes, an IPv4 address as ::ffff:a.b.c.d. */
  static byte[] ip6(String s) {
    byte[] a = ip(s);
    if (a.length == 16) {
      return a;
    }
    byte[] m = new byte[16];
    m[10] = (byte) 0xFF;
    m[11] = (byte) 0xFF;
    System.arraycopy(a, 0, m, 12, 4);
    return m;
  }

  /** sendto with a tuple in its enter (null: none, as on a connected socket). */
  private void sendto(long tid, long fd, String sip, int sport, String dip, int dport, long res) throws IOException {
    byte[] q = utf8("query");
    EventEncoder x = ev(30, 3, tid).i64(fd).u32(q.length);
    if (sip == null) {
      x.empty();
    } else if (ip(sip).length == 16) {
      x.tuple6(ip(sip), sport, ip(dip), dport);
    } else {
      x.tuple4(ip(sip), sport, ip(dip), dport);
    }
    x.end();
    ev(31, 2, tid).i64(res).bytes(q, 0, res < 0 ? 0 : q.length).end();
  }

  /** recvfrom whose exit carries the sender's tuple. */
  private void recvfrom(long tid, long fd, String sip, int sport, String dip, int dport) throws IOException {
    byte[] q = utf8("answer");
    ev(34, 2, tid).i64(fd).u32(512).end();
    EventEncoder x = ev(35, 3, tid).i64(q.length).bytes(q, 0, q.length);
    if (ip(sip).length == 16) {
      x.tuple6(ip(sip), sport, ip(dip), dport);
    } else {
      x.tuple4(ip(sip), sport, ip(dip), dport);
    }
    x.end();
  }

  private void bind4(long tid, long fd, String addr, int port) throws IOException {
    ev(20, 1, tid).i64(fd).end();
    ev(21, 2, tid).i64(0).sockaddr4(ip(addr), port).end();
  }

  /**
   * UDP sockets of a resolver (pid 200) and a server (pid 100): a socket
   * connected to one server and then to another, one that sends to several
   * peers unconnected and hears from yet another, one that sends without a
   * source address (its source comes from the interfaces), a failed send;
   * the server binds port 5353 and answers, and a second socket of it reads
   * for a port it has bound elsewhere. IPv6 and IPv4 TCP sockets get
   * recvfrom tuples from other peers.
   */
  public static void udpPeers(Path file) throws IOException {
    try (CaptureWriter w = CaptureWriter.create(file)) {
      w.interfaces(interfaces());
      w.users(List.of(new UserInfo(0, 0, "root", "/root", "/bin/bash", "")), List.of(new GroupInfo(0, "root", "")));
      w.processList(List.of(thread(100, 100, 1, "named", List.of(), 0, List.of()),
          thread(200, 200, 1, "dig", List.of(), 0, List.of())));
      Scenarios s = new Scenarios(w);
      // A client socket connected twice: later sends name the second peer.
      s.socket(200, 2, 2, 3);
      s.connect4(200, 3, "10.0.0.53", 53, 0, "10.0.0.1", 40000);
      s.sendto(200, 3, null, 0, null, 0, 5);
      s.recvfrom(200, 3, "10.0.0.53", 53, "10.0.0.1", 40000);
      s.connect4(200, 3, "8.8.8.8", 53, 0, "10.0.0.1", 40000);
      s.sendto(200, 3, null, 0, null, 0, 5);
      s.recvfrom(200, 3, "8.8.8.8", 53, "10.0.0.1", 40000);
      s.sendto(200, 3, "10.0.0.1", 40000, "1.1.1.1", 53, 5);
      s.write(200, 3, "query");
      s.connect4(200, 3, "1.1.1.1", 53, 0, "10.0.0.1", 40001);
      s.sendto(200, 3, null, 0, null, 0, 5);
      // An unconnected socket: the first peer stays the destination; a reply from another peer
      // replaces the source, and the client's ends are then swapped.
      s.socket(200, 2, 2, 4);
      s.sendto(200, 4, "10.0.0.1", 40002, "10.0.0.53", 53, 5);
      s.sendto(200, 4, "10.0.0.1", 40002, "8.8.8.8", 53, 5);
      s.recvfrom(200, 4, "1.1.1.1", 53, "10.0.0.1", 40002);
      s.sendto(200, 4, "10.0.0.1", 40002, "8.8.8.8", 53, 5);
      s.connect4(200, 4, "10.0.0.53", 53, 0, "10.0.0.1", 40002);
      s.write(200, 4, "query");
      // No source address: the interface that reaches the peer supplies it.
      s.socket(200, 2, 2, 5);
      s.sendto(200, 5, "0.0.0.0", 0, "8.8.8.8", 53, 5);
      s.sendto(200, 5, "0.0.0.0", 0, "10.0.0.53", 53, 5);
      // A failed send learns nothing.
      s.socket(200, 2, 2, 6);
      s.sendto(200, 6, "10.0.0.1", 41000, "8.8.8.8", 53, -101);
      // TCP over IPv6 is not "TCP" to libsinsp's check, so a recvfrom tuple still renames it.
      s.socket(200, 10, 1, 7);
      s.connect6(200, 7, "2001:db8::2", 443, 0, "2001:db8::1", 40000);
      s.recvfrom(200, 7, "2001:db8::9", 443, "2001:db8::1", 40000);
      s.sendto(200, 7, "2001:db8::1", 40000, "2001:db8::7", 443, 5);
      // IPv4 TCP is: the name stays.
      s.socket(200, 2, 1, 8);
      s.connect4(200, 8, "8.8.8.8", 80, 0, "10.0.0.1", 42000);
      s.recvfrom(200, 8, "10.0.0.53", 80, "10.0.0.1", 42000);
      // An IPv6 UDP socket first read from.
      s.socket(200, 10, 2, 9);
      s.recvfrom(200, 9, "2001:db8::9", 53, "2001:db8::1", 40005);
      // The server: a bound socket becomes a connected one, read through the server socket's fields.
      s.socket(100, 2, 2, 3);
      s.bind4(100, 3, "0.0.0.0", 5353);
      s.recvfrom(100, 3, "10.0.0.53", 40000, "10.0.0.1", 5353);
      s.sendto(100, 3, "10.0.0.1", 5353, "10.0.0.53", 40000, 5);
      s.recvfrom(100, 3, "8.8.8.8", 40001, "10.0.0.1", 5353);
      s.socket(100, 2, 2, 5);
      s.bind4(100, 5, "0.0.0.0", 5454);
      s.socket(100, 2, 2, 4);
      s.recvfrom(100, 4, "10.0.0.53", 40002, "10.0.0.1", 5454);
    }
  }

  /**
   * Connects of curl (pid 300): to an IPv4-mapped address (refused), again on
   * the same socket to an IPv6 address (unreachable), a non-blocking IPv6
   * connect in progress, an IPv6 UDP connect, and a connect whose exit has no
   * tuple.
   */
  public static void ipv6Connects(Path file) throws IOException {
    try (CaptureWriter w = CaptureWriter.create(file)) {
      w.processList(List.of(thread(300, 300, 1, "curl", List.of(), 0, List.of())));
      Scenarios s = new Scenarios(w);
      s.socket(300, 10, 1, 3);
      s.connect6(300, 3, "10.0.0.2", 80, -111, null, 0);
      s.write(300, 3, "");
      s.connect6(300, 3, "2001:db8::2", 443, -101, null, 0);
      s.socket(300, 10, 2049, 4);
      s.connect6(300, 4, "2001:db8::3", 8443, -115, "2001:db8::1", 40001);
      s.write(300, 4, "hello");
      s.socket(300, 10, 2, 5);
      s.connect6(300, 5, "2001:db8::53", 53, 0, "2001:db8::1", 40002);
      s.socket(300, 10, 1, 6);
      s.connect6(300, 6, "2001:db8::4", 22, 0, null, 0);
      s.write(300, 6, "hello");
      s.socket(300, 2, 1, 7);
      s.connect4(300, 7, "10.0.0.9", 80, -111, "10.0.0.1", 43000);
    }
  }

  /**
   * Container events: one before any other event (the capture's state), then
   * nginx (pid 200, in container 0123456789ab) reads, and container events
   * arrive mid-capture for its container and others, from various tids; an
   * old-style container event (228) renames the container.
   */
  public static void containerEvents(Path file) throws IOException {
    String id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    List<String> cgroups = List.of("cpuset=/docker/" + id, "memory=/docker/" + id);
    try (CaptureWriter w = CaptureWriter.create(file)) {
      w.users(List.of(new UserInfo(0, 0, "root", "/root", "/bin/bash", ""),
          new UserInfo(101, 101, "nginx", "/nonexistent", "/bin/false", "")), List.of(new GroupInfo(0, "root", "")));
      w.processList(List.of(thread(100, 100, 1, "bash", List.of(), 0, List.of()),
          thread(200, 200, 1, "nginx", List.of(), 101, cgroups)));
      Scenarios s = new Scenarios(w);
      s.ev(272, 1, 200).str(utf8(containerJson("0123456789ab", "web"))).end();
      s.read(200, 0, "hello");
      s.ev(272, 1, 200).str(utf8(containerJson("0123456789ab", "web2"))).end();
      s.ev(272, 1, 100).str(utf8(containerJson("fedcba987654", "other"))).end();
      s.ev(272, 1, -1).str(utf8(containerJson("aaaaaaaaaaaa", "third"))).end();
      s.ev(272, 1, 0).str(utf8(containerJson("bbbbbbbbbbbb", "fourth"))).end();
      s.ev(228, 4, 200).str(utf8("0123456789ab")).u32(0).str(utf8("fifth")).str(utf8("nginx")).end();
      s.read(200, 0, "hello");
    }
  }

  static String containerJson(String id, String name) {
    return "{\"container\":{\"Mounts\":[],\"id\":\"" + id + "\",\"image\":\"nginx\",\"imagerepo\":\"nginx\","
        + "\"imagetag\":\"latest\",\"name\":\"" + name + "\",\"type\":0}}";
  }

  /**
   * A capture as current falcosecurity/libs writes it (exit events only, event
   * ids sysdig 0.29.3 does not know): python3 (pid 500) listening on
   * 127.0.0.1:8765 fails an accept4 (EAGAIN), accepts one connection, reads
   * from it and from fd 9, which its table does not hold.
   */
  public static void currentAccepts(Path file) throws IOException {
    try (CaptureWriter w = CaptureWriter.create(file)) {
      w.processList(List.of(thread(500, 500, 1, "python3", List.of("-m", "http.server"), 0, List.of())));
      w.fdList(500, List.of(new FdEntry(500, 3, 21, FdEntry.IPV4_SERVSOCK, "", 2, ip("127.0.0.1"), 8765, null, 0,
          2, 0, 0)));
      org.scapsql.writer.BlockBuffer staging = new org.scapsql.writer.BlockBuffer(256);
      EventEncoder current = new EventEncoder(staging, org.scapsql.reader.EventTable.standard().size());
      long ts = T0;
      byte[] none = new byte[0];
      int n = current.begin(389, 6, ts += 1_000, 500, 0).i64(-11).bytes(none, 0, 0).u8(0).u32(0).u32(128)
          .u32(0x80800).end();
      w.eventBlock(staging.array(), 0, n);
      staging.clear();
      n = current.begin(389, 6, ts += 1_000, 500, 0).i64(4).tuple4(ip("127.0.0.1"), 41000, ip("127.0.0.1"), 8765)
          .u8(0).u32(0).u32(128).u32(0x80800).end();
      w.eventBlock(staging.array(), 0, n);
      byte[] get = utf8("GET / HTTP/1.1");
      for (long fd : new long[] {4, 9}) {
        staging.clear();
        n = current.begin(7, 4, ts += 1_000, 500, 0).i64(get.length).bytes(get, 0, get.length).i64(fd).u32(8192)
            .end();
        w.eventBlock(staging.array(), 0, n);
      }
    }
  }

  private void call(int enter, long tid, long fd) throws IOException {
    ev(enter, 1, tid).i64(fd).end();
  }

  /**
   * The fd calls of cat (pid 400, cwd /home/alice) as sysdig 0.29.3 has them:
   * a relative open, a directory and a file opened through it, dup and fcntl
   * copies of fd 3, a pipe, an eventfd, a chdir and an open
   * relative to the new directory, an fchdir through the directory fd, and a
   * close after which fd 3 is unknown.
   */
  public static void fdCalls(Path file) throws IOException {
    try (CaptureWriter w = CaptureWriter.create(file)) {
      w.processList(List.of(thread(400, 400, 1, "cat", List.of(), 1000, List.of())));
      w.fdList(400, List.of());
      Scenarios s = new Scenarios(w);
      s.openat(400, 3, "notes.txt", 0);
      s.openat(400, 4, "/etc", 1024);
      s.ev(306, 4, 400).i64(4).str(utf8("hosts")).u32(0).u32(0).end();
      s.ev(307, 6, 400).i64(5).i64(4).str(utf8("hosts")).u32(0).u32(0).u32(0x803).end();
      s.call(124, 400, 3);
      s.ev(125, 1, 400).i64(6).end();
      s.ev(150, 2, 400).i64(3).u8(1).end();
      s.ev(151, 1, 400).i64(7).end();
      s.ev(60, 0, 400).end();
      s.ev(61, 4, 400).i64(0).i64(8).i64(9).i64(4242).end();
      s.ev(62, 2, 400).i64(0).u32(0).end();
      s.ev(63, 1, 400).i64(10).end();
      s.ev(94, 0, 400).end();
      s.ev(95, 2, 400).i64(0).str(utf8("../../tmp")).end();
      s.openat(400, 11, "x", 0);
      s.call(96, 400, 4);
      s.ev(97, 1, 400).i64(0).end();
      s.openat(400, 12, "passwd", 0);
      s.close(400, 3);
      s.read(400, 3, "gone");
      s.read(400, 6, "copy");
    }
  }

  /**
   * Processes: bash (pid 600, uid 1000) forks 601, which changes its uid and
   * gid (one setuid fails), execs env and exits; a thread 602 of 601 is
   * created and exits first, so 601's death removes the process.
   */
  public static void processCalls(Path file) throws IOException {
    try (CaptureWriter w = CaptureWriter.create(file)) {
      w.users(List.of(new UserInfo(0, 0, "root", "/root", "/bin/bash", ""),
          new UserInfo(1000, 1000, "alice", "/home/alice", "/bin/bash", "")), List.of(new GroupInfo(0, "root", "")));
      w.processList(List.of(thread(1, 1, 0, "systemd", List.of(), 0, List.of()),
          thread(600, 600, 1, "bash", List.of("-i"), 1000, List.of())));
      w.fdList(600, List.of(
          new FdEntry(600, 1, 11, FdEntry.FILE_V2, "/dev/pts/0", 2, null, 0, null, 0, 0, 0, 0)));
      Scenarios s = new Scenarios(w);
      byte[] bashArgs = list("-i");
      s.fork(600, 601, "bash", "bash", bashArgs, 1, 1000);
      s.ev(198, 1, 601).u32(0).end();
      s.ev(199, 1, 601).i64(0).end();
      s.ev(200, 1, 601).u32(50).end();
      s.ev(201, 1, 601).i64(0).end();
      s.ev(198, 1, 601).u32(33).end();
      s.ev(199, 1, 601).i64(-1).end();
      s.execve(601, 601, 600, "/usr/bin/env", "env", "-i");
      s.write(601, 1, "PATH=/usr/bin\n");
      s.ev(222, 0, 601).end();
      s.cloneExit(601, 602, "env", "env", list("-i"), 601, 601, 600, THREAD_FLAGS, 0);
      s.cloneExit(602, 0, "env", "env", list("-i"), 602, 601, 600, THREAD_FLAGS, 0);
      s.procexit(602, 0);
      s.write(601, 1, "done\n");
      s.procexit(601, 0);
      s.write(600, 1, "$ ");
    }
  }

  /**
   * Memory and threads: bash (600) forks 601, which spawns two threads (602, 603),
   * grows its heap (brk), is switched out with new fault counters and sizes, loses
   * a thread, then execs; 900, a thread the process list does not name, execs too.
   */
  public static void memoryAndThreads(Path file) throws IOException {
    try (CaptureWriter w = CaptureWriter.create(file)) {
      w.processList(List.of(thread(1, 1, 0, "systemd", List.of(), 0, List.of()),
          thread(600, 600, 1, "bash", List.of("-i"), 1000, List.of())));
      Scenarios s = new Scenarios(w);
      byte[] args = list("-i");
      s.fork(600, 601, "bash", "bash", args, 1, 1000);
      s.ev(222, 0, 601).end();
      s.cloneExit(601, 602, "bash", "bash", args, 601, 601, 600, THREAD_FLAGS, 1000);
      s.cloneExit(602, 0, "bash", "bash", args, 602, 601, 600, THREAD_FLAGS, 1000);
      s.ev(222, 0, 601).end();
      s.cloneExit(601, 603, "bash", "bash", args, 601, 601, 600, THREAD_FLAGS, 1000);
      s.cloneExit(603, 0, "bash", "bash", args, 603, 601, 600, THREAD_FLAGS, 1000);
      // brk by a thread: the thread's own sizes.
      s.ev(158, 1, 602).i64(0).end();
      s.ev(159, 5, 602).i64(0x1000).u32(9500).u32(1700).u32(3).i64(0x1000).end();
      // A thread switched out: its faults, and its process's sizes on the main thread.
      s.ev(152, 6, 603).i64(601).i64(2).i64(77).u32(9800).u32(1800).u32(4).end();
      s.write(601, 1, "x");
      s.procexit(603, 0);
      s.write(602, 1, "y");
      s.write(601, 1, "z");
      s.execve(601, 601, 600, "/usr/bin/env", "env", "-i");
      s.write(600, 1, "$ ");
      s.execve(900, 900, 1, "/usr/bin/true", "true");
      s.write(900, 1, "t");
    }
  }

  /**
   * TCP both ways on one host: nginx (pid 700) listens on 0.0.0.0:8080 and
   * accepts a connection from curl (pid 710), which connects from
   * 127.0.0.1:51000; the accepted connection is then closed.
   */
  public static void tcpCalls(Path file) throws IOException {
    try (CaptureWriter w = CaptureWriter.create(file)) {
      w.processList(List.of(thread(700, 700, 1, "nginx", List.of(), 0, List.of()),
          thread(710, 710, 1, "curl", List.of(), 1000, List.of())));
      Scenarios s = new Scenarios(w);
      s.socket(700, 2, 1, 3);
      s.bind4(700, 3, "0.0.0.0", 8080);
      s.ev(24, 2, 700).i64(3).u32(128).end();
      s.ev(25, 1, 700).i64(0).end();
      s.socket(710, 2, 1, 4);
      s.connect4(710, 4, "127.0.0.1", 8080, 0, "127.0.0.1", 51000);
      s.ev(248, 1, 700).u32(0).end();
      s.ev(249, 5, 700).i64(5).tuple4(ip("127.0.0.1"), 51000, ip("127.0.0.1"), 8080).u8(0).u32(0).u32(128).end();
      s.read(700, 5, "GET /");
      s.write(710, 4, "GET /");
      s.close(700, 5);
    }
  }

  /** The interfaces a UDP socket's unset end is inferred from. */
  static List<InterfaceInfo> interfaces() {
    return List.of(
        new InterfaceInfo("lo", InterfaceInfo.IPV4, ip("127.0.0.1"), ip("255.0.0.0"), ip("127.0.0.1"), 0),
        new InterfaceInfo("eth0", InterfaceInfo.IPV4, ip("10.0.0.1"), ip("255.255.255.0"), ip("10.0.0.255"), 1000));
  }
}
