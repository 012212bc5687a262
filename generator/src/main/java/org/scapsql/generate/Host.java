package org.scapsql.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scapsql.reader.FdEntry;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.MachineInfo;
import org.scapsql.reader.ThreadEntry;
import org.scapsql.reader.UserInfo;

/**
 * The simulated machine as it is when the capture starts: a small Ubuntu web
 * host running nginx, PostgreSQL, sshd, cron and one docker container. Builds
 * the process and fd tables that open the capture (every pid and fd an event
 * refers to later is either here or created by an event) and keeps handles on
 * the threads the story drives.
 */
final class Host {
  static final int CPUS = 4;
  static final String HOSTNAME = "shop-web-01";
  /** 2022-05-10T08:00:00Z, when the capture starts. */
  static final long START = 1_652_169_600_000_000_000L;

  static final byte[] LOCAL_IP = {10, 0, 1, 15};
  static final byte[] LOOPBACK = {127, 0, 0, 1};
  static final byte[] DOCKER_BRIDGE = {(byte) 172, 17, 0, 1};
  static final byte[] CONTAINER_IP = {(byte) 172, 17, 0, 2};
  static final byte[] DNS_SERVER = {10, 0, 1, 2};
  static final byte[] CACHE_SERVER = {10, 0, 1, 30};
  static final byte[] ANY = {0, 0, 0, 0};
  static final byte[] ANY6 = new byte[16];
  static final int HTTP_PORT = 80;
  static final int SSH_PORT = 22;
  static final int PG_PORT = 5432;
  static final int API_PORT = 8080;

  static final int UID_ALICE = 1000;
  static final int UID_WWW = 33;
  static final int UID_POSTGRES = 113;
  static final int GID_POSTGRES = 120;

  static final String CONTAINER_ID = "3f9c6b1e2a7d4c58b0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7";
  static final String CONTAINER_NAME = "shop-api";
  static final String CONTAINER_IMAGE = "registry.example.com/shop/api:1.4.2";

  static final int NGINX_MASTER = 900;
  static final int NGINX_WORKERS = 4;
  static final int PG_BACKENDS = 4;
  /** Local ports of the app's pooled connections to PostgreSQL. */
  static final int POOL_PORT = 41822;

  // Fds the story relies on.
  static final int NGINX_ACCESS_LOG = 5;
  static final int NGINX_LISTEN = 6;
  static final int PG_WAL = 3;
  static final int PG_CLIENT = 9;
  static final int APP_LISTEN = 3;
  static final int APP_POOL = 4;
  static final int SSHD_LISTEN = 3;

  final Sim sim;
  final Container container = new Container(CONTAINER_ID, CONTAINER_NAME, CONTAINER_IMAGE, 12);
  final List<ThreadEntry> threads = new ArrayList<>();
  final Map<Long, List<FdEntry>> fds = new LinkedHashMap<>();
  private long inode = 21_000;

  Track sshd;
  Track cron;
  Track nginxMaster;
  final Track[] nginxWorkers = new Track[NGINX_WORKERS];
  Track pgCheckpointer;
  Track pgWalWriter;
  final Track[] pgBackends = new Track[PG_BACKENDS];
  Track appMain;
  Track appJobs;

  Host(Sim sim) {
    this.sim = sim;
    build();
  }

  static MachineInfo machine() {
    return new MachineInfo(CPUS, 8_342_765_568L, Pids.PID_MAX, HOSTNAME, 0, 0);
  }

  static List<InterfaceInfo> interfaces() {
    byte[] v6lo = new byte[16];
    v6lo[15] = 1;
    byte[] v6mask = new byte[16];
    Arrays.fill(v6mask, (byte) 0xFF);
    return List.of(
        new InterfaceInfo("lo", InterfaceInfo.IPV4, LOOPBACK, ip(255, 0, 0, 0), ip(127, 255, 255, 255), 0),
        new InterfaceInfo("eth0", InterfaceInfo.IPV4, LOCAL_IP, ip(255, 255, 255, 0), ip(10, 0, 1, 255), 10_000),
        new InterfaceInfo("docker0", InterfaceInfo.IPV4, DOCKER_BRIDGE, ip(255, 255, 0, 0), ip(172, 17, 255, 255),
            10_000),
        new InterfaceInfo("lo", InterfaceInfo.IPV6, v6lo, v6mask, v6lo, 0));
  }

