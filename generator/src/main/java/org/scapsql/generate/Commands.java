package org.scapsql.generate;

import static org.scapsql.generate.Session.b;

/**
 * The commands alice (and root, after {@code su -}) run in the {@link Session}'s
 * shell: each forks a child of the shell that executes the program and does its
 * file, network and terminal I/O, the way the real program would.
 */
final class Commands {
  private static final byte[] SHADOW = Bytes.ascii("root:$6$kP3dX1vQ$9oQ0eYb1uC3mF2aL7tR8sN4wZ6xV5jH0gK1pI9oU8yT7rE6wQ"
      + ":19122:0:99999:7:::\nalice:$6$Zt0qB2nM$w8E5rT2yU1iO9pA7sD6fG4hJ3kL0zX:19122:0:99999:7:::\n");
  private static final byte[] TODO = Bytes.ascii("- renew the TLS certificate for shop.example.com\n"
      + "- find out why postgres checkpoints are slow\n- rotate the nginx logs\n- say hello\n");
  private static final byte[] HELLO_C = Bytes.ascii("#include <stdio.h>\n\nint main(void)\n{\n"
      + "    puts(\"Hello, world!\");\n    return 0;\n}\n");
  private static final byte[] HELLO_C_EDITED = Bytes.ascii("#include <stdio.h>\n\nint main(void)\n{\n"
      + "    puts(\"Hello, world!\");\n    puts(\"Have a nice day!\");\n    return 0;\n}\n");
  private static final byte[] LS_OUTPUT = Bytes.ascii("total 48\n"
      + "drwxr-xr-x 5 alice alice 4096 May 10 07:58 .\ndrwxr-xr-x 4 root  root  4096 Mar  2 11:20 ..\n"
      + "-rw------- 1 alice alice  912 May 10 07:58 .bash_history\n-rw-r--r-- 1 alice alice  220 Mar  2 11:20 .bash_logout\n"
      + "-rw-r--r-- 1 alice alice 3771 Mar  2 11:20 .bashrc\n-rw-r--r-- 1 alice alice  807 Mar  2 11:20 .profile\n"
      + "drwx------ 2 alice alice 4096 Mar  2 11:24 .ssh\n-rw-r--r-- 1 alice alice   80 May  9 17:40 hello.c\n"
      + "drwxr-xr-x 4 alice alice 4096 May  9 16:02 projects\n-rw-r--r-- 1 alice alice  130 May  9 17:42 todo.txt\n");
  private static final String[] HOME_ENTRIES = {".bash_history", ".bash_logout", ".bashrc", ".profile", ".ssh",
      "hello.c", "projects", "todo.txt"};
  private static final String[] PROJECT_FILES = {"projects/README.md", "projects/notes/plan.md",
      "projects/site/nginx-shop.conf"};
  private static final int[] PROJECT_SIZES = {1_214, 2_306, 642};
  private static final byte[] NGINX_CONF = Bytes.ascii("user www-data;\nworker_processes 4;\npid /run/nginx.pid;\n"
      + "include /etc/nginx/modules-enabled/*.conf;\n");
  private static final byte[] RESOLV_CONF = Bytes.ascii("nameserver 10.0.1.2\nsearch shop.internal\n");
  private static final byte[] HOSTS = Bytes.ascii("127.0.0.1 localhost\n127.0.1.1 shop-web-01\n");
  private static final byte[] EXAMPLE_PAGE = Bytes.ascii("<!doctype html>\n<html>\n<head>\n"
      + "    <title>Example Domain</title>\n");
  private static final int EXAMPLE_PAGE_SIZE = 1_256;

  private final Session session;
  private final Host host;
  private final Syscalls sys;
  private final Kernel kernel;
  private final Rng rng;
  private final Timeline time;
  private final Payloads pay = new Payloads();
  private final Bytes buf = new Bytes(256);
  private final Bytes buf2 = new Bytes(256);

  Commands(Session session, Host host, Syscalls sys, Kernel kernel, Rng rng, Timeline time) {
    this.session = session;
    this.host = host;
    this.sys = sys;
    this.kernel = kernel;
    this.rng = rng;
    this.time = time;
  }

