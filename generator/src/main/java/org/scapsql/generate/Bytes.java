package org.scapsql.generate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable byte builder for payloads (HTTP headers, log lines, DNS packets)
 * that change with every request, so they can be assembled without creating
 * strings.
 */
final class Bytes {
  byte[] buf;
  int len;

  Bytes(int capacity) {
    buf = new byte[capacity];
  }

  Bytes clear() {
    len = 0;
    return this;
  }

  private void room(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  /** Appends ASCII text (characters above 0x7F are not expected here). */
  Bytes add(String s) {
    int n = s.length();
    room(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  Bytes add(byte[] b) {
    return add(b, 0, b.length);
  }

  Bytes add(byte[] b, int off, int n) {
    room(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  Bytes add(char c) {
    room(1);
    buf[len++] = (byte) c;
    return this;
  }

  Bytes u8(int v) {
    room(1);
    buf[len++] = (byte) v;
    return this;
  }

  /** Big-endian 16 bits, as network protocols want. */
  Bytes be16(int v) {
    room(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  Bytes be32(int v) {
    be16(v >>> 16);
    return be16(v);
  }

  /** Decimal digits of a non-negative number. */
  Bytes num(long v) {
    if (v < 0) {
      add('-');
      v = -v;
    }
    if (v >= 10) {
      num(v / 10);
    }
    return add((char) ('0' + (v % 10)));
  }

  /** Two-digit zero-padded decimal. */
  Bytes num2(int v) {
    return add((char) ('0' + v / 10)).add((char) ('0' + v % 10));
  }

  /** Dotted quad of 4 network-order bytes. */
  Bytes ip(byte[] a) {
    return num(a[0] & 0xFF).add('.').num(a[1] & 0xFF).add('.').num(a[2] & 0xFF).add('.').num(a[3] & 0xFF);
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, len);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** NUL-terminated strings back to back (args, env, cgroups). */
  static byte[] nulList(String... items) {
    StringBuilder sb = new StringBuilder();
    for (String s : items) {
      sb.append(s).append('\0');
    }
    return ascii(sb.toString());
  }
}
