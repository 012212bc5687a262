package org.scapsql.reader;

/** Parameter types of the event table ({@code ppm_param_type}), in wire-number order. */
public enum ParamType {
  NONE, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, CHARBUF, BYTEBUF, ERRNO, SOCKADDR,
  SOCKTUPLE, FD, PID, FDLIST, FSPATH, SYSCALLID, SIGTYPE, RELTIME, ABSTIME, PORT, L4PROTO, SOCKFAMILY,
  BOOL, IPV4ADDR, DYN, FLAGS8, FLAGS16, FLAGS32, UID, GID, DOUBLE, SIGSET, CHARBUFARRAY,
  CHARBUF_PAIR_ARRAY, IPV4NET, IPV6ADDR, IPV6NET, IPADDR, IPNET, MODE, FSRELPATH, ENUMFLAGS8,
  ENUMFLAGS16, ENUMFLAGS32, FD32, PID32;

  private static final ParamType[] VALUES = values();

  /** Byte width of a fixed-size type, or -1 for variable-length types. */
  public int fixedSize() {
    switch (this) {
      case INT8: case UINT8: case SIGTYPE: case L4PROTO: case SOCKFAMILY: case FLAGS8: case ENUMFLAGS8:
        return 1;
      case INT16: case UINT16: case SYSCALLID: case PORT: case FLAGS16: case ENUMFLAGS16:
        return 2;
      case INT32: case UINT32: case BOOL: case IPV4ADDR: case FLAGS32: case UID: case GID: case SIGSET:
      case MODE: case ENUMFLAGS32: case FD32: case PID32:
        return 4;
      case INT64: case UINT64: case ERRNO: case FD: case PID: case RELTIME: case ABSTIME: case DOUBLE:
        return 8;
      case IPV6ADDR:
        return 16;
      default:
        return -1;
    }
  }

  public boolean isFlags() {
    return this == FLAGS8 || this == FLAGS16 || this == FLAGS32;
  }

  public boolean isEnumFlags() {
    return this == ENUMFLAGS8 || this == ENUMFLAGS16 || this == ENUMFLAGS32;
  }

  public static ParamType of(String tsvName) {
    String n = tsvName.startsWith("PT_") ? tsvName.substring(3) : tsvName;
    return valueOf(n);
  }

  public static ParamType byNumber(int n) {
    return VALUES[n];
  }
}
