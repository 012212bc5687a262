package org.scapsql.reader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** A capture held in memory, uncompressed, with its block offsets: for building damaged files. */
final class CaptureBytes {
  final byte[] bytes;
  final List<int[]> blocks = new ArrayList<>(); // {offset, type, length}

  CaptureBytes(byte[] bytes) throws IOException {
    this.bytes = bytes;
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int p = 0;
    while (p + 8 <= bytes.length) {
      int len = bb.getInt(p + 4);
      blocks.add(new int[] {p, bb.getInt(p), len});
      p += len;
    }
  }

  static CaptureBytes of(Path capture) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(capture))) {
      return new CaptureBytes(in.readAllBytes());
    }
  }

  /** The n-th block (from 0) of the given type. */
  int[] block(int type, int n) {
    int seen = 0;
    for (int[] b : blocks) {
      if (b[1] == type && seen++ == n) {
        return b;
      }
    }
    throw new IllegalArgumentException("no block " + n + " of type " + type);
  }

  int eventBlocks() {
    int n = 0;
    for (int[] b : blocks) {
      if (BlockType.isEvent(b[1])) {
        n++;
      }
    }
    return n;
  }

  byte[] copy() {
    return bytes.clone();
  }

  static void putInt(byte[] b, int off, int v) {
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(off, v);
  }

  static void putShort(byte[] b, int off, int v) {
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(off, (short) v);
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, content);
    return f;
  }

  static ByteArrayInputStream stream(byte[] b) {
    return new ByteArrayInputStream(b);
  }
}