  /** Runs what the shell {@code sh} was typed: the child processes and their I/O. */
  void run(Track sh, String line) {
    switch (line) {
      case "ls -la": ls(sh); break;
      case "cat todo.txt": cat(sh, "todo.txt", TODO, 0); break;
      case "cat notes.txt": cat(sh, "notes.txt", null, Syscalls.ENOENT); break;
      case "cat /etc/shadow": cat(sh, "/etc/shadow", sh.proc.uid == 0 ? SHADOW : null, Syscalls.EACCES); break;
      case "cat /run/nginx.pid": cat(sh, "/run/nginx.pid", b("900\n"), 0); break;
      case "tar -cf projects.tar projects": tar(sh); break;
      case "curl -s https://example.com/": curlExample(sh); break;
      case "curl http://localhost:9090/metrics": curlRefused(sh); break;
      case "vi hello.c": vi(sh); break;
      case "gcc -O2 -o hello hello.c": gcc(sh); break;
      case "./hello": hello(sh); break;
      case "su -": su(sh); break;
      case "kill -HUP 900": killHup(sh); break;
      default: throw new IllegalStateException("no script for " + line);
    }
  }

  private void ls(Track sh) {
    Track c = session.spawn(sh, Program.LS, "ls", "-la");
    sys.ioctl(c, 1, 0x5413, 0x7FFD1C2A3B40L, 0);
    long dir = sys.openat(c.think(20_000), b("."), Syscalls.O_RDONLY | Syscalls.O_NONBLOCK | Syscalls.O_DIRECTORY
        | Syscalls.O_CLOEXEC);
    sys.fstat(c, dir);
    sys.getdents64(c, dir, 336);
    for (String e : HOME_ENTRIES) {
      sys.lstat(c.think(2_000), b(e), 0);
    }
    sys.getdents64(c, dir, 0);
    sys.close(c, dir);
    sys.write(c.think(30_000), 1, LS_OUTPUT.length, LS_OUTPUT, LS_OUTPUT.length, rng.lat(15_000));
    session.finish(sh, c, 0);
  }

  private void cat(Track sh, String path, byte[] content, int errno) {
    Track c = session.spawn(sh, Program.CAT, "cat", path);
    long fd = sys.openat(c.think(15_000), b(path), Syscalls.O_RDONLY, 0, content != null ? 0 : errno,
        rng.lat(9_000));
    if (content == null) {
      String msg = "cat: " + path + (errno == Syscalls.ENOENT ? ": No such file or directory\n"
          : ": Permission denied\n");
      byte[] m = b(msg);
      sys.write(c.think(8_000), 2, m.length, m, m.length, rng.lat(10_000));
      session.finish(sh, c, 1);
      return;
    }
    sys.fstat(c, fd);
    sys.read(c, fd, 131_072, content.length, content, content.length, rng.lat(6_000));
    sys.write(c, 1, content.length, content, content.length, rng.lat(12_000));
    sys.read(c, fd, 131_072, 0, null, 0, rng.lat(1_500));
    sys.close(c, fd);
    session.finish(sh, c, 0);
  }

  private void tar(Track sh) {
    Track c = session.spawn(sh, Program.TAR, "tar", "-cf", "projects.tar", "projects");
    long out = sys.openat(c.think(25_000), b("projects.tar"), Syscalls.O_WRONLY | Syscalls.O_CREAT
        | Syscalls.O_TRUNC, 0666, 0, rng.lat(30_000));
    sys.lstat(c, b("projects"), 0);
    long dir = sys.openat(c, b("projects"), Syscalls.O_RDONLY | Syscalls.O_NONBLOCK | Syscalls.O_DIRECTORY
        | Syscalls.O_CLOEXEC);
    sys.fstat(c, dir);
    sys.getdents64(c, dir, 160);
    sys.getdents64(c, dir, 0);
    sys.close(c, dir);
    long total = 0;
    for (int i = 0; i < PROJECT_FILES.length; i++) {
      byte[] path = b(PROJECT_FILES[i]);
      sys.lstat(c.think(4_000), path, 0);
      long fd = sys.openat(c, path, Syscalls.O_RDONLY | Syscalls.O_NONBLOCK | Syscalls.O_CLOEXEC);
      sys.fstat(c, fd);
      buf.clear().add("# ").add(PROJECT_FILES[i]).add("\n\nNotes for the shop site.\n");
      sys.read(c, fd, 10_240, PROJECT_SIZES[i], buf.buf, buf.len, rng.lat(7_000));
      sys.close(c, fd);
      total += 512 + ((PROJECT_SIZES[i] + 511) / 512) * 512;
    }
    long records = Math.max(1, (total + 1024 + 10_239) / 10_240);
    for (long r = 0; r < records; r++) {
      buf.clear().add(PROJECT_FILES[(int) (r % PROJECT_FILES.length)]);
      while (buf.len < 100) {
        buf.u8(0);
      }
      buf.add("0000644\0").add("0001750\0");
      sys.write(c, out, 10_240, buf.buf, buf.len, rng.lat(20_000));
    }
    sys.close(c, out);
    session.finish(sh, c, 0);
  }

