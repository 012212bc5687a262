package org.scapsql.reader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked sequential reads inside one block body. Every overrun becomes a
 * {@link CaptureFormatException} naming the byte where the field starts.
 */
final class BlockCursor {
  private final String file;
  private final long base;
  private final ByteBuffer bb;
  private int pos;
  private int end;
  private int entryEnd = -1;
  private int outerEnd;

  BlockCursor(String file, long base, ByteBuffer bb, int pos, int end) {
    this.file = file;
    this.base = base;
    this.bb = bb;
    this.pos = pos;
    this.end = end;
  }

  int pos() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  /**
   * Starts an entry that begins with its u32 length (counting itself or not, as
   * the block version says): reads stop at the entry's end until {@link #endEntry}.
   */
  void beginEntry(String what, boolean lengthIncludesItself, int minimum) throws CaptureFormatException {
    int start = pos;
    long len = Integer.toUnsignedLong(i32(what + " entry length"));
    long total = lengthIncludesItself ? len : len + 4;
    if (len < minimum || total > end - start) {
      pos = start;
      throw error(what + " entry declares " + len + " bytes, which does not fit the block");
    }
    outerEnd = end;
    entryEnd = start + (int) total;
    end = entryEnd;
  }

  /** Skips what is left of the entry (fields from newer writers) and restores the block's end. */
  void endEntry() {
    pos = entryEnd;
    end = outerEnd;
    entryEnd = -1;
  }

  long offset() {
    return base + pos;
  }

  CaptureFormatException error(String what) {
    return new CaptureFormatException(file, base + pos, what);
  }

  private void need(int n, String field) throws CaptureFormatException {
    if (n < 0 || end - pos < n) {
      throw error(field + " needs " + n + " bytes but only " + Math.max(0, end - pos) + " remain");
    }
  }

  int u8(String field) throws CaptureFormatException {
    need(1, field);
    return bb.get(pos++) & 0xFF;
  }

  int u16(String field) throws CaptureFormatException {
    need(2, field);
    int v = bb.getShort(pos) & 0xFFFF;
    pos += 2;
    return v;
  }

  int i32(String field) throws CaptureFormatException {
    need(4, field);
    int v = bb.getInt(pos);
    pos += 4;
    return v;
  }

  long i64(String field) throws CaptureFormatException {
    need(8, field);
    long v = bb.getLong(pos);
    pos += 8;
    return v;
  }

  byte[] bytes(int n, String field) throws CaptureFormatException {
    need(n, field);
    byte[] b = new byte[n];
    bb.get(pos, b, 0, n);
    pos += n;
    return b;
  }

  void skip(int n, String field) throws CaptureFormatException {
    need(n, field);
    pos += n;
  }

  /** A u16 length then that many bytes, cut at the first NUL. */
  String str16(int max, String field) throws CaptureFormatException {
    return decode(raw16(max, field));
  }

  byte[] raw16(int max, String field) throws CaptureFormatException {
    int start = pos;
    int n = u16(field);
    if (n > max) {
      pos = start;
      throw error(field + " declares " + n + " bytes, more than its limit of " + max);
    }
    return bytes(n, field);
  }

  static String decode(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }
}
