package org.scapsql.generate;

import org.scapsql.writer.EventEncoder;

/**
 * Stages system calls as a 2016-2022 kernel driver recorded them: an enter
 * event, then, after the call's latency, an exit event. Every event is written
 * with the parameter layout of sysdig 0.29.3's event table (a prefix of today's
 * table; the count is the second argument of each {@link Track#ev} call), using
 * the newest enter/exit pair below id 336 for each syscall. Each method moves
 * the thread's clock past the call and keeps the process's fd table in step;
 * calls on which a thread blocks while others act (a read of the terminal, a
 * recvfrom waiting for the database, epoll_wait, sleeps) also come as separate
 * enter and exit halves.
 */
final class Syscalls {
  /** Bytes of I/O data a driver copies into an event by default. */
  static final int SNAPLEN = 80;

  // Open flags in the driver's portable encoding (PPM_O_*).
  static final int O_RDONLY = 1;
  static final int O_WRONLY = 2;
  static final int O_RDWR = 3;
  static final int O_CREAT = 4;
  static final int O_APPEND = 8;
  static final int O_EXCL = 32;
  static final int O_NONBLOCK = 64;
  static final int O_TRUNC = 256;
  static final int O_DIRECTORY = 1024;
  static final int O_CLOEXEC = 4096;

  // errno values.
  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EACCES = 13;
  static final int ECONNREFUSED = 111;

  // Signals.
  static final int SIGHUP = 1;
  static final int SIGCHLD = 17;

  static final int AF_INET = 2;
  static final int SOCK_STREAM = 1;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_NONBLOCK = 04000;
  static final int SOCK_CLOEXEC = 02000000;

  static final long AT_FDCWD = -100;

  private final Sim sim;
  private final Rng rng;

  Syscalls(Sim sim) {
    this.sim = sim;
    this.rng = sim.rng;
  }

  // ---- generic events (syscalls without an event of their own) ----------------------------------

  /** A syscall recorded as a generic event: {@code sc} is the PPM_SC code, {@code nr} the x86-64 number. */
  void generic(Track t, Sc sc, long latency) {
    genericEnter(t, sc);
    t.clock += latency;
    genericExit(t, sc);
  }

  void genericEnter(Track t, Sc sc) {
    t.ev(0, 2).u16(sc.code).u16(sc.nr).end();
  }

  void genericExit(Track t, Sc sc) {
    t.ev(1, 1).u16(sc.code).end();
  }

  // ---- files ------------------------------------------------------------------------------------

  /** openat relative to the cwd; returns the new fd or {@code -errno} when {@code errno > 0}. */
  long openat(Track t, byte[] path, int flags, int mode, int errno, long latency) {
    t.ev(306, 4).i64(AT_FDCWD).str(path).u32(flags).u32(mode).end();
    t.clock += latency;
    long fd = errno > 0 ? -errno : t.proc.fds.allocate(t.clock);
    t.ev(307, 6).i64(fd).i64(AT_FDCWD).str(path).u32(flags).u32(mode).u32(errno > 0 ? 0 : 0x801).end();
    return fd;
  }

  long openat(Track t, byte[] path, int flags) {
    return openat(t, path, flags, 0, 0, rng.lat(6_000));
  }

  void close(Track t, long fd) {
    t.ev(4, 1).i64(fd).end();
    t.clock += rng.lat(2_000);
    t.ev(5, 1).i64(0).end();
    t.proc.fds.free((int) fd, t.clock);
  }

  /** read; {@code data} holds the bytes read from its start, of which the event keeps the snaplen. */
  void read(Track t, long fd, int size, long res, byte[] data, int dataLen, long latency) {
    t.ev(6, 2).i64(fd).u32(size).end();
    t.clock += latency;
    EventEncoder e = t.ev(7, 2).i64(res);
    if (res > 0 && data != null) {
      e.bytes(data, 0, snap(dataLen, res));
    } else {
      e.empty();
    }
    e.end();
  }

  void readEnter(Track t, long fd, int size) {
    t.ev(6, 2).i64(fd).u32(size).end();
  }

  void readExit(Track t, long res, byte[] data, int dataLen) {
    EventEncoder e = t.ev(7, 2).i64(res);
    if (res > 0 && data != null) {
      e.bytes(data, 0, snap(dataLen, res));
    } else {
      e.empty();
    }
    e.end();
  }

  void write(Track t, long fd, long res, byte[] data, int dataLen, long latency) {
    t.ev(8, 2).i64(fd).u32((int) Math.max(res, dataLen)).end();
    t.clock += latency;
    EventEncoder e = t.ev(9, 2).i64(res);
    if (res > 0) {
      e.bytes(data, 0, snap(dataLen, res));
    } else {
      e.empty();
    }
    e.end();
  }

  void pread(Track t, long fd, int size, long pos, byte[] data, int dataLen, long latency) {
    t.ev(112, 3).i64(fd).u32(size).i64(pos).end();
    t.clock += latency;
    t.ev(113, 2).i64(size).bytes(data, 0, snap(dataLen, size)).end();
  }