  private void curlExample(Track sh) {
    Track c = session.spawn(sh, Program.CURL, "curl", "-s", "https://example.com/");
    session.readFile(c, b("/etc/resolv.conf"), RESOLV_CONF);
    // curl resolves names in a thread of its own.
    Track r = kernel.thread(c.think(40_000));
    sys.pollEnter(c, new long[0], new int[0], 0, 1);
    session.readFile(r, b("/etc/hosts"), HOSTS);
    long udp = sys.socket(r.think(10_000), Syscalls.AF_INET, Syscalls.SOCK_DGRAM | Syscalls.SOCK_NONBLOCK
        | Syscalls.SOCK_CLOEXEC, 0);
    int port = 40_000 + rng.nextInt(20_000);
    int id = rng.nextInt(65_536);
    pay.dnsQuery(buf, id, "example.com", 1);
    pay.dnsQuery(buf2, id + 1, "example.com", 28);
    sys.sendto(r, udp, Host.LOCAL_IP, port, Host.DNS_SERVER, 53, buf.len, buf.buf, buf.len, rng.lat(12_000));
    sys.sendto(r, udp, Host.LOCAL_IP, port, Host.DNS_SERVER, 53, buf2.len, buf2.buf, buf2.len, rng.lat(8_000));
    pay.dnsAnswer(buf, id, "example.com", 1, Session.EXAMPLE_COM);
    pay.dnsAnswer(buf2, id + 1, "example.com", 28, Session.EXAMPLE_COM6);
    sys.recvfrom(r, udp, 2_048, buf.len, buf.buf, buf.len, Host.DNS_SERVER, 53, Host.LOCAL_IP, port,
        rng.lat(1_800_000));
    sys.recvfrom(r, udp, 2_048, buf2.len, buf2.buf, buf2.len, Host.DNS_SERVER, 53, Host.LOCAL_IP, port,
        rng.lat(40_000));
    sys.close(r, udp);
    kernel.exitThread(r.think(20_000));
    c.until(r.clock + rng.lat(20_000));
    sys.pollExit(c, 0, new long[0], new int[0], 0);
    long tcp = sys.socket(c.think(15_000), Syscalls.AF_INET, Syscalls.SOCK_STREAM, 6);
    int lport = 40_000 + rng.nextInt(20_000);
    sys.connect(c, tcp, Host.LOCAL_IP, lport, Session.EXAMPLE_COM, 443, 0, 85_000_000 + rng.lat(4_000_000));
    Payloads.tlsRecord(buf, rng, 0x16, 512);
    sys.write(c.think(300_000), tcp, 517, buf.buf, buf.len, rng.lat(20_000));
    Payloads.tlsRecord(buf, rng, 0x16, 4_091);
    sys.read(c, tcp, 16_709, 4_096, buf.buf, buf.len, 86_000_000 + rng.lat(3_000_000));
    Payloads.tlsRecord(buf, rng, 0x17, 1_369);
    sys.read(c, tcp, 16_709, 1_374, buf.buf, buf.len, rng.lat(200_000));
    Payloads.tlsRecord(buf, rng, 0x17, 93);
    sys.write(c.think(400_000), tcp, 98, buf.buf, buf.len, rng.lat(15_000));
    Payloads.tlsRecord(buf, rng, 0x17, 1_586);
    sys.read(c, tcp, 16_709, 1_591, buf.buf, buf.len, 87_000_000 + rng.lat(3_000_000));
    sys.write(c.think(60_000), 1, EXAMPLE_PAGE_SIZE, EXAMPLE_PAGE, EXAMPLE_PAGE.length, rng.lat(25_000));
    Payloads.tlsRecord(buf, rng, 0x15, 19);
    sys.write(c.think(30_000), tcp, 24, buf.buf, buf.len, rng.lat(12_000));
    sys.close(c, tcp);
    session.finish(sh, c, 0);
  }

