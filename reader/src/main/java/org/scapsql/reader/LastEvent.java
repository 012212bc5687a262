package org.scapsql.reader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.function.IntPredicate;

/**
 * The time of a capture's last event, read from its end. Every block ends with its
 * own length, so an uncompressed capture can be walked backwards from its last byte
 * in a few reads, where a forward read would cross the whole file. Anything that is
 * not a plain, whole capture (gzip, a block still being written, damage, a short
 * file) gives no answer rather than a guess, and the caller reads forwards.
 */
public final class LastEvent {
  /** Blocks walked back at most before giving up (a tail of skipped events or metadata). */
  private static final int MAX_BLOCKS = 4096;

  private LastEvent() {}

  /**
   * The timestamp of the last event block whose type id {@code skip} does not reject,
   * or empty when the file cannot answer that from its end.
   */
  public static OptionalLong time(Path capture, IntPredicate skip) throws IOException {
    try (FileChannel ch = FileChannel.open(capture, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = read(ch, 0, 12);
      if (head == null || head.order(ByteOrder.LITTLE_ENDIAN).getInt(0) != BlockType.SHB) {
        return OptionalLong.empty(); // gzip, or not a capture: the forward reader says which
      }
      int magic = head.getInt(8);
      ByteOrder order = magic == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN
          : magic == 0x4D3C2B1A ? ByteOrder.BIG_ENDIAN : null;
      if (order == null) {
        return OptionalLong.empty();
      }
      long end = size;
      for (int walked = 0; walked < MAX_BLOCKS && end > 12; walked++) {
        ByteBuffer tail = read(ch, end - 4, 4);
        long len = tail == null ? -1 : Integer.toUnsignedLong(tail.order(order).getInt(0));
        if (len < 12 || len > end || len > BlockReader.DEFAULT_MAX_BLOCK_BYTES) {
          return OptionalLong.empty();
        }
        long start = end - len;
        ByteBuffer block = read(ch, start, (int) Math.min(len, 8 + 6 + 22));
        if (block == null) {
          return OptionalLong.empty();
        }
        block.order(order);
        int type = BlockType.canonical(block.getInt(0));
        if (Integer.toUnsignedLong(block.getInt(4)) != len) {
          return OptionalLong.empty();
        }
        if (BlockType.isEvent(type)) {
          boolean flags = type == BlockType.EVF || type == BlockType.EVF_V2 || type == BlockType.EVF_V2_LARGE;
          int base = 8 + (flags ? 6 : 2);
          if (len < base + 22 + 4) {
            return OptionalLong.empty();
          }
          int id = block.getShort(base + 20) & 0xFFFF;
          if (!skip.test(id)) {
            return OptionalLong.of(block.getLong(base));
          }
        } else if (type == BlockType.SHB) {
          return OptionalLong.empty(); // a section with no event after it: the forward reader knows better
        }
        end = start;
      }
      return OptionalLong.empty();
    }
  }

  /** {@code n} bytes at {@code at}, or null when the file ends first. */
  private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
    if (at < 0) {
      return null;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        return null;
      }
    }
    return b.flip();
  }
}