  void pwrite(Track t, long fd, int size, long pos, byte[] data, int dataLen, long latency) {
    t.ev(114, 3).i64(fd).u32(size).i64(pos).end();
    t.clock += latency;
    t.ev(115, 2).i64(size).bytes(data, 0, snap(dataLen, size)).end();
  }

  private static int snap(int dataLen, long res) {
    return (int) Math.min(Math.min(dataLen, res), SNAPLEN);
  }

  void fstat(Track t, long fd) {
    t.ev(70, 1).i64(fd).end();
    t.clock += rng.lat(1_500);
    t.ev(71, 1).i64(0).end();
  }

  void lstat(Track t, byte[] path, int errno) {
    t.ev(68, 0).end();
    t.clock += rng.lat(2_500);
    t.ev(69, 2).i64(-errno).str(path).end();
  }

  void stat(Track t, byte[] path, int errno) {
    t.ev(66, 0).end();
    t.clock += rng.lat(2_500);
    t.ev(67, 2).i64(-errno).str(path).end();
  }

  /** access(2); {@code mode} in the driver's encoding (0 F_OK, 1 R_OK ...). */
  void access(Track t, byte[] path, int mode, int errno) {
    t.ev(264, 1).u32(mode).end();
    t.clock += rng.lat(2_500);
    t.ev(265, 2).i64(-errno).str(path).end();
  }

  void getdents64(Track t, long fd, long res) {
    t.ev(238, 1).i64(fd).end();
    t.clock += rng.lat(8_000);
    t.ev(239, 1).i64(res).end();
  }

  void unlink(Track t, byte[] path, int errno) {
    t.ev(300, 0).end();
    t.clock += rng.lat(9_000);
    t.ev(301, 2).i64(-errno).str(path).end();
  }

  void chdir(Track t, byte[] path) {
    t.ev(94, 0).end();
    t.clock += rng.lat(3_000);
    t.ev(95, 2).i64(0).str(path).end();
  }

  void fchmod(Track t, long fd, int mode) {
    t.ev(316, 0).end();
    t.clock += rng.lat(3_000);
    t.ev(317, 3).i64(0).i64(fd).u32(mode).end();
  }

  /** dup2 as drivers of the time recorded it (the dup event). */
  void dup2(Track t, long oldfd, int newfd) {
    t.ev(124, 1).i64(oldfd).end();
    t.clock += rng.lat(1_200);
    t.proc.fds.use(newfd);
    t.ev(125, 1).i64(newfd).end();
  }

  void ioctl(Track t, long fd, long request, long argument, long res) {
    t.ev(170, 3).i64(fd).i64(request).i64(argument).end();
    t.clock += rng.lat(1_800);
    t.ev(171, 1).i64(res).end();
  }

  // ---- memory -----------------------------------------------------------------------------------

  long mmap(Track t, long addr, long length, int prot, int flags, long fd, long offset, long result) {
    t.ev(160, 6).i64(addr).i64(length).u32(prot).u32(flags).i64(fd).i64(offset).end();
    t.clock += rng.lat(3_000);
    Proc p = t.proc;
    p.vmSize += (int) (length >>> 10);
    t.ev(161, 4).i64(result).u32(p.vmSize).u32(p.vmRss).u32(p.vmSwap).end();
    return result;
  }

  void munmap(Track t, long addr, long length) {
    t.ev(164, 2).i64(addr).i64(length).end();
    t.clock += rng.lat(4_000);
    Proc p = t.proc;
    p.vmSize = Math.max(1000, p.vmSize - (int) (length >>> 10));
    t.ev(165, 4).i64(0).u32(p.vmSize).u32(p.vmRss).u32(p.vmSwap).end();
  }

  void mprotect(Track t, long addr, long length, int prot) {
    t.ev(328, 3).i64(addr).i64(length).u32(prot).end();
    t.clock += rng.lat(2_000);
    t.ev(329, 1).i64(0).end();
  }

  void brk(Track t, long addr, long result) {
    t.ev(158, 1).i64(addr).end();
    t.clock += rng.lat(1_500);
    Proc p = t.proc;
    t.ev(159, 4).i64(result).u32(p.vmSize).u32(p.vmRss).u32(p.vmSwap).end();
  }

  // ---- network ----------------------------------------------------------------------------------

  /** socket(2): {@code type} as the kernel takes it (with SOCK_NONBLOCK/SOCK_CLOEXEC bits). */
  long socket(Track t, int domain, int type, int proto) {
    t.ev(18, 3).u32(domain).u32(type).u32(proto).end();
    t.clock += rng.lat(6_000);
    long fd = t.proc.fds.allocate(t.clock);
    t.ev(19, 1).i64(fd).end();
    return fd;
  }