  static List<UserInfo> users() {
    return List.of(
        user(0, 0, "root", "/root", "/bin/bash"),
        user(1, 1, "daemon", "/usr/sbin", "/usr/sbin/nologin"),
        user(2, 2, "bin", "/bin", "/usr/sbin/nologin"),
        user(33, 33, "www-data", "/var/www", "/usr/sbin/nologin"),
        user(100, 102, "systemd-network", "/run/systemd", "/usr/sbin/nologin"),
        user(104, 110, "syslog", "/home/syslog", "/usr/sbin/nologin"),
        user(105, 65534, "sshd", "/run/sshd", "/usr/sbin/nologin"),
        user(UID_POSTGRES, GID_POSTGRES, "postgres", "/var/lib/postgresql", "/bin/bash"),
        user(UID_ALICE, 1000, "alice", "/home/alice", "/bin/bash"),
        user(1001, 1001, "bob", "/home/bob", "/bin/bash"),
        user(65534, 65534, "nobody", "/nonexistent", "/usr/sbin/nologin"));
  }

  static List<GroupInfo> groups() {
    String[][] g = {{"0", "root"}, {"1", "daemon"}, {"2", "bin"}, {"4", "adm"}, {"5", "tty"}, {"27", "sudo"},
        {"33", "www-data"}, {"100", "users"}, {"102", "systemd-network"}, {"110", "syslog"}, {"120", "postgres"},
        {"121", "ssl-cert"}, {"998", "docker"}, {"1000", "alice"}, {"1001", "bob"}, {"65534", "nogroup"}};
    List<GroupInfo> out = new ArrayList<>();
    for (String[] x : g) {
      out.add(new GroupInfo(Long.parseLong(x[0]), x[1], ""));
    }
    return out;
  }

  private static UserInfo user(long uid, long gid, String name, String home, String shell) {
    return new UserInfo(uid, gid, name, home, shell, "");
  }

  static byte[] ip(int a, int b, int c, int d) {
    return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
  }

  /** The container event (JSON) that opens the capture, as libsinsp 0.29 wrote it. */
  String containerJson() {
    return "{\"container\":{\"Mounts\":[{\"Destination\":\"/app/cache\",\"Mode\":\"\",\"Propagation\":\"rprivate\","
        + "\"RW\":true,\"Source\":\"/var/lib/docker/volumes/shop-api-cache/_data\"}],\"cpu_period\":100000,"
        + "\"cpu_quota\":0,\"cpu_shares\":1024,\"env\":[],\"id\":\"" + container.shortId() + "\",\"image\":\""
        + CONTAINER_IMAGE + "\",\"imagedigest\":\"sha256:5d1c0f6e8a2b4c7d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f\","
        + "\"imageid\":\"9b2e8f71c3a04d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6\","
        + "\"imagerepo\":\"registry.example.com/shop/api\",\"imagetag\":\"1.4.2\",\"ip\":\"172.17.0.2\","
        + "\"is_pod_sandbox\":false,\"labels\":{\"maintainer\":\"shop team <ops@shop.example.com>\"},"
        + "\"memory_limit\":536870912,\"metadata_deadline\":0,\"name\":\"" + CONTAINER_NAME + "\","
        + "\"port_mappings\":[{\"ContainerPort\":8080,\"HostIp\":0,\"HostPort\":8080}],\"privileged\":false,"
        + "\"swap_limit\":0,\"type\":0}}\n";
  }

  // ---- building the initial tables -------------------------------------------------------------

  private static List<String> cgroupsOf(String unit) {
    String p = unit.isEmpty() ? "/" : "/system.slice/" + unit;
    return List.of("cpuset=/", "cpu=" + p, "cpuacct=" + p, "blkio=" + p, "memory=" + p, "devices=" + p, "pids=" + p);
  }

