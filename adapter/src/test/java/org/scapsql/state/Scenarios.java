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

  /** The interfaces a UDP socket's unset end is inferred from. */
  static List<InterfaceInfo> interfaces() {
    return List.of(
        new InterfaceInfo("lo", InterfaceInfo.IPV4, ip("127.0.0.1"), ip("255.0.0.0"), ip("127.0.0.1"), 0),
        new InterfaceInfo("eth0", InterfaceInfo.IPV4, ip("10.0.0.1"), ip("255.255.255.0"), ip("10.0.0.255"), 1000));
  }
}
