package org.scapsql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;
import org.scapsql.render.SysdigDump;

/**
 * Block forms no fixture contains (EVF, LARGE, section-header options,
 * pre-release aliases), made by rewriting a real capture's blocks: the events
 * must read exactly as before.
 */
class BlockVariantsTest {
  @TempDir
  Path dir;

  private static byte[] block(int type, byte[] body) {
    int len = 12 + ((body.length + 3) & ~3);
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(type).putInt(len).put(body);
    b.putInt(len - 4, len);
    return b.array();
  }

  /** Rewrites every block of the given type with {@code rewrite}. */
  private interface Rewrite {
    byte[] apply(int type, byte[] body);
  }

  private Path rewrite(String capture, String name, Rewrite r) throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture(capture));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int[] b : c.blocks) {
      byte[] body = java.util.Arrays.copyOfRange(c.bytes, b[0] + 8, b[0] + b[2] - 4);
      out.write(r.apply(b[1], body));
    }
    return CaptureBytes.write(dir, name, out.toByteArray());
  }

  private static String dump(Path f, boolean internal) throws IOException {
    StringWriter w = new StringWriter();
    new SysdigDump(internal, null, ZoneOffset.UTC).run(f, w);
    return w.toString();
  }

  @Test
  void eventsWithFlagsReadAsPlainEvents() throws IOException {
    Path f = rewrite("ping_sendto.scap", "evf.scap", (type, body) -> {
      if (type != BlockType.EV_V2) {
        return block(type, body);
      }
      // cpu id, then four bytes of dump flags, then the event.
      ByteBuffer b = ByteBuffer.allocate(body.length + 4).order(ByteOrder.LITTLE_ENDIAN);
      b.put(body, 0, 2).putInt(0).put(body, 2, body.length - 2);
      return block(BlockType.EVF_V2, b.array());
    });
    assertThat(dump(f, true)).isEqualTo(dump(Fixtures.capture("ping_sendto.scap"), true));
  }

  @Test
  void stateOnlyEventsAreAppliedButNotShown() throws IOException {
    Path f = rewrite("ping_sendto.scap", "stateonly.scap", (type, body) -> {
      if (type != BlockType.EV_V2) {
        return block(type, body);
      }
      ByteBuffer b = ByteBuffer.allocate(body.length + 4).order(ByteOrder.LITTLE_ENDIAN);
      b.put(body, 0, 2).putInt(Event.DF_STATE_ONLY).put(body, 2, body.length - 2);
      return block(BlockType.EVF_V2, b.array());
    });
    assertThat(dump(f, true)).isEmpty();
  }

  @Test
  void largeEventBlocksReadAsEventBlocks() throws IOException {
    Path f = rewrite("run_as_user_0_container.scap", "large.scap",
        (type, body) -> block(type == BlockType.EV_V2 ? BlockType.EV_V2_LARGE : type, body));
    assertThat(dump(f, true)).isEqualTo(dump(Fixtures.capture("run_as_user_0_container.scap"), true));
  }

  @Test
  void oldEventsWithFlagsReadAsOldEvents() throws IOException {
    Path f = rewrite("cat_write.scap", "evf1.scap", (type, body) -> {
      if (type != BlockType.EV) {
        return block(type, body);
      }
      ByteBuffer b = ByteBuffer.allocate(body.length + 4).order(ByteOrder.LITTLE_ENDIAN);
      b.put(body, 0, 2).putInt(0).put(body, 2, body.length - 2);
      return block(BlockType.EVF, b.array());
    });
    assertThat(dump(f, false)).isEqualTo(dump(Fixtures.capture("cat_write.scap"), false));
  }

  @Test
  void sectionHeaderOptionsAreSkipped() throws IOException {
    Path f = rewrite("cat_write.scap", "options.scap", (type, body) -> {
      if (type != BlockType.SHB) {
        return block(type, body);
      }
      byte[] comment = "File-level comment".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      ByteBuffer b = ByteBuffer.allocate(16 + 4 + 20 + 4).order(ByteOrder.LITTLE_ENDIAN);
      b.put(body, 0, 16).putShort((short) 1).putShort((short) comment.length).put(comment).put(new byte[2]);
      b.putShort((short) 0).putShort((short) 0);
      return block(type, b.array());
    });
    assertThat(dump(f, false)).isEqualTo(dump(Fixtures.capture("cat_write.scap"), false));
  }

  @Test
  void preReleaseBlockNumbersAreSynonyms() throws IOException {
    Path f = rewrite("cat_write.scap", "alias.scap", (type, body) -> {
      switch (type) {
        case BlockType.MI: return block(0x8002ABCD, body);
        case BlockType.IL: return block(0x8011ABCD, body);
        case BlockType.UL: return block(0x8012ABCD, body);
        case BlockType.FDL: return block(0x8001ABCD, body);
        case BlockType.EV: return block(0x8010ABCD, body);
        default: return block(type, body);
      }
    });
    assertThat(dump(f, true)).isEqualTo(dump(Fixtures.capture("cat_write.scap"), true));
  }

  @Test
  void unknownBlocksAmongMetadataAreSkipped() throws IOException {
    Path f = rewrite("syscall.scap", "unknown-meta.scap", (type, body) -> {
      byte[] b = block(type, body);
      if (type != BlockType.MI) {
        return b;
      }
      byte[] extra = block(0x300, new byte[] {1, 2, 3, 4, 5});
      byte[] both = new byte[b.length + extra.length];
      System.arraycopy(b, 0, both, 0, b.length);
      System.arraycopy(extra, 0, both, b.length, extra.length);
      return both;
    });
    assertThat(dump(f, true)).isEqualTo(dump(Fixtures.capture("syscall.scap"), true));
  }
}
