package org.scapsql.generate;

/**
 * A process of the simulated host: what sysdig learns about it from the
 * process list and from clone and execve events. Strings are kept as bytes
 * because they are written into events over and over.
 */
final class Proc {
  final int pid;
  /** The pid inside the process's pid namespace (equal to {@link #pid} on the host). */
  final int vpid;
  final Container container;
  final FdTable fds;
  int ptid;
  byte[] comm;
  /** argv[0]. */
  byte[] exe;
  byte[] exepath;
  /** The arguments after argv[0], each NUL-terminated. */
  byte[] args;
  byte[] env;
  byte[] cgroups;
  String cwd;
  int uid;
  int gid;
  int loginuid = -1;
  int tty;
  int sid;
  int pgid;
  long fdlimit = 1024;
  int vmSize = 8000;
  int vmRss = 2000;
  int vmSwap;
  long pfMajor;
  long pfMinor = 100;
  Track main;

  Proc(int pid, int vpid, Container container, FdTable fds) {
    this.pid = pid;
    this.vpid = vpid;
    this.container = container;
    this.fds = fds;
  }
}
