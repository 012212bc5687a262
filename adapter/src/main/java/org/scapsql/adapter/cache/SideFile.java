package org.scapsql.adapter.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The frame of a file kept beside a column-cache file under the same key (the entity
 * tables' {@code .ents}): whoever owns the contents encodes them; this class makes a file
 * of them that is either whole and meant for this key or rejected. A file is an 8-byte
 * magic, the key it was written for (length and UTF-8), the payload, and a trailer
 * giving the length of key and payload together, their CRC-32C and an end mark. A
 * file cut short loses its trailer; a changed byte fails the CRC.
 */
final class SideFile {
  static final byte[] MAGIC = {'S', 'C', 'A', 'P', 'S', 'I', 'D', 'E'};
  static final byte[] END = {'S', 'C', 'A', 'P', 'S', 'E', 'N', 'D'};
  static final int TRAILER = 8 + 4 + 8;

  private SideFile() {}

  /** Writes {@code payload} for {@code key} into {@code out}, a file that must not exist yet. */
  static void write(Path out, String key, byte[] payload) throws IOException {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(4 + k.length + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    body.putInt(k.length).put(k).put(payload).flip();
    CRC32C crc = new CRC32C();
    crc.update(body.duplicate());
    ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
    trailer.putLong(body.remaining()).putInt((int) crc.getValue()).put(END).flip();
    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
      for (ByteBuffer b : new ByteBuffer[] {ByteBuffer.wrap(MAGIC), body, trailer}) {
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
    }
  }

  /**
   * The payload of {@code file}, checked: the whole file is read once (a few megabytes
   * at most) and its CRC verified before anything in it is believed.
   */
  static ByteBuffer read(Path file, String key) throws IOException {
    byte[] all;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < MAGIC.length + 4 + TRAILER || size > Integer.MAX_VALUE - 16) {
        throw new IOException("bad size " + size);
      }
      ByteBuffer b = ByteBuffer.allocate((int) size);
      while (b.hasRemaining()) {
        if (ch.read(b) < 0) {
          throw new IOException("unexpected end of file");
        }
      }
      all = b.array();
    }
    ByteBuffer m = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    if (!Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException("not a scapsql side file");
    }
    int t = all.length - TRAILER;
    long bodyLength = m.getLong(t);
    int crc = m.getInt(t + 8);
    if (!Arrays.equals(all, t + 12, all.length, END, 0, END.length) || bodyLength != t - MAGIC.length) {
      throw new IOException("bad trailer (an unfinished or damaged file)");
    }
    CRC32C check = new CRC32C();
    check.update(all, MAGIC.length, (int) bodyLength);
    if ((int) check.getValue() != crc) {
      throw new IOException("checksum mismatch");
    }
    int keyLength = m.getInt(MAGIC.length);
    int keyAt = MAGIC.length + 4;
    if (keyLength < 0 || keyLength > bodyLength - 4) {
      throw new IOException("bad key length");
    }
    if (!new String(all, keyAt, keyLength, StandardCharsets.UTF_8).equals(key)) {
      throw new IOException("written for another capture or build");
    }
    return m.slice(keyAt + keyLength, t - keyAt - keyLength).order(ByteOrder.LITTLE_ENDIAN);
  }
}
