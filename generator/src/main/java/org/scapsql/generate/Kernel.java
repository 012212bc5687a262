package org.scapsql.generate;

/**
 * Process lifecycles as the driver reports them: clone (both the parent's and
 * the child's exit event, with the parameters sysdig builds its thread table
 * from), execve with the dynamic loader's work after it, exit and the parent's
 * reaping. Keeps the simulated pids, fd tables and thread counts consistent
 * with what the events say.
 */
final class Kernel {
  // Clone flags in the driver's encoding (PPM_CL_*).
  static final int CL_FILES = 1;
  static final int CL_FS = 2;
  static final int CL_PARENT_SETTID = 512;
  static final int CL_SIGHAND = 2048;
  static final int CL_SYSVSEM = 4096;
  static final int CL_THREAD = 8192;
  static final int CL_VM = 32768;
  static final int CL_CHILD_CLEARTID = 8388608;
  static final int CL_CHILD_SETTID = 16777216;
  static final int CL_SETTLS = 33554432;

  /** What glibc's fork() passes. */
  static final int FORK_FLAGS = CL_CHILD_CLEARTID | CL_CHILD_SETTID;
  /** What pthread_create() passes. */
  static final int THREAD_FLAGS = CL_VM | CL_FS | CL_FILES | CL_SIGHAND | CL_THREAD | CL_SYSVSEM | CL_SETTLS
      | CL_PARENT_SETTID | CL_CHILD_CLEARTID;

  private static final byte[] LD_SO_PRELOAD = Bytes.ascii("/etc/ld.so.preload");
  private static final byte[] LD_SO_CACHE = Bytes.ascii("/etc/ld.so.cache");
  private static final byte[] EMPTY = new byte[0];
  /** The first bytes of a 64-bit little-endian shared object, as the loader reads them. */
  private static final byte[] ELF_HEADER = elfHeader();

  private static final int PROT_READ = 1;
  private static final int PROT_EXEC = 4;
  private static final int PROT_RW = 3;
  private static final int MAP_PRIVATE = 2;
  private static final int MAP_ANON_PRIVATE = 2 | 8;
  private static final int MAP_DENYWRITE = 1024;
  private static final int PF_USER_READ_NOT_PRESENT = 16 | 8 | 2;
  private static final int PF_USER_WRITE_NOT_PRESENT = 16 | 4 | 2;

  final Sim sim;
  final Syscalls sys;
  private final Rng rng;

  Kernel(Sim sim, Syscalls sys) {
    this.sim = sim;
    this.sys = sys;
    this.rng = sim.rng;
  }

  private static byte[] elfHeader() {
    byte[] b = new byte[64];
    byte[] ident = {0x7F, 'E', 'L', 'F', 2, 1, 1, 3};
    System.arraycopy(ident, 0, b, 0, ident.length);
    b[16] = 3; // ET_DYN
    b[18] = 0x3E; // EM_X86_64
    b[20] = 1;
    b[24] = 0x50;
    b[25] = 0x40;
    b[32] = 0x40;
    b[52] = 0x40;
    b[54] = 0x38;
    b[56] = 14;
    b[58] = 0x40;
    b[60] = 64;
    b[62] = 63;
    return b;
  }

  /** The first bytes of an ELF object (for reads of libraries, objects and executables). */
  static byte[] elf() {
    return ELF_HEADER.clone();
  }

  /** A fresh user-space address in the mmap area. */
  private long mapAddress() {
    return 0x7F0000000000L | ((rng.nextLong() & 0xFFFFFFFL) << 12);
  }

  // ---- clone ------------------------------------------------------------------------------------