  private void curlRefused(Track sh) {
    Track c = session.spawn(sh, Program.CURL, "curl", "http://localhost:9090/metrics");
    session.readFile(c, b("/etc/hosts"), HOSTS);
    long tcp = sys.socket(c.think(20_000), Syscalls.AF_INET, Syscalls.SOCK_STREAM, 6);
    sys.connect(c, tcp, Host.LOOPBACK, 40_000 + rng.nextInt(20_000), Host.LOOPBACK, 9090, Syscalls.ECONNREFUSED,
        rng.lat(60_000));
    sys.close(c, tcp);
    byte[] m = b("curl: (7) Failed to connect to localhost port 9090 after 0 ms: Connection refused\n");
    sys.write(c.think(20_000), 2, m.length, m, m.length, rng.lat(9_000));
    session.finish(sh, c, 7);
  }

  private void vi(Track sh) {
    Track c = session.spawn(sh, Program.VI, "vi", "hello.c");
    long fd = sys.openat(c.think(80_000), b("hello.c"), Syscalls.O_RDONLY);
    sys.fstat(c, fd);
    sys.read(c, fd, 8_192, HELLO_C.length, HELLO_C, HELLO_C.length, rng.lat(6_000));
    sys.read(c, fd, 8_192, 0, null, 0, rng.lat(1_500));
    sys.close(c, fd);
    byte[] swapPath = b(".hello.c.swp");
    long swap = sys.openat(c, swapPath, Syscalls.O_RDWR | Syscalls.O_CREAT | Syscalls.O_EXCL, 0600, 0,
        rng.lat(40_000));
    buf.clear().add("b0VIM 8.2").u8(0).u8(0).u8(0x10).u8(0).add("alice").u8(0);
    sys.write(c, swap, 4_096, buf.buf, buf.len, rng.lat(30_000));
    buf.clear().add("\u001b[?1049h\u001b[22;0;0t\u001b[>4;2m\u001b[?1h\u001b=\u001b[H\u001b[2J").add(HELLO_C);
    sys.write(c.think(100_000), 1, 1_180, buf.buf, buf.len, rng.lat(20_000));
    sys.readEnter(c, 0, 4_096);
    sys.switchOut(c);
    // G O: a new line at the end of main, then the text, Escape, :wq.
    session.s2.clock += time.human(rng, 1_200);
    session.type(c, "5GO    puts(\"Have a nice day!\");\u001b:wq\r", false, 1, 4_096);
    long out = sys.openat(c.think(50_000), b("hello.c"), Syscalls.O_WRONLY | Syscalls.O_CREAT | Syscalls.O_TRUNC,
        0644, 0, rng.lat(25_000));
    sys.write(c, out, HELLO_C_EDITED.length, HELLO_C_EDITED, HELLO_C_EDITED.length, rng.lat(15_000));
    sys.generic(c, Sc.FSYNC, rng.lat(3_000_000));
    sys.close(c, out);
    sys.close(c, swap);
    sys.unlink(c, swapPath, 0);
    buf.clear().add("\"hello.c\" 8L, 110B written\u001b[?1049l");
    sys.write(c.think(20_000), 1, buf.len, buf.buf, buf.len, rng.lat(10_000));
    session.finish(sh, c, 0);
  }

  private String tmpName(String suffix) {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder("/tmp/cc");
    for (int i = 0; i < 6; i++) {
      sb.append(chars.charAt(rng.nextInt(chars.length())));
    }
    return sb.append(suffix).toString();
  }

