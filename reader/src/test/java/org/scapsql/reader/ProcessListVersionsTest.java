package org.scapsql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;

/**
 * Process-list blocks of every version (the fixtures hold V6 to V9): the
 * entries of a real capture written in each older layout read back with the
 * fields that layout has.
 */
class ProcessListVersionsTest {
  private static final int[] TYPES = {0, BlockType.PL_V1, BlockType.PL_V2, BlockType.PL_V3, BlockType.PL_V4,
      BlockType.PL_V5, BlockType.PL_V6, BlockType.PL_V7, BlockType.PL_V8, BlockType.PL_V9};

  @TempDir
  Path dir;

  private static void str(ByteBuffer b, String s) {
    byte[] x = s.getBytes(StandardCharsets.UTF_8);
    b.putShort((short) x.length).put(x);
  }

  private static void list(ByteBuffer b, List<String> l) {
    StringBuilder sb = new StringBuilder();
    for (String s : l) {
      sb.append(s).append('\0');
    }
    str(b, sb.toString());
  }

  /** One entry in the layout of version v (without V9's length prefix and tail). */
  static byte[] entry(ThreadEntry t, int v) {
    ByteBuffer b = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(t.tid()).putLong(t.pid()).putLong(t.ptid());
    if (v >= 6) {
      b.putLong(t.sid());
    }
    if (v >= 8) {
      b.putLong(t.vpgid());
    }
    str(b, t.comm());
    str(b, t.exe());
    if (v >= 7) {
      str(b, t.exepath());
    }
    list(b, t.args());
    str(b, t.cwd());
    b.putLong(t.fdlimit()).putInt(t.flags()).putInt((int) t.uid()).putInt((int) t.gid());
    if (v >= 2) {
      b.putInt((int) t.vmsizeKb()).putInt((int) t.vmrssKb()).putInt((int) t.vmswapKb());
      b.putLong(t.pfmajor()).putLong(t.pfminor());
    }
    if (v >= 3) {
      list(b, t.env());
    }
    if (v >= 4) {
      b.putLong(t.vtid()).putLong(t.vpid());
      list(b, t.cgroups());
    }
    if (v >= 5) {
      str(b, t.root());
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
  void everyVersionReadsBack(int v) throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("run_as_user_0_container.scap"));
    int[] pl = c.block(BlockType.PL_V9, 0);
    List<ThreadEntry> original = new ArrayList<>();
    try (CaptureReader r = CaptureReader.open(Fixtures.capture("run_as_user_0_container.scap"))) {
      r.listener(new CaptureListener() {
        @Override
        public void onThreads(List<ThreadEntry> threads) {
          original.addAll(threads);
        }
      });
      r.next();
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (ThreadEntry t : original) {
      byte[] e = entry(t, v);
      if (v == 9) {
        // Per-entry length (including itself) and the post-0.10 tail with loginuid only.
        ByteBuffer b = ByteBuffer.allocate(4 + e.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4 + e.length + 4).put(e).putInt((int) t.loginuid());
        body.writeBytes(b.array());
      } else {
        body.writeBytes(e);
      }
    }
    byte[] bb = body.toByteArray();
    int len = 12 + ((bb.length + 3) & ~3);
    ByteBuffer block = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    block.putInt(TYPES[v]).putInt(len).put(bb).putInt(len - 4, len);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(c.bytes, 0, pl[0]);
    file.write(block.array());
    file.write(c.bytes, pl[0] + pl[2], c.bytes.length - pl[0] - pl[2]);
    Path f = CaptureBytes.write(dir, "pl" + v + ".scap", file.toByteArray());

    List<ThreadEntry> read = new ArrayList<>();
    try (CaptureReader r = CaptureReader.open(f)) {
      r.listener(new CaptureListener() {
        @Override
        public void onThreads(List<ThreadEntry> threads) {
          read.addAll(threads);
        }
      });
      while (r.next() != null) {
        // consume
      }
      assertThat(r.eventCount()).isEqualTo(4143);
    }
    assertThat(read).hasSameSizeAs(original);
    for (int i = 0; i < read.size(); i++) {
      ThreadEntry a = read.get(i);
      ThreadEntry o = original.get(i);
      assertThat(List.of(a.tid(), a.pid(), a.ptid(), a.fdlimit(), a.uid(), a.gid()))
          .isEqualTo(List.of(o.tid(), o.pid(), o.ptid(), o.fdlimit(), o.uid(), o.gid()));
      assertThat(List.of(a.comm(), a.exe(), a.cwd())).isEqualTo(List.of(o.comm(), o.exe(), o.cwd()));
      assertThat(a.args()).isEqualTo(o.args());
      assertThat(a.sid()).isEqualTo(v >= 6 ? o.sid() : -1);
      assertThat(a.exepath()).isEqualTo(v >= 7 ? o.exepath() : "");
      assertThat(a.env()).isEqualTo(v >= 3 ? o.env() : List.of());
      assertThat(a.cgroups()).isEqualTo(v >= 4 ? o.cgroups() : List.of());
      assertThat(a.vtid()).isEqualTo(v >= 4 ? o.vtid() : -1);
      assertThat(a.root()).isEqualTo(v >= 5 ? o.root() : "");
      assertThat(a.loginuid()).isEqualTo(v >= 9 ? o.loginuid() : 0xFFFFFFFFL);
    }
  }
}