  /** fork(): the child is a copy of the parent with its own fd table; returns the child's main thread. */
  Track fork(Track parent) {
    Proc pp = parent.proc;
    int pid = sim.pids.next(parent.clock);
    int vpid = pp.container != null ? pp.container.nextVpid() : pid;
    Proc c = new Proc(pid, vpid, pp.container, pp.fds.copy());
    c.ptid = parent.tid;
    c.comm = pp.comm;
    c.exe = pp.exe;
    c.exepath = pp.exepath;
    c.args = pp.args;
    c.env = pp.env;
    c.cgroups = pp.cgroups;
    c.cwd = pp.cwd;
    c.uid = pp.uid;
    c.gid = pp.gid;
    c.loginuid = pp.loginuid;
    c.tty = pp.tty;
    c.sid = pp.sid;
    c.pgid = pp.pgid;
    c.fdlimit = pp.fdlimit;
    c.vmSize = pp.vmSize;
    c.vmRss = pp.vmRss / 3 + 100;
    c.pfMinor = 1;
    parent.ev(222, 0).end();
    parent.clock += rng.lat(50_000);
    // The parent learns the child's pid as its own namespace numbers it.
    cloneExit(parent, vpid, FORK_FLAGS);
    Track child = new Track(sim, pid, vpid, c, parent.cpu, parent.clock + rng.lat(25_000));
    c.main = child;
    cloneExit(child, 0, FORK_FLAGS);
    return child;
  }

  /** pthread_create(): a new thread of the parent's process, sharing its fd table. */
  Track thread(Track parent) {
    Proc p = parent.proc;
    int tid = sim.pids.next(parent.clock);
    int vtid = p.container != null ? p.container.nextVpid() : tid;
    parent.ev(222, 0).end();
    parent.clock += rng.lat(30_000);
    cloneExit(parent, vtid, THREAD_FLAGS);
    Track child = new Track(sim, tid, vtid, p, rng.nextInt(Host.CPUS), parent.clock + rng.lat(20_000));
    cloneExit(child, 0, THREAD_FLAGS);
    return child;
  }

  /** clone's exit event (sysdig 0.29.3 layout, 20 parameters), seen by {@code t}. */
  private void cloneExit(Track t, long res, int flags) {
    Proc p = t.proc;
    boolean thread = (flags & CL_THREAD) != 0;
    // A thread's parent is its process's parent; a forked child's parent is the thread that forked.
    int ptid = p.ptid;
    t.ev(223, 20).i64(res).str(p.exe).bytes(p.args, 0, p.args.length).i64(t.tid).i64(p.pid).i64(ptid)
        .empty().i64(p.fdlimit).i64(p.pfMajor).i64(p.pfMinor).u32(p.vmSize).u32(p.vmRss).u32(p.vmSwap)
        .str(p.comm).bytes(p.cgroups, 0, p.cgroups.length).u32(flags).u32(p.uid).u32(p.gid).i64(t.vtid)
        .i64(p.vpid).end();
    if (thread && res == 0) {
      t.clock += rng.lat(4_000);
    }
  }

  // ---- execve -----------------------------------------------------------------------------------

  /** execve of {@code prog} with {@code argv0} and arguments, then the loader's work. */
  void execve(Track t, Program prog, String argv0, String... args) {
    Proc p = t.proc;
    t.ev(292, 1).str(prog.path).end();
    t.clock += rng.lat(280_000);
    p.exe = Bytes.ascii(argv0);
    p.args = args.length == 0 ? EMPTY : Bytes.nulList(args);
    p.comm = prog.comm;
    p.exepath = prog.path;
    p.vmSize = prog.vmKb;
    p.vmRss = prog.vmKb / 6;
    p.pfMajor = rng.nextInt(3);
    p.pfMinor = 30 + rng.nextInt(40);
    t.ev(293, 20).i64(0).str(p.exe).bytes(p.args, 0, p.args.length).i64(t.tid).i64(p.pid).i64(p.ptid).empty()
        .i64(p.fdlimit).i64(p.pfMajor).i64(p.pfMinor).u32(p.vmSize).u32(p.vmRss).u32(p.vmSwap).str(p.comm)
        .bytes(p.cgroups, 0, p.cgroups.length).bytes(p.env, 0, p.env.length).u32(p.tty).i64(p.pgid)
        .u32(p.loginuid).u32(0).end();
    loader(t, prog);
  }

