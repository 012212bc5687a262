package org.scapsql.reader;

import java.util.List;

/** One row of the event table: what an event type id means. */
public record EventInfo(int id, String name, boolean enter, int category, int flags, List<ParamInfo> params,
    List<ParamInfo> sysdig029Params) {

  // Event flags (ppm_event_flags).
  public static final int EF_CREATES_FD = 1;
  public static final int EF_DESTROYS_FD = 2;
  public static final int EF_USES_FD = 4;
  public static final int EF_READS_FROM_FD = 8;
  public static final int EF_WRITES_TO_FD = 16;
  public static final int EF_MODIFIES_STATE = 32;
  public static final int EF_UNUSED = 64;
  public static final int EF_WAITS = 128;
  public static final int EF_SKIPPARSERESET = 256;
  public static final int EF_OLD_VERSION = 512;
  public static final int EF_LARGE_PAYLOAD = 2048;
  public static final int EF_CONVERTER_MANAGED = 4096;

  // Categories: the low part, then the source bits.
  public static final int EC_IO_READ = 32;
  public static final int EC_IO_WRITE = 33;
  public static final int EC_IO_OTHER = 34;
  public static final int EC_INTERNAL = 256;
  public static final int EC_SYSCALL = 512;
  public static final int EC_TRACEPOINT = 1024;
  public static final int EC_PLUGIN = 2048;
  public static final int EC_METAEVENT = 4096;

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  public List<ParamInfo> params(Dialect d) {
    return d == Dialect.SYSDIG_0_29 ? sysdig029Params : params;
  }

  public int nparams() {
    return params.size();
  }

  public boolean largePayload() {
    return has(EF_LARGE_PAYLOAD);
  }

  public boolean isInternal() {
    return (category & EC_INTERNAL) != 0;
  }

  /** The syscall category without the source bits. */
  public int syscallCategory() {
    return category & 0x1FF;
  }

  public char direction() {
    return enter ? '>' : '<';
  }

  /** Index of the parameter with this name, or -1. */
  public int indexOf(String paramName) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).name().equals(paramName)) {
        return i;
      }
    }
    return -1;
  }
}