  private void gcc(Track sh) {
    Track g = session.spawn(sh, Program.GCC, "gcc", "-O2", "-o", "hello", "hello.c");
    String asm = tmpName(".s");
    String obj = tmpName(".o");
    sys.access(g.think(30_000), Program.CC1.path, 1, 0);
    Track cc1 = kernel.fork(g.think(20_000));
    kernel.waitForChild(g);
    kernel.execve(cc1, Program.CC1, "/usr/lib/gcc/x86_64-linux-gnu/11/cc1", "-quiet", "-imultiarch",
        "x86_64-linux-gnu", "hello.c", "-quiet", "-dumpbase", "hello.c", "-dumpbase-ext", ".c", "-mtune=generic",
        "-march=x86-64", "-O2", "-fasynchronous-unwind-tables", "-fstack-protector-strong", "-Wformat",
        "-Wformat-security", "-fstack-clash-protection", "-fcf-protection", "-o", asm);
    session.readFile(cc1, b("hello.c"), HELLO_C_EDITED);
    for (String h : new String[] {"/usr/include/stdio.h", "/usr/include/x86_64-linux-gnu/bits/libc-header-start.h",
        "/usr/include/features.h", "/usr/include/x86_64-linux-gnu/bits/types.h"}) {
      buf.clear().add("/* Define ISO C stdio on top of C++ iostreams.\n   Copyright (C) 1991-2022 Free Software");
      session.readFile(cc1.think(200_000), b(h), buf.toArray());
    }
    long s = sys.openat(cc1.think(9_000_000), b(asm), Syscalls.O_WRONLY | Syscalls.O_CREAT | Syscalls.O_TRUNC, 0666, 0,
        rng.lat(30_000));
    buf.clear().add("\t.file\t\"hello.c\"\n\t.text\n\t.section\t.rodata.str1.1,\"aMS\",@progbits,1\n.LC0:\n");
    sys.write(cc1, s, 642, buf.buf, buf.len, rng.lat(20_000));
    sys.close(cc1, s);
    session.finish(g, cc1, 0);

    Track as = kernel.fork(g.think(40_000));
    kernel.waitForChild(g);
    kernel.execve(as, Program.AS, "as", "--64", "-o", obj, asm);
    buf.clear().add("\t.file\t\"hello.c\"\n\t.text\n\t.section\t.rodata.str1.1,\"aMS\",@progbits,1\n.LC0:\n");
    session.readFile(as, b(asm), buf.toArray());
    long o = sys.openat(as.think(800_000), b(obj), Syscalls.O_RDWR | Syscalls.O_CREAT | Syscalls.O_TRUNC, 0666, 0,
        rng.lat(30_000));
    sys.write(as, o, 1_536, Kernel.elf(), 64, rng.lat(25_000));
    sys.close(as, o);
    session.finish(g, as, 0);

    Track collect2 = kernel.fork(g.think(40_000));
    kernel.waitForChild(g);
    String[] ldArgs = {"-plugin", "/usr/lib/gcc/x86_64-linux-gnu/11/liblto_plugin.so", "--build-id", "--eh-frame-hdr",
        "-m", "elf_x86_64", "--hash-style=gnu", "--as-needed", "-dynamic-linker", "/lib64/ld-linux-x86-64.so.2", "-pie",
        "-z", "now", "-z", "relro", "-o", "hello", "/usr/lib/x86_64-linux-gnu/Scrt1.o",
        "/usr/lib/x86_64-linux-gnu/crti.o", "/usr/lib/gcc/x86_64-linux-gnu/11/crtbeginS.o", obj, "-lc",
        "/usr/lib/gcc/x86_64-linux-gnu/11/crtendS.o", "/usr/lib/x86_64-linux-gnu/crtn.o"};
    kernel.execve(collect2, Program.COLLECT2, "/usr/lib/gcc/x86_64-linux-gnu/11/collect2", ldArgs);
    Track ld = kernel.fork(collect2.think(200_000));
    kernel.waitForChild(collect2);
    kernel.execve(ld, Program.LD, "/usr/bin/ld", ldArgs);
    for (String in : new String[] {"/usr/lib/x86_64-linux-gnu/Scrt1.o", "/usr/lib/x86_64-linux-gnu/crti.o",
        "/usr/lib/gcc/x86_64-linux-gnu/11/crtbeginS.o", obj, "/usr/lib/x86_64-linux-gnu/libc.so",
        "/usr/lib/gcc/x86_64-linux-gnu/11/crtendS.o", "/usr/lib/x86_64-linux-gnu/crtn.o"}) {
      session.readFile(ld.think(150_000), b(in), Kernel.elf());
    }
    long exe = sys.openat(ld.think(2_000_000), b("hello"), Syscalls.O_RDWR | Syscalls.O_CREAT | Syscalls.O_TRUNC,
        0777, 0, rng.lat(35_000));
    sys.write(ld, exe, 15_960, Kernel.elf(), 64, rng.lat(60_000));
    sys.fchmod(ld, exe, 0755);
    sys.close(ld, exe);
    session.finish(collect2, ld, 0);
    session.finish(g, collect2, 0);
    sys.unlink(g.think(20_000), b(obj), 0);
    sys.unlink(g, b(asm), 0);
    session.finish(sh, g, 0);
  }