  private static byte[] nul(List<String> items) {
    return Bytes.nulList(items.toArray(new String[0]));
  }

  private static final List<String> DAEMON_ENV = List.of("LANG=C.UTF-8",
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

  /** A process with its main thread (and further threads) as /proc shows them. */
  private Proc process(int pid, int ptid, String comm, String exepath, String exe, List<String> args, String cwd,
      int uid, int gid, List<String> cgroups, int vpid, long clock, String... threadComms) {
    sim.pids.reserve(pid);
    Container c = vpid != pid ? container : null;
    Proc p = new Proc(pid, vpid, c, new FdTable());
    p.ptid = ptid;
    p.comm = Bytes.ascii(comm);
    p.exe = Bytes.ascii(exe);
    p.exepath = Bytes.ascii(exepath);
    p.args = nul(args);
    p.env = nul(DAEMON_ENV);
    p.cgroups = c != null ? c.cgroups : nul(cgroups);
    p.cwd = cwd;
    p.uid = uid;
    p.gid = gid;
    p.sid = pid;
    p.pgid = pid;
    p.fdlimit = 1024;
    p.vmSize = 20_000 + (pid * 7919) % 200_000;
    p.vmRss = p.vmSize / 5;
    Track main = new Track(sim, pid, vpid, p, pid % CPUS, clock);
    p.main = main;
    List<String> cg = c != null ? containerCgroups() : cgroups;
    threads.add(entry(p, pid, vpid, comm, args, cwd, 0, cg));
    fds.put((long) pid, new ArrayList<>());
    for (int i = 0; i < threadComms.length; i++) {
      int tid = pid + 1 + i;
      sim.pids.reserve(tid);
      int vtid = c != null ? vpid + 1 + i : tid;
      threads.add(entry(p, tid, vtid, threadComms[i], args, cwd, 0x2001, cg));
      fds.put((long) tid, List.of());
    }
    return p;
  }

  private List<String> containerCgroups() {
    String p = "/docker/" + CONTAINER_ID;
    return List.of("cpuset=" + p, "cpu=" + p, "cpuacct=" + p, "blkio=" + p, "memory=" + p, "devices=" + p,
        "pids=" + p);
  }

  private static ThreadEntry entry(Proc p, int tid, int vtid, String comm, List<String> args, String cwd, int flags,
      List<String> cgroups) {
    return new ThreadEntry(tid, p.pid, p.ptid, p.sid, p.pgid, comm, str(p.exe), str(p.exepath), args, cwd, p.fdlimit,
        flags, p.uid, p.gid, p.vmSize, p.vmRss, 0, p.pfMajor, p.pfMinor + tid % 977, DAEMON_ENV, vtid, p.vpid,
        cgroups, "/", p.loginuid & 0xFFFFFFFFL, 0, -1);
  }

  private static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private Track threadTrack(Proc p, int index) {
    int tid = p.pid + 1 + index;
    int vtid = p.container != null ? p.vpid + 1 + index : tid;
    return new Track(sim, tid, vtid, p, tid % CPUS, START);
  }

  // fd entries; each also marks the fd as open in the process's table

  private void add(Proc p, FdEntry e) {
    p.fds.use((int) e.fd());
    fds.get((long) p.pid).add(e);
  }

  private void file(Proc p, int fd, String path, int flags) {
    add(p, new FdEntry(p.pid, fd, inode++, FdEntry.FILE_V2, path, flags, null, 0, null, 0, 0, 0, 0));
  }

  private void devNull(Proc p, int... fdNums) {
    for (int fd : fdNums) {
      file(p, fd, "/dev/null", Syscalls.O_RDWR);
    }
  }

  private void named(Proc p, int fd, int type, String name) {
    add(p, new FdEntry(p.pid, fd, inode++, type, name, 0, null, 0, null, 0, 0, 0, 0));
  }

  private void listen4(Proc p, int fd, byte[] ip, int port) {
    add(p, new FdEntry(p.pid, fd, inode++, FdEntry.IPV4_SERVSOCK, "", 0, ip, port, null, 0, 2, 0, 0));
  }

  private void listen6(Proc p, int fd, int port) {
    add(p, new FdEntry(p.pid, fd, inode++, FdEntry.IPV6_SERVSOCK, "", 0, ANY6, port, null, 0, 2, 0, 0));
  }

  /** A connected TCP socket; /proc names the local end first. */
  private void tcp4(Proc p, int fd, byte[] lip, int lport, byte[] rip, int rport) {
    add(p, new FdEntry(p.pid, fd, inode++, FdEntry.IPV4_SOCK, "", 0, lip, lport, rip, rport, 2, 0, 0));
  }

  private void unix(Proc p, int fd, String name, long src, long dst) {
    add(p, new FdEntry(p.pid, fd, inode++, FdEntry.UNIX_SOCK, name, 0, null, 0, null, 0, 0, src, dst));
  }

  private void build() {
    long t = START;
    Proc systemd = process(1, 0, "systemd", "/usr/lib/systemd/systemd", "/sbin/init",
        List.of("splash"), "/", 0, 0, cgroupsOf(""), 1, t);
    devNull(systemd, 0, 1, 2);
    named(systemd, 3, FdEntry.EVENTPOLL, "anon_inode:[eventpoll]");
    named(systemd, 4, FdEntry.SIGNALFD, "anon_inode:[signalfd]");
    unix(systemd, 5, "/run/systemd/notify", 0xffff8f2a41c3a000L, 0);
    process(2, 0, "kthreadd", "", "", List.of(), "/", 0, 0, cgroupsOf(""), 2, t);
    for (int k : new int[] {9, 13, 18}) {
      process(k, 2, k == 9 ? "ksoftirqd/0" : k == 13 ? "migration/0" : "ksoftirqd/1", "", "", List.of(), "/", 0, 0,
          cgroupsOf(""), k, t);
    }
    Proc journald = process(385, 1, "systemd-journal", "/usr/lib/systemd/systemd-journald",
        "/lib/systemd/systemd-journald", List.of(), "/", 0, 0, cgroupsOf("systemd-journald.service"), 385, t);
    devNull(journald, 0, 1, 2);
    file(journald, 3, "/var/log/journal/7c1e4b2f9a0d4e3b8c6a5d4f3e2b1a09/system.journal", Syscalls.O_RDWR);
    Proc rsyslog = process(612, 1, "rsyslogd", "/usr/sbin/rsyslogd", "/usr/sbin/rsyslogd",
        List.of("-n", "-iNONE"), "/", 104, 110, cgroupsOf("rsyslog.service"), 612, t,
        "in:imuxsock", "in:imklog", "rs:main Q:Reg");
    devNull(rsyslog, 0);
    file(rsyslog, 7, "/var/log/syslog", Syscalls.O_WRONLY | Syscalls.O_APPEND | Syscalls.O_CREAT);
    file(rsyslog, 8, "/var/log/auth.log", Syscalls.O_WRONLY | Syscalls.O_APPEND | Syscalls.O_CREAT);

    Proc crond = process(640, 1, "cron", "/usr/sbin/cron", "/usr/sbin/cron", List.of("-f"), "/var/spool/cron", 0, 0,
        cgroupsOf("cron.service"), 640, t);
    devNull(crond, 0, 1, 2);
    file(crond, 3, "/run/crond.pid", Syscalls.O_RDWR | Syscalls.O_CREAT);
    cron = crond.main;

    Proc sshdProc = process(655, 1, "sshd", "/usr/sbin/sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups",
        List.of(), "/", 0, 0, cgroupsOf("ssh.service"), 655, t);
    devNull(sshdProc, 0, 1, 2);
    listen4(sshdProc, SSHD_LISTEN, ANY, SSH_PORT);
    listen6(sshdProc, 4, SSH_PORT);
    sshd = sshdProc.main;

    Proc containerd = process(688, 1, "containerd", "/usr/bin/containerd", "/usr/bin/containerd", List.of(), "/", 0, 0,
        cgroupsOf("containerd.service"), 688, t, "containerd", "containerd", "containerd", "containerd");
    devNull(containerd, 0, 1, 2);
    unix(containerd, 7, "/run/containerd/containerd.sock", 0xffff8f2a4d6e1800L, 0);
    Proc dockerd = process(702, 1, "dockerd", "/usr/bin/dockerd", "/usr/bin/dockerd",
        List.of("-H", "fd://", "--containerd=/run/containerd/containerd.sock"), "/", 0, 0,
        cgroupsOf("docker.service"), 702, t, "dockerd", "dockerd", "dockerd", "dockerd", "dockerd", "dockerd");
    devNull(dockerd, 0, 1, 2);
    unix(dockerd, 3, "/run/docker.sock", 0xffff8f2a4d6e2c00L, 0);
    unix(dockerd, 9, "", 0xffff8f2a4d6e3400L, 0xffff8f2a4d6e1800L);

    // PostgreSQL 14: the postmaster, its auxiliary processes, and four backends serving the container's pool.
    String pgData = "/var/lib/postgresql/14/main";
    List<String> pgUnit = cgroupsOf("system-postgresql.slice/postgresql@14-main.service");
    Proc pg = process(880, 1, "postgres", "/usr/lib/postgresql/14/bin/postgres", "/usr/lib/postgresql/14/bin/postgres",
        List.of("-D", pgData, "-c", "config_file=/etc/postgresql/14/main/postgresql.conf"), pgData, UID_POSTGRES,
        GID_POSTGRES, pgUnit, 880, t);
    pgStdio(pg);
    listen4(pg, 3, LOOPBACK, PG_PORT);
    listen4(pg, 4, DOCKER_BRIDGE, PG_PORT);
    unix(pg, 6, "/var/run/postgresql/.s.PGSQL.5432", 0xffff8f2a52a01c00L, 0);
    named(pg, 7, FdEntry.FIFO, "pipe:[24116]");
    String[] aux = {"checkpointer", "background writer", "walwriter", "autovacuum launcher", "stats collector",
        "logical replication launcher"};
    Proc[] auxProcs = new Proc[aux.length];
    for (int i = 0; i < aux.length; i++) {
      Proc a = process(884 + i, 880, "postgres", "/usr/lib/postgresql/14/bin/postgres", "postgres: 14/main: " + aux[i]
          + " ", List.of(), pgData, UID_POSTGRES, GID_POSTGRES, pgUnit, 884 + i, t);
      pgStdio(a);
      auxProcs[i] = a;
    }
    pgCheckpointer = auxProcs[0].main;
    pgWalWriter = auxProcs[2].main;
    file(auxProcs[2], PG_WAL, pgData + "/pg_wal/000000010000000000000042", Syscalls.O_RDWR | Syscalls.O_CLOEXEC);
    for (int i = 0; i < PG_BACKENDS; i++) {
      Proc b = process(950 + i, 880, "postgres", "/usr/lib/postgresql/14/bin/postgres",
          "postgres: 14/main: shop shop 172.17.0.2(" + (POOL_PORT + i) + ") idle", List.of(), pgData, UID_POSTGRES,
          GID_POSTGRES, pgUnit, 950 + i, t);
      pgStdio(b);
      tcp4(b, PG_CLIENT, DOCKER_BRIDGE, PG_PORT, CONTAINER_IP, POOL_PORT + i);
      pgBackends[i] = b.main;
    }

    // nginx: a master (root) and four workers (www-data) sharing the listening sockets and logs.
    List<String> nginxUnit = cgroupsOf("nginx.service");
    Proc master = process(NGINX_MASTER, 1, "nginx", "/usr/sbin/nginx",
        "nginx: master process /usr/sbin/nginx -g daemon on; master_process on;", List.of(), "/", 0, 0, nginxUnit,
        NGINX_MASTER, t);
    nginxFds(master);
    nginxMaster = master.main;
    for (int i = 0; i < NGINX_WORKERS; i++) {
      Proc w = process(NGINX_MASTER + 1 + i, NGINX_MASTER, "nginx", "/usr/sbin/nginx", "nginx: worker process",
          List.of(), "/", UID_WWW, UID_WWW, nginxUnit, NGINX_MASTER + 1 + i, t);
      nginxFds(w);
      named(w, 10, FdEntry.EVENTPOLL, "anon_inode:[eventpoll]");
      named(w, 11, FdEntry.EVENT, "anon_inode:[eventfd]");
      nginxWorkers[i] = w.main;
    }

    // The container: a shim on the host, the API server (python3, pid 1 inside) and its threads.
    Proc shim = process(1180, 1, "containerd-shim", "/usr/bin/containerd-shim-runc-v2",
        "/usr/bin/containerd-shim-runc-v2", List.of("-namespace", "moby", "-id", CONTAINER_ID, "-address",
            "/run/containerd/containerd.sock"), "/run/containerd/io.containerd.runtime.v2.task/moby/" + CONTAINER_ID,
        0, 0, cgroupsOf(""), 1180, t, "containerd-shim", "containerd-shim");
    devNull(shim, 0, 1, 2);
    named(shim, 12, FdEntry.FIFO, "pipe:[31245]");
    named(shim, 14, FdEntry.FIFO, "pipe:[31246]");
    Proc app = process(1205, 1180, "python3", "/usr/local/bin/python3.10", "python3", List.of("/app/server.py"),
        "/app", 0, 0, List.of(), 1, t, "python3");
    app.env = Bytes.nulList("PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOSTNAME=" + container.shortId(), "LANG=C.UTF-8", "PYTHONUNBUFFERED=1",
        "DATABASE_URL=postgresql://shop@172.17.0.1:5432/shop", "CACHE_URL=redis://cache.shop.internal:6379/0");
    devNull(app, 0);
    named(app, 1, FdEntry.FIFO, "pipe:[31245]");
    named(app, 2, FdEntry.FIFO, "pipe:[31246]");
    listen4(app, APP_LISTEN, ANY, API_PORT);
    for (int i = 0; i < PG_BACKENDS; i++) {
      tcp4(app, APP_POOL + i, CONTAINER_IP, POOL_PORT + i, DOCKER_BRIDGE, PG_PORT);
    }
    appMain = app.main;
    appJobs = threadTrack(app, 0);
  }

  private void pgStdio(Proc p) {
    devNull(p, 0);
    file(p, 1, "/var/log/postgresql/postgresql-14-main.log", Syscalls.O_WRONLY | Syscalls.O_APPEND);
    file(p, 2, "/var/log/postgresql/postgresql-14-main.log", Syscalls.O_WRONLY | Syscalls.O_APPEND);
  }

  private void nginxFds(Proc p) {
    devNull(p, 0, 1);
    file(p, 2, "/var/log/nginx/error.log", Syscalls.O_WRONLY | Syscalls.O_APPEND | Syscalls.O_CREAT);
    unix(p, 3, "", 0xffff8f2a5c310000L + p.pid, 0xffff8f2a5c318000L + p.pid);
    file(p, 4, "/var/log/nginx/error.log", Syscalls.O_WRONLY | Syscalls.O_APPEND | Syscalls.O_CREAT);
    file(p, NGINX_ACCESS_LOG, "/var/log/nginx/access.log", Syscalls.O_WRONLY | Syscalls.O_APPEND | Syscalls.O_CREAT);
    listen4(p, NGINX_LISTEN, ANY, HTTP_PORT);
    listen6(p, 7, HTTP_PORT);
    unix(p, 8, "", 0xffff8f2a5c320000L + p.pid, 0xffff8f2a5c328000L + p.pid);
    unix(p, 9, "", 0xffff8f2a5c330000L + p.pid, 0xffff8f2a5c338000L + p.pid);
  }
}
