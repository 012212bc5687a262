package org.scapsql.generate;

/**
 * cron's minute: it wakes, checks its crontabs, forks a child that runs
 * root's job {@code df -h / >> /var/log/disk-usage.log 2>&1} through
 * {@code /bin/sh -c} (dash execs df in the same process), and reaps the child
 * when SIGCHLD interrupts its sleep.
 */
final class CronJob extends Actor {
  static final String COMMAND = "df -h / >> /var/log/disk-usage.log 2>&1";
  private static final byte[][] CRONTABS = {Bytes.ascii("/etc/crontab"), Bytes.ascii("/etc/cron.d"),
      Bytes.ascii("/var/spool/cron/crontabs")};
  private static final byte[] LOG = Bytes.ascii("/var/log/disk-usage.log");
  private static final byte[] MOUNTINFO = Bytes.ascii("/proc/self/mountinfo");
  private static final byte[] MOUNTS = Bytes.ascii("22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"
      + "23 22 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n");
  private static final byte[] OUTPUT = Bytes.ascii(
      "Filesystem      Size  Used Avail Use% Mounted on\n/dev/vda1        78G   21G   54G  28% /\n");

  private final Host host;
  private final Syscalls sys;
  private final Kernel kernel;
  private final Rng rng;
  private final Timeline time;
  private long k;

  CronJob(Host host, Syscalls sys, Kernel kernel, Rng rng, Timeline time) {
    this.host = host;
    this.sys = sys;
    this.kernel = kernel;
    this.rng = rng;
    this.time = time;
    key = time.at(0, 0.8);
  }

  @Override
  void act() {
    Track cron = host.cron;
    cron.until(key);
    sys.sleepExit(cron, 0);
    for (byte[] tab : CRONTABS) {
      sys.stat(cron.think(5_000), tab, 0);
    }
    Track child = kernel.fork(cron.think(30_000));
    sys.sleepEnter(cron.think(20_000), Timeline.MINUTE - 2_000_000_000L);
    // cron's child runs the job in a grandchild and waits for it.
    Track job = kernel.fork(child.think(40_000));
    kernel.waitForChild(child);
    kernel.execve(job, Program.SH, "/bin/sh", "-c", COMMAND);
    long fd = sys.openat(job.think(20_000), LOG, Syscalls.O_WRONLY | Syscalls.O_CREAT | Syscalls.O_APPEND, 0666, 0,
        rng.lat(15_000));
    sys.dup2(job, fd, 1);
    sys.close(job, fd);
    sys.dup2(job, 1, 2);
    kernel.execve(job.think(25_000), Program.DF, "df", "-h", "/");
    long mi = sys.openat(job.think(30_000), MOUNTINFO, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
    sys.read(job, mi, 1024, MOUNTS.length, MOUNTS, MOUNTS.length, rng.lat(20_000));
    sys.read(job, mi, 1024, 0, null, 0, rng.lat(3_000));
    sys.close(job, mi);
    sys.generic(job.think(10_000), Sc.STATFS, rng.lat(6_000));
    sys.write(job.think(40_000), 1, OUTPUT.length, OUTPUT, OUTPUT.length, rng.lat(12_000));
    kernel.exitProcess(job.think(10_000), 0);
    kernel.reap(child, job);
    kernel.exitProcess(child.think(30_000), 0);
    // SIGCHLD cuts cron's sleep short; it reaps and goes back to sleep until the next minute.
    cron.clock = Math.max(cron.clock, child.clock + rng.lat(15_000));
    sys.signalDelivered(cron, child.proc.pid, Syscalls.SIGCHLD);
    sys.sleepExit(cron, Syscalls.EINTR);
    sys.generic(cron.think(5_000), Sc.WAIT4, rng.lat(4_000));
    host.sim.pids.release(child.tid, cron.clock);
    k++;
    long next = Math.max(time.at(k, 0.8), cron.clock + 1_000_000);
    sys.sleepEnter(cron, next - cron.clock);
    key = next;
  }
}
