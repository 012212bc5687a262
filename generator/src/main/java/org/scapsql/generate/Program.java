package org.scapsql.generate;

import java.nio.charset.StandardCharsets;

/**
 * An executable of the simulated host: where it lives, the name the kernel
 * gives its processes (the file name, cut to 15 characters as {@code comm} is),
 * the shared libraries the loader maps, and its memory footprint.
 */
final class Program {
  static final String LIBC = "/lib/x86_64-linux-gnu/libc.so.6";

  static final Program BASH = new Program("/bin/bash", 7400, "/lib/x86_64-linux-gnu/libtinfo.so.6", LIBC);
  static final Program SH = new Program("/bin/sh", 2600, LIBC);
  static final Program LS = new Program("/usr/bin/ls", 7200, "/lib/x86_64-linux-gnu/libselinux.so.1", LIBC,
      "/lib/x86_64-linux-gnu/libpcre2-8.so.0");
  static final Program CAT = new Program("/usr/bin/cat", 5600, LIBC);
  static final Program TAR = new Program("/usr/bin/tar", 8100, "/lib/x86_64-linux-gnu/libacl.so.1",
      "/lib/x86_64-linux-gnu/libselinux.so.1", LIBC);
  static final Program CURL = new Program("/usr/bin/curl", 17900, "/lib/x86_64-linux-gnu/libcurl.so.4",
      "/lib/x86_64-linux-gnu/libz.so.1", LIBC, "/lib/x86_64-linux-gnu/libssl.so.3",
      "/lib/x86_64-linux-gnu/libcrypto.so.3");
  static final Program VI = new Program("/usr/bin/vi", 22400, "/lib/x86_64-linux-gnu/libm.so.6",
      "/lib/x86_64-linux-gnu/libtinfo.so.6", "/lib/x86_64-linux-gnu/libselinux.so.1", LIBC);
  static final Program GCC = new Program("/usr/bin/gcc", 6300, LIBC);
  static final Program CC1 = new Program("/usr/lib/gcc/x86_64-linux-gnu/11/cc1", 38200,
      "/lib/x86_64-linux-gnu/libmpc.so.3", "/lib/x86_64-linux-gnu/libmpfr.so.6", "/lib/x86_64-linux-gnu/libgmp.so.10",
      "/lib/x86_64-linux-gnu/libz.so.1", LIBC);
  static final Program AS = new Program("/usr/bin/as", 12100, "/lib/x86_64-linux-gnu/libopcodes-2.38-system.so",
      "/lib/x86_64-linux-gnu/libbfd-2.38-system.so", LIBC);
  static final Program COLLECT2 = new Program("/usr/lib/gcc/x86_64-linux-gnu/11/collect2", 6900, LIBC);
  static final Program LD = new Program("/usr/bin/ld", 14800, "/lib/x86_64-linux-gnu/libbfd-2.38-system.so",
      "/lib/x86_64-linux-gnu/libctf.so.0", LIBC);
  static final Program HELLO = new Program("/home/alice/hello", 2500, LIBC);
  static final Program SU = new Program("/usr/bin/su", 9800, "/lib/x86_64-linux-gnu/libpam.so.0",
      "/lib/x86_64-linux-gnu/libpam_misc.so.0", LIBC);
  static final Program SSHD = new Program("/usr/sbin/sshd", 15200, "/lib/x86_64-linux-gnu/libcrypto.so.3",
      "/lib/x86_64-linux-gnu/libz.so.1", LIBC);
  static final Program DF = new Program("/usr/bin/df", 5800, LIBC);
  static final Program DU = new Program("/usr/bin/du", 5900, LIBC);
  static final Program GZIP = new Program("/usr/bin/gzip", 2800, LIBC);

  final byte[] path;
  final byte[] comm;
  final byte[][] libs;
  final int vmKb;

  Program(String path, int vmKb, String... libs) {
    this.path = path.getBytes(StandardCharsets.UTF_8);
    String name = path.substring(path.lastIndexOf('/') + 1);
    this.comm = name.substring(0, Math.min(15, name.length())).getBytes(StandardCharsets.UTF_8);
    this.libs = new byte[libs.length][];
    for (int i = 0; i < libs.length; i++) {
      this.libs[i] = libs[i].getBytes(StandardCharsets.UTF_8);
    }
    this.vmKb = vmKb;
  }
}
