package org.scapsql.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Text forms of IP addresses, socket endpoints and socket parameters as sysdig prints them. */
public final class Addresses {
  private Addresses() {}

  public static String ipv4(byte[] a, int off) {
    return (a[off] & 0xFF) + "." + (a[off + 1] & 0xFF) + "." + (a[off + 2] & 0xFF) + "." + (a[off + 3] & 0xFF);
  }

  public static String ipv4(byte[] a) {
    return ipv4(a, 0);
  }

  /** RFC 5952 text (inet_ntop): lower case, longest zero run as "::", IPv4-mapped in dotted form. */
  public static String ipv6(byte[] a, int off) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[off + 2 * i] & 0xFF) << 8) | (a[off + 2 * i + 1] & 0xFF);
    }
    boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xFFFF;
    int bestStart = -1;
    int bestLen = 0;
    int groups = mapped ? 6 : 8;
    for (int i = 0; i < groups; ) {
      if (g[i] == 0) {
        int j = i;
        while (j < groups && g[j] == 0) {
          j++;
        }
        if (j - i > bestLen) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestLen < 2) {
      bestStart = -1;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < groups; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    if (mapped) {
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(ipv4(a, off + 12));
    }
    return sb.toString();
  }

  public static String ipv6(byte[] a) {
    return ipv6(a, 0);
  }

  /** True for ::ffff:a.b.c.d and for the all-zero address. */
  public static boolean isV4MappedOrZero(byte[] a, int off) {
    for (int i = 0; i < 10; i++) {
      if (a[off + i] != 0) {
        return false;
      }
    }
    int b10 = a[off + 10] & 0xFF;
    int b11 = a[off + 11] & 0xFF;
    if (b10 == 0xFF && b11 == 0xFF) {
      return true;
    }
    if (b10 != 0 || b11 != 0) {
      return false;
    }
    for (int i = 12; i < 16; i++) {
      if (a[off + i] != 0) {
        return false;
      }
    }
    return true;
  }

  public static String ip(byte[] a) {
    if (a == null) {
      return null;
    }
    return a.length == 4 ? ipv4(a) : ipv6(a);
  }

  public static String endpoint(byte[] ip, int port) {
    return ip(ip) + ":" + port;
  }

  /** A kernel socket pointer as sysdig prints it in unix tuples: lower-case hex, no prefix. */
  public static String hex(long v) {
    return Long.toHexString(v);
  }

  /** Drops every character that is not printable ASCII, as sysdig does for names and paths. */
  public static String printable(String s) {
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c < 0x20 || c > 0x7E) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int j = 0; j < s.length(); j++) {
          char x = s.charAt(j);
          if (x >= 0x20 && x <= 0x7E) {
            sb.append(x);
          }
        }
        return sb.toString();
      }
    }
    return s;
  }

  /** A socket address parameter as sysdig prints it. */
  public static String sockaddr(ByteBuffer bb, int off, int len) {
    int fam = bb.get(off) & 0xFF;
    if (fam == 2 && len >= 7) {
      return Addresses.ipv4(bytes(bb, off + 1, 4)) + ":" + (bb.getShort(off + 5) & 0xFFFF);
    }
    if (fam == 10 && len >= 19) {
      return Addresses.ipv6(bytes(bb, off + 1, 16)) + ":" + (bb.getShort(off + 17) & 0xFFFF);
    }
    if (fam == 1) {
      return printable(cstring(bb, off + 1, len - 1));
    }
    return "family " + fam;
  }

  /** A socket tuple parameter as sysdig prints it. */
  public static String socktuple(ByteBuffer bb, int off, int len) {
    int fam = bb.get(off) & 0xFF;
    if (fam == 2 && len >= 13) {
      return Addresses.ipv4(bytes(bb, off + 1, 4)) + ":" + (bb.getShort(off + 5) & 0xFFFF) + "->"
          + Addresses.ipv4(bytes(bb, off + 7, 4)) + ":" + (bb.getShort(off + 11) & 0xFFFF);
    }
    if (fam == 10 && len >= 37) {
      byte[] s = bytes(bb, off + 1, 16);
      byte[] d = bytes(bb, off + 19, 16);
      int sp = bb.getShort(off + 17) & 0xFFFF;
      int dp = bb.getShort(off + 35) & 0xFFFF;
      if (Addresses.isV4MappedOrZero(s, 0) && Addresses.isV4MappedOrZero(d, 0)) {
        return Addresses.ipv4(s, 12) + ":" + sp + "->" + Addresses.ipv4(d, 12) + ":" + dp;
      }
      return Addresses.ipv6(s) + ":" + sp + "->" + Addresses.ipv6(d) + ":" + dp;
    }
    if (fam == 1 && len >= 17) {
      return Addresses.hex(bb.getLong(off + 1)) + "->" + Addresses.hex(bb.getLong(off + 9)) + " "
          + printable(cstring(bb, off + 17, len - 17));
    }
    return "family " + fam;
  }

  /** {@code n} bytes of the buffer from {@code off}. */
  public static byte[] bytes(ByteBuffer bb, int off, int n) {
    byte[] b = new byte[n];
    bb.get(off, b, 0, n);
    return b;
  }

  static String cstring(ByteBuffer bb, int off, int max) {
    int n = 0;
    while (n < max && bb.get(off + n) != 0) {
      n++;
    }
    return new String(bytes(bb, off, n), StandardCharsets.UTF_8);
  }
}
