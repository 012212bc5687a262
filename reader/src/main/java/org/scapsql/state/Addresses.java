package org.scapsql.state;

/** Text forms of IP addresses and socket endpoints as sysdig prints them. */
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
}
