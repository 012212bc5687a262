package org.scapsql.adapter.cache;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The constants and the small values of a column-cache file. A file is: an 8-byte
 * magic, the chunks (each {@link CacheLayout#SLOTS} columns in {@link Packing}'s form),
 * a footer (the key it was built for, the capture's first time, its warnings, the four
 * dictionaries and one directory entry per chunk with its CRC and time and number
 * ranges), and a trailer giving the footer's offset, length and CRC. A file whose
 * trailer, footer or any chunk does not check out is damaged and rebuilt (the footer
 * is checked when the file is opened, a chunk's slots when they are first read).
 */
final class CacheFormat {
  static final byte[] MAGIC = {'S', 'C', 'A', 'P', 'C', 'O', 'L', 'S'};
  static final byte[] END = {'S', 'C', 'A', 'P', 'C', 'E', 'N', 'D'};
  /** Bumped whenever the layout or a column's rule changes: older files are then rebuilt. */
  static final int VERSION = 5;
  static final int TRAILER = 8 + 4 + 4 + 8;
  /** Events per chunk: large enough for tight decoding loops, small enough to skip by time. */
  static final int CHUNK = 1 << 16;

  private static final int NULL = 0;
  private static final int LONG = 1;
  private static final int INT = 2;
  private static final int STRING = 3;
  private static final int TRUE = 4;
  private static final int FALSE = 5;

  private CacheFormat() {}

  /** One chunk's place in the file and the ranges it covers (to skip it for a time or number window). */
  record Chunk(long offset, int length, int events, int crc, long minTime, long maxTime, long minNum, long maxNum) {}

  static void writeValue(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    } else if (v instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else {
      throw new IllegalArgumentException("the column cache cannot hold a " + v.getClass().getSimpleName());
    }
  }

  static Object readValue(DataInputStream in) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case NULL: return null;
      case LONG: return in.readLong();
      case INT: return in.readInt();
      case STRING: {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
          throw new IOException("bad string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8).intern();
      }
      case TRUE: return Boolean.TRUE;
      case FALSE: return Boolean.FALSE;
      default: throw new IOException("bad value tag " + tag);
    }
  }

  static void writeTuples(DataOutputStream out, List<Object[]> tuples, int width) throws IOException {
    out.writeInt(tuples.size());
    out.writeInt(width);
    for (Object[] t : tuples) {
      for (Object v : t) {
        writeValue(out, v);
      }
    }
  }

  static List<Object[]> readTuples(DataInputStream in, int expectedWidth) throws IOException {
    int n = in.readInt();
    int width = in.readInt();
    if (n < 0 || width != expectedWidth) {
      throw new IOException("bad dictionary: " + n + " tuples of " + width + " values, expected " + expectedWidth);
    }
    List<Object[]> out = new ArrayList<>(Math.min(n, 1 << 16));
    for (int i = 0; i < n; i++) {
      Object[] t = new Object[width];
      for (int j = 0; j < width; j++) {
        t[j] = readValue(in);
      }
      out.add(t);
    }
    return out;
  }
}
