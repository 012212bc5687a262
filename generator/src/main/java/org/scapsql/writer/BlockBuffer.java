package org.scapsql.writer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable little-endian byte buffer that blocks are assembled in. Every
 * capture the project knows of is little-endian, and writing one byte order
 * keeps the hot path free of branches. Reused for the life of a writer, so
 * encoding an event allocates nothing once the buffer has reached its working
 * size.
 */
public final class BlockBuffer {
  private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buf;
  private int pos;

  public BlockBuffer(int initialCapacity) {
    if (initialCapacity < 16) {
      throw new IllegalArgumentException("initial capacity must be at least 16 bytes, not " + initialCapacity);
    }
    buf = new byte[initialCapacity];
  }

  /** The backing array; valid until the next write that grows the buffer. */
  public byte[] array() {
    return buf;
  }

  public int position() {
    return pos;
  }

  /** Forgets everything written; the capacity stays. */
  public void clear() {
    pos = 0;
  }

  /** Drops the bytes before {@code from}, moving the rest to the front. */
  public void discardBefore(int from) {
    if (from < 0 || from > pos) {
      throw new IllegalArgumentException("cannot discard up to " + from + " of " + pos + " bytes");
    }
    System.arraycopy(buf, from, buf, 0, pos - from);
    pos -= from;
  }

  /** Forgets the bytes from {@code to} on. */
  public void truncate(int to) {
    if (to < 0 || to > pos) {
      throw new IllegalArgumentException("cannot truncate " + pos + " bytes to " + to);
    }
    pos = to;
  }

  /** Makes room for {@code n} more bytes. */
  public void ensure(int n) {
    if (pos + n > buf.length) {
      grow(n);
    }
  }

  private void grow(int n) {
    long want = Math.max((long) buf.length * 2, (long) pos + n);
    if (want > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("block buffer cannot grow beyond 2 GiB");
    }
    buf = Arrays.copyOf(buf, (int) want);
  }

  public void u8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
  }

  public void u16(int v) {
    ensure(2);
    I16.set(buf, pos, (short) v);
    pos += 2;
  }

  public void u32(int v) {
    ensure(4);
    I32.set(buf, pos, v);
    pos += 4;
  }

  public void u64(long v) {
    ensure(8);
    I64.set(buf, pos, v);
    pos += 8;
  }

  public void bytes(byte[] b) {
    bytes(b, 0, b.length);
  }

  public void bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  public void zeros(int n) {
    ensure(n);
    if (n < 16) {
      for (int i = 0; i < n; i++) {
        buf[pos + i] = 0;
      }
    } else {
      Arrays.fill(buf, pos, pos + n, (byte) 0);
    }
    pos += n;
  }

  /** Reserves {@code n} bytes whose content the caller fills in later (with the set methods). */
  public void skip(int n) {
    ensure(n);
    pos += n;
  }

  /** A u16 length followed by the bytes (the "str16" of the metadata blocks). */
  public void str16(byte[] b) {
    if (b.length > 0xFFFF) {
      throw new IllegalArgumentException("string of " + b.length + " bytes does not fit a 16-bit length");
    }
    u16(b.length);
    bytes(b);
  }

  /** Zero bytes up to the next multiple of 4 (block padding). */
  public void pad4() {
    zeros((4 - (pos & 3)) & 3);
  }

  public void setU16(int at, int v) {
    I16.set(buf, at, (short) v);
  }

  public void setU32(int at, int v) {
    I32.set(buf, at, v);
  }

  public void setU64(int at, long v) {
    I64.set(buf, at, v);
  }

  public int getU32(int at) {
    return (int) I32.get(buf, at);
  }

  public long getU64(int at) {
    return (long) I64.get(buf, at);
  }
}