  /** What ld.so does before main(): the preload check, the cache, each library. */
  private void loader(Track t, Program prog) {
    long heap = 0x55D000000000L | (rng.nextLong() & 0xFFFFFF000L);
    sys.pageFault(t.think(20_000), heap - 0x200000 + 0x1000, heap - 0x200000 + 0x1a30, PF_USER_READ_NOT_PRESENT);
    sys.brk(t, 0, heap);
    sys.access(t.think(3_000), LD_SO_PRELOAD, 4, Syscalls.ENOENT);
    long cache = sys.openat(t.think(2_000), LD_SO_CACHE, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
    sys.fstat(t, cache);
    long cacheMap = sys.mmap(t, 0, 27_331, PROT_READ, MAP_PRIVATE, cache, 0, mapAddress());
    sys.close(t, cache);
    for (byte[] lib : prog.libs) {
      long fd = sys.openat(t.think(2_500), lib, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
      sys.read(t, fd, 832, 832, ELF_HEADER, ELF_HEADER.length, rng.lat(2_000));
      sys.fstat(t, fd);
      long base = sys.mmap(t, 0, 2_000_000, PROT_READ, MAP_PRIVATE | MAP_DENYWRITE, fd, 0, mapAddress());
      sys.mmap(t, base + 0x28000, 1_400_000, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_DENYWRITE | 4, fd, 0x28000,
          base + 0x28000);
      sys.close(t, fd);
      sys.pageFault(t, base + 0x1000, base + 0x28a40, PF_USER_READ_NOT_PRESENT);
    }
    sys.mmap(t.think(3_000), 0, 12_288, PROT_RW, MAP_ANON_PRIVATE, -1, 0, mapAddress());
    sys.generic(t, Sc.ARCH_PRCTL, rng.lat(1_000));
    sys.generic(t, Sc.SET_TID_ADDRESS, rng.lat(800));
    sys.generic(t, Sc.SET_ROBUST_LIST, rng.lat(800));
    sys.mprotect(t, heap - 0x4000, 16_384, PROT_READ);
    sys.munmap(t, cacheMap, 27_331);
    sys.pageFault(t.think(5_000), heap + 0x10, heap - 0x200000 + 0x4f20, PF_USER_WRITE_NOT_PRESENT);
    t.think(30_000);
  }

  // ---- exit -------------------------------------------------------------------------------------

  /** exit_group() of a single-threaded process, then the kernel's procexit. */
  void exitProcess(Track t, int code) {
    sys.genericEnter(t, Sc.EXIT_GROUP);
    t.clock += rng.lat(45_000);
    procexit(t, (long) code << 8, code);
  }

  /** A thread returning from its start routine. */
  void exitThread(Track t) {
    sys.genericEnter(t, Sc.EXIT);
    t.clock += rng.lat(20_000);
    procexit(t, 0, 0);
    sim.pids.release(t.tid, t.clock);
  }

  private void procexit(Track t, long status, int ret) {
    t.ev(186, 4).i64(status).i64(ret).u8(0).u8(0).end();
    t.exited = true;
  }

  /**
   * The parent, waiting in wait4(), gets SIGCHLD for the child's exit and
   * collects it; the child's pid becomes free.
   */
  void reap(Track parent, Track child) {
    parent.until(child.clock + rng.lat(12_000));
    sys.signalDelivered(parent, child.proc.vpid, Syscalls.SIGCHLD);
    parent.clock += rng.lat(6_000);
    sys.genericExit(parent, Sc.WAIT4);
    sim.pids.release(child.tid, parent.clock);
  }

  /** SIGCHLD arrives while the parent does something else; it then collects the child. */
  void reapAsync(Track parent, Track child) {
    parent.until(child.clock + rng.lat(12_000));
    sys.signalDelivered(parent, child.proc.vpid, Syscalls.SIGCHLD);
    sys.generic(parent.think(8_000), Sc.WAIT4, rng.lat(5_000));
    sim.pids.release(child.tid, parent.clock);
  }

  /** The parent starts waiting for its children. */
  void waitForChild(Track parent) {
    sys.genericEnter(parent, Sc.WAIT4);
    sys.switchOut(parent);
  }
}
