package org.scapsql.generate;

import java.nio.charset.StandardCharsets;

/**
 * Alice's login, once a cycle: sshd accepts her connection and forks, the
 * privileged child authenticates her and forks the session process, which
 * drops to uid 1000 and starts her login shell on /dev/pts/0. Every key she
 * types travels from the ssh socket through the pty to whoever reads the
 * terminal. She runs {@link #COMMANDS} in that order, {@code su}s to root,
 * and as root makes nginx reload with SIGHUP ({@link Commands} plays each command).
 */
final class Session extends Actor {
  /** What alice types, in order; the root shell's lines follow {@code su -}. */
  static final String[] COMMANDS = {"ls -la", "cat todo.txt", "cat notes.txt", "cat /etc/shadow",
      "tar -cf projects.tar projects", "curl -s https://example.com/", "curl http://localhost:9090/metrics",
      "vi hello.c", "gcc -O2 -o hello hello.c", "./hello", "su -"};
  static final String[] ROOT_COMMANDS = {"cat /run/nginx.pid", "kill -HUP 900", "exit"};
  static final byte[] CLIENT_IP = {(byte) 198, 51, 100, 23};
  static final byte[] EXAMPLE_COM = {93, (byte) 184, (byte) 216, 34};
  static final byte[] EXAMPLE_COM6 = {0x26, 0x06, 0x28, 0x00, 0x02, 0x20, 0, 1, 0x02, 0x48, 0x18, (byte) 0x93, 0x25,
      (byte) 0xC8, 0x19, 0x46};
  static final int TTY_PTS0 = 136 << 8;
  static final String PASSWORD_LINE = "Tr0ub4dor&3\n";

