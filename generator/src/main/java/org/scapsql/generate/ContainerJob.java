package org.scapsql.generate;

/**
 * The API container's housekeeping thread: once a cycle it forks
 * {@code sh -c "du -sh /app/cache"} (processes of the container: pids of its
 * own namespace, the container's cgroups) and logs the result.
 */
final class ContainerJob extends Actor {
  static final String COMMAND = "du -sh /app/cache";
  private static final byte[] CACHE_DIR = Bytes.ascii("/app/cache");
  private static final byte[][] ENTRIES = {Bytes.ascii("/app/cache/products.json"),
      Bytes.ascii("/app/cache/categories.json"), Bytes.ascii("/app/cache/thumbnails")};
  private static final byte[] OUTPUT = Bytes.ascii("14M\t/app/cache\n");
  private static final byte[] LOG = Bytes.ascii("INFO cache size: 14M\t/app/cache\n");

  private final Host host;
  private final Syscalls sys;
  private final Kernel kernel;
  private final Rng rng;
  private final Timeline time;
  private long k;

  ContainerJob(Host host, Syscalls sys, Kernel kernel, Rng rng, Timeline time) {
    this.host = host;
    this.sys = sys;
    this.kernel = kernel;
    this.rng = rng;
    this.time = time;
    key = time.at(0, 25.0);
  }

  @Override
  void act() {
    Track j = host.appJobs;
    j.until(key);
    sys.sleepExit(j, 0);
    Track c = kernel.fork(j.think(50_000));
    kernel.waitForChild(j);
    kernel.execve(c, Program.SH, "/bin/sh", "-c", COMMAND);
    kernel.execve(c.think(30_000), Program.DU, "du", "-sh", "/app/cache");
    long dir = sys.openat(c.think(20_000), CACHE_DIR, Syscalls.O_RDONLY | Syscalls.O_NONBLOCK
        | Syscalls.O_DIRECTORY | Syscalls.O_CLOEXEC);
    sys.getdents64(c, dir, 120);
    for (byte[] e : ENTRIES) {
      sys.lstat(c.think(3_000), e, 0);
    }
    sys.getdents64(c, dir, 0);
    sys.close(c, dir);
    sys.write(c.think(15_000), 1, OUTPUT.length, OUTPUT, OUTPUT.length, rng.lat(9_000));
    kernel.exitProcess(c.think(8_000), 0);
    kernel.reap(j, c);
    sys.write(j.think(40_000), 2, LOG.length, LOG, LOG.length, rng.lat(7_000));
    k++;
    long next = Math.max(time.at(k, 25.0), j.clock + 1_000_000);
    sys.sleepEnter(j, next - j.clock);
    key = next;
  }
}