  private void hello(Track sh) {
    Track c = session.spawn(sh, Program.HELLO, "./hello");
    byte[] out = b("Hello, world!\nHave a nice day!\n");
    sys.fstat(c.think(20_000), 1);
    sys.write(c, 1, out.length, out, out.length, rng.lat(14_000));
    session.finish(sh, c, 0);
  }

  private void su(Track sh) {
    Track su = session.spawn(sh, Program.SU, "su", "-");
    session.readFile(su, b("/etc/passwd"), Session.PASSWD);
    byte[] ask = b("Password: ");
    sys.write(su.think(300_000), 2, ask.length, ask, ask.length, rng.lat(10_000));
    sys.ioctl(su, 0, 0x5402, 0x7FFE2B3C4D50L, 0);
    sys.readEnter(su, 0, 511);
    sys.switchOut(su);
    session.s2.until(su.clock);
    sys.read(session.s2, session.ptmx, 16_384, ask.length, ask, ask.length, rng.lat(3_000));
    session.encrypted(session.s2, session.sock, 52, true, rng.lat(12_000));
    session.s2.clock += time.human(rng, 1_000);
    session.type(su, Session.PASSWORD_LINE.replace('\n', '\r'), true, 2, 511);
    byte[] nl = b("\n");
    sys.write(su.think(20_000), 2, 1, nl, 1, rng.lat(6_000));
    // su is set-uid root: it can read the shadow file, then becomes root for good.
    session.readFile(su.think(1_500_000), b("/etc/shadow"), SHADOW);
    sys.setgid(su.think(30_000), 0);
    sys.setuid(su.think(10_000), 0);
    Track root = kernel.fork(su.think(80_000));
    kernel.waitForChild(su);
    sys.chdir(root.think(10_000), b("/root"));
    Proc p = root.proc;
    p.cwd = "/root";
    p.env = Bytes.nulList("HOME=/root", "SHELL=/bin/bash", "USER=root", "LOGNAME=root", "TERM=xterm-256color",
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "MAIL=/var/mail/root");
    kernel.execve(root, Program.BASH, "-bash");
    session.readFile(root, b("/etc/bash.bashrc"), Session.BASHRC);
    session.readFile(root, b("/root/.bashrc"), Session.BASHRC);
    session.shell(root, Session.ROOT_PROMPT,
        java.util.Arrays.copyOf(Session.ROOT_COMMANDS, Session.ROOT_COMMANDS.length - 1));
    kernel.reap(su, root);
    session.finish(sh, su, 0);
  }

  /** The shell's builtin kill; nginx's master re-reads its configuration. */
  private void killHup(Track sh) {
    sys.kill(sh.think(40_000), Host.NGINX_MASTER, Syscalls.SIGHUP, 0);
    Track m = host.nginxMaster;
    m.until(sh.clock + rng.lat(20_000));
    sys.signalDelivered(m, sh.proc.pid, Syscalls.SIGHUP);
    sys.genericExit(m, Sc.RT_SIGSUSPEND);
    session.readFile(m.think(40_000), b("/etc/nginx/nginx.conf"), NGINX_CONF);
    session.readFile(m.think(20_000), b("/etc/nginx/sites-enabled/shop"), NGINX_CONF);
    pay.errorLogTime(buf.clear(), m.clock);
    buf.add(" [notice] 900#900: signal 1 (SIGHUP) received from ").num(sh.proc.pid)
        .add(", reconfiguring\n");
    sys.write(m.think(30_000), 4, buf.len, buf.buf, buf.len, rng.lat(9_000));
    sys.genericEnter(m.think(5_000), Sc.RT_SIGSUSPEND);
    sys.switchOut(m);
  }
}