  private static final byte[] SERVER_BANNER = Bytes.ascii("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1\r\n");
  private static final byte[] CLIENT_BANNER = Bytes.ascii("SSH-2.0-OpenSSH_9.0\r\n");
  static final byte[] PASSWD = Bytes.ascii("root:x:0:0:root:/root:/bin/bash\n"
      + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n"
      + "alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\n");
  private static final byte[] AUTHORIZED_KEYS = Bytes.ascii(
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH3q9RkJ2x0bWf8sQ1vYcLh5mT7uZpA4eN6dKgS0oXr alice@laptop\n");
  static final byte[] BASHRC = Bytes.ascii("# ~/.bashrc: executed by bash(1) for non-login shells.\n"
      + "case $- in\n    *i*) ;;\n      *) return;;\nesac\nHISTCONTROL=ignoreboth\nshopt -s histappend\n");
  private static final byte[] HISTORY = Bytes.ascii("cd projects\ngit status\nls\ncat todo.txt\nexit\n");
  private static final String PROMPT = "alice@shop-web-01:~$ ";
  static final String ROOT_PROMPT = "root@shop-web-01:~# ";

  private final Host host;
  private final Syscalls sys;
  private final Kernel kernel;
  private final Rng rng;
  private final Timeline time;
  private final Commands commands;
  private final byte[] enc = new byte[64];
  private final byte[] oneKey = new byte[1];
  private long k;

  // The current session's sshd side: the session process, the ssh socket and the pty master it relays between.
  Track s2;
  long sock;
  long ptmx;

  Session(Host host, Syscalls sys, Kernel kernel, Rng rng, Timeline time) {
    this.host = host;
    this.sys = sys;
    this.kernel = kernel;
    this.rng = rng;
    this.time = time;
    this.key = time.at(0, 2.0);
    this.commands = new Commands(this, host, sys, kernel, rng, time);
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  void act() {
    long end = login(key);
    k++;
    key = Math.max(time.at(k, 2.0), end + 1_000_000_000L * Math.max(1, (long) (time.scale * 2)));
  }

  // ---- sshd: accept, authenticate, start the shell ------------------------------------------------

  private long login(long t) {
    Track l = host.sshd;
    l.until(t);
    long[] lfds = {Host.SSHD_LISTEN, 4};
    int[] in = {1, 1};
    sys.pollExit(l, 1, lfds, in, 1);
    sys.acceptEnter(l.think(3_000));
    l.clock += rng.lat(6_000);
    int clientPort = 50_000 + rng.nextInt(10_000);
    long s = sys.acceptExit(l, CLIENT_IP, clientPort, Host.LOCAL_IP, Host.SSH_PORT, 0);
    Track s1 = kernel.fork(l.think(40_000));
    sys.close(l, s);
    sys.pollEnter(l.think(5_000), lfds, in, 2, -1);
    sys.switchOut(l);

    // The privileged child re-executes sshd, exchanges keys and checks alice's key.
    kernel.execve(s1, Program.SSHD, "/usr/sbin/sshd", "-D", "-R");
    sys.close(s1, Host.SSHD_LISTEN);
    sys.close(s1, 4);
    sys.write(s1.think(40_000), s, SERVER_BANNER.length, SERVER_BANNER, SERVER_BANNER.length, rng.lat(15_000));
    sys.read(s1, s, 8_192, CLIENT_BANNER.length, CLIENT_BANNER, CLIENT_BANNER.length, 25_000_000 + rng.lat(2_000_000));
    int[][] kex = {{1_512, 0}, {1_080, 1}, {48, 0}, {564, 1}, {16, 0}, {16, 1}, {52, 0}, {52, 1}, {612, 0}};
    for (int[] m : kex) {
      encrypted(s1, s, m[0], m[1] == 1, m[1] == 1 ? rng.lat(20_000) : 24_000_000 + rng.lat(3_000_000));
    }
    readFile(s1, b("/etc/passwd"), PASSWD);
    readFile(s1, b("/home/alice/.ssh/authorized_keys"), AUTHORIZED_KEYS);
    encrypted(s1, s, 28, true, rng.lat(18_000));
    long lu = sys.openat(s1.think(50_000), b("/proc/self/loginuid"), Syscalls.O_WRONLY, 0, 0, rng.lat(8_000));
    byte[] uid = b("1000");
    sys.write(s1, lu, uid.length, uid, uid.length, rng.lat(7_000));
    sys.close(s1, lu);
    s1.proc.loginuid = Host.UID_ALICE;
    long pt = sys.openat(s1.think(30_000), b("/dev/ptmx"), Syscalls.O_RDWR, 0, 0, rng.lat(20_000));

    // The session process drops to alice's ids and forks her shell.
    Track session = kernel.fork(s1.think(60_000));
    kernel.waitForChild(s1);
    sys.setgid(session.think(20_000), 1000);
    sys.setuid(session.think(10_000), Host.UID_ALICE);
    Track bash = kernel.fork(session.think(50_000));
    sys.setsid(bash.think(10_000));
    long pts = sys.openat(bash.think(10_000), b("/dev/pts/0"), Syscalls.O_RDWR, 0, 0, rng.lat(15_000));
    sys.dup2(bash, pts, 0);
    sys.dup2(bash, pts, 1);
    sys.dup2(bash, pts, 2);
    sys.close(bash, pts);
    sys.close(bash, s);
    sys.close(bash, pt);
    sys.chdir(bash.think(5_000), b("/home/alice"));
    Proc p = bash.proc;
    p.cwd = "/home/alice";
    p.tty = TTY_PTS0;
    p.env = Bytes.nulList("SHELL=/bin/bash", "PWD=/home/alice", "LOGNAME=alice", "HOME=/home/alice", "LANG=C.UTF-8",
        "SSH_CONNECTION=198.51.100.23 " + clientPort + " 10.0.1.15 22", "TERM=xterm-256color", "USER=alice",
        "SHLVL=1", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "SSH_TTY=/dev/pts/0",
        "MAIL=/var/mail/alice");
    p.cgroups = Bytes.nulList("cpuset=/", "cpu=/user.slice", "cpuacct=/user.slice", "blkio=/user.slice",
        "memory=/user.slice/user-1000.slice/session-" + (12 + k) + ".scope", "devices=/user.slice",
        "pids=/user.slice/user-1000.slice/session-" + (12 + k) + ".scope");
    kernel.execve(bash, Program.BASH, "-bash");
    readFile(bash, b("/etc/bash.bashrc"), BASHRC);
    readFile(bash, b("/home/alice/.bashrc"), BASHRC);
    readFile(bash, b("/home/alice/.bash_history"), HISTORY);
    sys.ioctl(bash, 0, 0x5401, 0x7FFC8A2B1C40L, 0);
    sys.ioctl(bash, 0, 0x5413, 0x7FFC8A2B1C60L, 0);

    s2 = session;
    sock = s;
    ptmx = pt;
    s2.until(bash.clock);
    shell(bash, PROMPT, COMMANDS);
    // "exit": the shell says goodbye and ends; sshd tears the session down.
    session.until(bash.clock);
    kernel.reapAsync(session, bash);
    encrypted(session.think(30_000), s, 52, true, rng.lat(15_000));
    sys.close(session, s);
    sys.close(session, pt);
    kernel.exitProcess(session.think(20_000), 0);
    kernel.reap(s1, session);
    sys.close(s1.think(20_000), s);
    kernel.exitProcess(s1.think(10_000), 0);
    l.until(s1.clock + rng.lat(10_000));
    sys.signalDelivered(l, s1.proc.pid, Syscalls.SIGCHLD);
    sys.pollExit(l, -Syscalls.EINTR, lfds, in, 0);
    sys.generic(l.think(3_000), Sc.WAIT4, rng.lat(4_000));
    host.sim.pids.release(s1.tid, l.clock);
    sys.pollEnter(l.think(3_000), lfds, in, 2, -1);
    sys.switchOut(l);
    return l.clock;
  }

  /** A message on the ssh connection: random-looking bytes of the given size. */
  void encrypted(Track t, long fd, int size, boolean write, long latency) {
    int n = Math.min(size, enc.length);
    rng.bytes(enc, 0, n);
    if (write) {
      sys.write(t, fd, size, enc, n, latency);
    } else {
      sys.read(t, fd, 16_384, size, enc, n, latency);
    }
  }

  /** open, fstat, read, read (EOF), close. */
  void readFile(Track t, byte[] path, byte[] content) {
    long fd = sys.openat(t.think(8_000), path, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
    sys.fstat(t, fd);
    sys.read(t, fd, 4_096, content.length, content, content.length, rng.lat(5_000));
    sys.read(t, fd, 4_096, 0, null, 0, rng.lat(1_500));
    sys.close(t, fd);
  }

  // ---- typing -----------------------------------------------------------------------------------

  /**
   * Alice types {@code text}; each key arrives encrypted on the ssh socket, the
   * session process writes it to the pty, the terminal's reader gets it. In
   * line mode (a password prompt) the reader gets the whole line at the end and
   * nothing is echoed.
   */
  void type(Track reader, String text, boolean lineMode, long echoFd, int readSize) {
    byte[] keys = b(text);
    s2.until(reader.clock);
    for (int i = 0; i < keys.length; i++) {
      s2.clock += time.human(rng, i == 0 ? 400 : 90);
      encrypted(s2, sock, 36, false, rng.lat(9_000));
      oneKey[0] = keys[i];
      sys.write(s2, ptmx, 1, oneKey, 1, rng.lat(4_000));
      if (lineMode) {
        continue;
      }
      reader.until(s2.clock + rng.lat(12_000));
      sys.readExit(reader, 1, oneKey, 1);
      byte[] echo = keys[i] == '\r' ? b("\r\n") : oneKey;
      sys.write(reader.think(5_000), echoFd, echo.length, echo, echo.length, rng.lat(6_000));
      if (i < keys.length - 1) {
        sys.readEnter(reader, 0, readSize);
        sys.switchOut(reader);
      }
      s2.until(reader.clock + rng.lat(9_000));
      sys.read(s2, ptmx, 16_384, echo.length, echo, echo.length, rng.lat(3_000));
      encrypted(s2, sock, 36, true, rng.lat(12_000));
    }
    if (lineMode) {
      reader.until(s2.clock + rng.lat(15_000));
      byte[] line = b(text.replace('\r', '\n'));
      sys.readExit(reader, line.length, line, line.length);
    }
  }

  /** The prompt, then a wait for the first key. */
  private void prompt(Track sh, String prompt) {
    byte[] p = b(prompt);
    sys.write(sh.think(30_000), 2, p.length, p, p.length, rng.lat(9_000));
    s2.until(sh.clock);
    sys.read(s2, ptmx, 16_384, p.length, p, p.length, rng.lat(3_000));
    encrypted(s2, sock, 36 + p.length, true, rng.lat(12_000));
    sys.readEnter(sh, 0, 1);
    sys.switchOut(sh);
  }

  /** A shell reading and running lines until "exit" (or the end of the list). */
  void shell(Track sh, String prompt, String[] lines) {
    for (String line : lines) {
      prompt(sh, prompt);
      s2.clock += time.human(rng, 700);
      type(sh, line + "\r", false, 2, 1);
      commands.run(sh, line);
    }
    prompt(sh, prompt);
    s2.clock += time.human(rng, 900);
    type(sh, "exit\r", false, 2, 1);
    byte[] bye = b("logout\n");
    sys.write(sh.think(20_000), 2, bye.length, bye, bye.length, rng.lat(6_000));
    kernel.exitProcess(sh.think(15_000), 0);
  }

  /** Forks a child of the shell that executes {@code prog}; the shell waits for it. */
  Track spawn(Track sh, Program prog, String argv0, String... args) {
    Track c = kernel.fork(sh.think(60_000));
    kernel.waitForChild(sh);
    kernel.execve(c, prog, argv0, args);
    return c;
  }

  void finish(Track sh, Track c, int code) {
    kernel.exitProcess(c.think(10_000), code);
    kernel.reap(sh, c);
  }
}