  /** connect(2) to an IPv4 address; the exit's tuple names both ends. */
  long connect(Track t, long fd, byte[] lip, int lport, byte[] rip, int rport, int errno, long latency) {
    t.ev(22, 2).i64(fd).sockaddr4(rip, rport).end();
    t.clock += latency;
    t.ev(23, 2).i64(-errno).tuple4(lip, lport, rip, rport).end();
    return -errno;
  }

  void acceptEnter(Track t) {
    t.ev(248, 1).u32(SOCK_NONBLOCK).end();
  }

  /** accept4 exit: the client is the tuple's source. */
  long acceptExit(Track t, byte[] cip, int cport, byte[] lip, int lport, int queueLen) {
    long fd = t.proc.fds.allocate(t.clock);
    t.ev(249, 5).i64(fd).tuple4(cip, cport, lip, lport).u8(queueLen * 100 / 511).u32(queueLen).u32(511).end();
    return fd;
  }

  /** sendto(2) with a destination tuple (UDP) or on a connected socket (tuple = local->peer). */
  void sendto(Track t, long fd, byte[] sip, int sport, byte[] dip, int dport, long res, byte[] data, int dataLen,
      long latency) {
    t.ev(30, 3).i64(fd).u32((int) res).tuple4(sip, sport, dip, dport).end();
    t.clock += latency;
    t.ev(31, 2).i64(res).bytes(data, 0, snap(dataLen, res)).end();
  }

  void recvfromEnter(Track t, long fd, int size) {
    t.ev(34, 2).i64(fd).u32(size).end();
  }

  /** recvfrom exit: the tuple is the sender to the receiver. */
  void recvfromExit(Track t, long res, byte[] data, int dataLen, byte[] sip, int sport, byte[] dip, int dport) {
    EventEncoder e = t.ev(35, 3).i64(res);
    if (res > 0) {
      e.bytes(data, 0, snap(dataLen, res));
    } else {
      e.empty();
    }
    if (sip != null) {
      e.tuple4(sip, sport, dip, dport);
    } else {
      e.empty();
    }
    e.end();
  }

  void recvfrom(Track t, long fd, int size, long res, byte[] data, int dataLen, byte[] sip, int sport, byte[] dip,
      int dport, long latency) {
    recvfromEnter(t, fd, size);
    t.clock += latency;
    recvfromExit(t, res, data, dataLen, sip, sport, dip, dport);
  }

  /** poll(2) waiting for input on {@code fds}. */
  void pollEnter(Track t, long[] fds, int[] events, int n, long timeoutMs) {
    t.ev(80, 2).fdList(fds, events, n).i64(timeoutMs).end();
  }

  void pollExit(Track t, long res, long[] fds, int[] revents, int n) {
    t.ev(81, 2).i64(res).fdList(fds, revents, n).end();
  }

  void epollWaitEnter(Track t) {
    t.ev(78, 1).i64(512).end();
  }

  void epollWaitExit(Track t, long res) {
    t.ev(79, 1).i64(res).end();
  }

  /** The thread goes to sleep for {@code ns} (and off its CPU). */
  void sleepEnter(Track t, long ns) {
    t.ev(134, 1).i64(ns).end();
    switchOut(t);
  }

  /** The sleep ends: after its time, or cut short by a signal ({@code -EINTR}). */
  void sleepExit(Track t, int errno) {
    t.ev(135, 1).i64(-errno).end();
  }

  // ---- scheduler, signals, identity ------------------------------------------------------------

  /** The thread gives up its CPU to the idle task. */
  void switchOut(Track t) {
    Proc p = t.proc;
    t.ev(152, 6).i64(0).i64(p.pfMajor).i64(p.pfMinor).u32(p.vmSize).u32(p.vmRss).u32(p.vmSwap).end();
  }

  /** A page fault of the thread; {@code error} in the driver's PF_* bits. */
  void pageFault(Track t, long addr, long ip, int error) {
    t.proc.pfMinor++;
    t.ev(290, 3).i64(addr).i64(ip).u32(error).end();
  }

  /** A signal delivered to the thread. */
  void signalDelivered(Track t, int spid, int sig) {
    t.ev(232, 3).i64(spid).i64(t.proc.pid).u8(sig).end();
  }

  void kill(Track t, int pid, int sig, int errno) {
    t.ev(128, 2).i64(pid).u8(sig).end();
    t.clock += rng.lat(3_000);
    t.ev(129, 1).i64(-errno).end();
  }

  void setuid(Track t, int uid) {
    t.ev(198, 1).u32(uid).end();
    t.clock += rng.lat(4_000);
    t.ev(199, 1).i64(0).end();
    t.proc.uid = uid;
  }

  void setgid(Track t, int gid) {
    t.ev(200, 1).u32(gid).end();
    t.clock += rng.lat(3_000);
    t.ev(201, 1).i64(0).end();
    t.proc.gid = gid;
  }

  void setsid(Track t) {
    t.ev(274, 0).end();
    t.clock += rng.lat(2_000);
    t.ev(275, 1).i64(t.proc.pid).end();
    t.proc.sid = t.proc.pid;
    t.proc.pgid = t.proc.pid;
  }
}
