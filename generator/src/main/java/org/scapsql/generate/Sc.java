package org.scapsql.generate;

/**
 * Syscalls that drivers of 2016-2022 recorded as generic events: the
 * driver's PPM_SC code (what {@code ID} holds) and the x86-64 syscall number
 * ({@code nativeID}).
 */
enum Sc {
  EXIT(2, 60),
  WAIT4(69, 61),
  FSYNC(72, 74),
  FDATASYNC(90, 75),
  RT_SIGSUSPEND(112, 130),
  EXIT_GROUP(164, 231),
  SET_TID_ADDRESS(169, 218),
  SET_ROBUST_LIST(212, 273),
  ARCH_PRCTL(296, 158),
  STATFS(62, 137);

  final int code;
  final int nr;

  Sc(int code, int nr) {
    this.code = code;
    this.nr = nr;
  }
}
