package org.scapsql.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.reader.BlockType;
import org.scapsql.reader.CaptureListener;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.reader.FdEntry;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.MachineInfo;
import org.scapsql.reader.SectionHeader;
import org.scapsql.reader.ThreadEntry;
import org.scapsql.reader.UserInfo;
import org.scapsql.state.FdInfo;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/** Writes small captures and reads them back with the reader and the state tracker. */
class CaptureWriterTest {
  private static final long T0 = 1_652_169_600_000_000_000L;
  private static final byte[] LOCAL = {10, 0, 1, 15};
  private static final byte[] CLIENT = {(byte) 203, 0, 113, 7};
  private static final byte[] ANY = {0, 0, 0, 0};

  static ThreadEntry thread(long tid, long pid, long ptid, String comm, String exe, List<String> args, String cwd,
      long uid, List<String> cgroups) {
    return new ThreadEntry(tid, pid, ptid, pid, pid, comm, exe, "/usr/sbin/" + comm, args, cwd, 1024,
        tid == pid ? 0 : 0x2001, uid, uid, 1000, 200, 0, 3, 77, List.of("PATH=/usr/bin", "LANG=C"), tid, pid,
        cgroups, "/", 0xFFFFFFFFL, 0, -1);
  }

  static void writeSmall(CaptureWriter w) throws IOException {
    w.machineInfo(new MachineInfo(4, 8L << 30, 32768, "web-01", 0, 0));
    w.interfaces(List.of(
        new InterfaceInfo("lo", InterfaceInfo.IPV4, new byte[] {127, 0, 0, 1}, new byte[] {(byte) 255, 0, 0, 0},
            new byte[] {127, (byte) 255, (byte) 255, (byte) 255}, 0),
        new InterfaceInfo("eth0", InterfaceInfo.IPV4, LOCAL, new byte[] {(byte) 255, (byte) 255, (byte) 255, 0},
            new byte[] {10, 0, 1, (byte) 255}, 1000)));
    w.users(List.of(new UserInfo(0, 0, "root", "/root", "/bin/bash", ""),
        new UserInfo(33, 33, "www-data", "/var/www", "/usr/sbin/nologin", "")),
        List.of(new GroupInfo(0, "root", ""), new GroupInfo(33, "www-data", "")));
    w.processList(List.of(
        thread(900, 900, 1, "nginx", "nginx: master process", List.of("-g", "daemon on;"), "/", 0, List.of()),
        thread(901, 901, 900, "nginx", "nginx: worker process", List.of(), "/", 33,
            List.of("cpuset=/", "memory=/system.slice/nginx.service")),
        thread(902, 901, 900, "nginx", "nginx: worker process", List.of(), "/", 33, List.of())));
    w.fdList(900, List.of(
        new FdEntry(900, 6, 1111, FdEntry.IPV4_SERVSOCK, "", 0, ANY, 80, null, 0, 2, 0, 0)));
    w.fdList(901, List.of(
        new FdEntry(901, 4, 2222, FdEntry.FILE_V2, "/var/log/nginx/access.log", 2 | 8 | 4, null, 0, null, 0, 0, 0, 0),
        new FdEntry(901, 6, 1111, FdEntry.IPV4_SERVSOCK, "", 0, ANY, 80, null, 0, 2, 0, 0),
        new FdEntry(901, 9, 3333, FdEntry.UNIX_SOCK, "", 0, null, 0, null, 0, 0, 0xffff9a0c1234L, 0xffff9a0c5678L)));
    w.fdList(902, List.of());

    byte[] path = "/var/www/shop/index.html".getBytes(StandardCharsets.UTF_8);
    byte[] data = "<!DOCTYPE html>".getBytes(StandardCharsets.UTF_8);
    // accept4 enter/exit with a tuple: the client is the source.
    w.event(248, 1, T0 + 1000, 901, 1).u32(0x800).end();
    w.event(249, 5, T0 + 5000, 901, 1).i64(10).tuple4(CLIENT, 51234, LOCAL, 80).u8(0).u32(0).u32(511).end();
    w.event(306, 4, T0 + 6000, 901, 1).i64(-100).str(path).u32(1 | 4096).u32(0).end();
    w.event(307, 6, T0 + 9000, 901, 1).i64(11).i64(-100).str(path).u32(1 | 4096).u32(0).u32(0x803).end();
    w.event(6, 2, T0 + 10_000, 901, 1).i64(11).u32(16384).end();
    w.event(7, 2, T0 + 13_500, 901, 1).i64(5120).bytes(data, 0, data.length).end();
    w.event(8, 2, T0 + 14_000, 901, 1).i64(10).u32(5120).end();
    w.event(9, 2, T0 + 20_000, 901, 1).i64(5120).bytes(data, 0, data.length).end();
    w.event(4, 1, T0 + 21_000, 901, 1).i64(11).end();
    w.event(5, 1, T0 + 22_000, 901, 1).i64(0).end();
    // A generic event: fsync, with its syscall codes.
    w.event(0, 2, T0 + 23_000, 901, 1).u16(72).u16(74).end();
    w.event(1, 1, T0 + 400_023_000L, 901, 1).u16(72).end();
    w.event(152, 6, T0 + 400_024_000L, 901, 1).i64(0).i64(0).i64(12).u32(1000).u32(200).u32(0).end();
  }

  @Test
  void roundTripThroughReaderAndStateTracker(@TempDir Path dir) throws IOException {
    for (String name : new String[] {"small.scap", "small.scap.gz"}) {
      Path f = dir.resolve(name);
      try (CaptureWriter w = CaptureWriter.create(f)) {
        writeSmall(w);
        assertThat(w.eventCount()).isEqualTo(13);
      }
      byte[] head = Files.readAllBytes(f);
      if (name.endsWith(".gz")) {
        assertThat(head[0] & 0xFF).isEqualTo(0x1F);
        assertThat(head[1] & 0xFF).isEqualTo(0x8B);
      } else {
        assertThat(head[0] & 0xFF).isEqualTo(0x0A);
      }
      checkSmall(f);
    }
  }

  private static void checkSmall(Path f) throws IOException {
    StateTracker state = new StateTracker();
    List<String> seen = new ArrayList<>();
    List<FdEntry> fds = new ArrayList<>();
    CaptureListener recorder = new CaptureListener() {
      @Override
      public void onDialect(Dialect d) {
        state.onDialect(d);
      }

      @Override
      public void onSection(SectionHeader h) {
        state.onSection(h);
        seen.add("SHB " + h.majorVersion() + "." + h.minorVersion() + " " + h.sectionLength());
      }

      @Override
      public void onMachineInfo(MachineInfo m) {
        seen.add("MI " + m);
      }

      @Override
      public void onInterfaces(List<InterfaceInfo> l) {
        state.onInterfaces(l);
        seen.add("IL " + l.size() + " " + l.get(1).name() + " " + l.get(1).linkSpeed());
      }

      @Override
      public void onUsers(List<UserInfo> u, List<GroupInfo> g) {
        state.onUsers(u, g);
        seen.add("UL " + u + " " + g);
      }

      @Override
      public void onThreads(List<ThreadEntry> t) {
        state.onThreads(t);
        seen.add("PL " + t.size());
        ThreadEntry w = t.get(1);
        assertThat(w).isEqualTo(new ThreadEntry(901, 901, 900, 901, 901, "nginx", "nginx: worker process",
            "/usr/sbin/nginx", List.of(), "/", 1024, 0, 33, 33, 1000, 200, 0, 3, 77,
            List.of("PATH=/usr/bin", "LANG=C"), 901, 901, List.of("cpuset=/", "memory=/system.slice/nginx.service"),
            "/", 0xFFFFFFFFL, 0, -1));
        assertThat(t.get(0).args()).containsExactly("-g", "daemon on;");
        assertThat(t.get(2).flags()).isEqualTo(0x2001);
      }

      @Override
      public void onFds(long tid, List<FdEntry> l) {
        state.onFds(tid, l);
        fds.addAll(l);
      }
    };
    try (CaptureReader r = CaptureReader.open(f)) {
      r.listener(recorder);
      List<String> lines = new ArrayList<>();
      for (Event e; (e = r.next()) != null; ) {
        state.process(e);
        lines.add(e.num() + " " + e.ts() + " " + e.tid() + " " + e.cpu() + " " + e.type() + " " + e.nparams());
        assertThat(e.blockType()).isEqualTo(BlockType.EV_V2);
        switch ((int) e.num()) {
          case 2:
            assertThat(e.paramLong(0)).isEqualTo(10);
            assertThat(state.fd().name).isEqualTo("203.0.113.7:51234->10.0.1.15:80");
            assertThat(state.fd().typeTag()).isEqualTo("4t");
            assertThat(e.paramUnsigned(4)).isEqualTo(511);
            break;
          case 4:
            assertThat(e.paramString(2)).isEqualTo("/var/www/shop/index.html");
            assertThat(e.paramUnsigned(5)).isEqualTo(0x803);
            assertThat(state.fd().name).isEqualTo("/var/www/shop/index.html");
            break;
          case 6:
            assertThat(new String(e.paramBytes(1), StandardCharsets.UTF_8)).isEqualTo("<!DOCTYPE html>");
            assertThat(state.fdNum()).isEqualTo(11);
            assertThat(state.latency()).isEqualTo(3500);
            break;
          case 8:
            assertThat(state.fd().name).isEqualTo("203.0.113.7:51234->10.0.1.15:80");
            break;
          case 12:
            assertThat(state.latency()).isEqualTo(400_000_000L);
            assertThat(e.paramUnsigned(0)).isEqualTo(72);
            break;
          default:
            break;
        }
      }
      assertThat(lines).hasSize(13);
      assertThat(lines.get(0)).isEqualTo("1 " + (T0 + 1000) + " 901 1 248 1");
      assertThat(lines.get(12)).isEqualTo("13 " + (T0 + 400_024_000L) + " 901 1 152 6");
      assertThat(r.warning()).isNull();
      assertThat(r.machineInfo()).isEqualTo(new MachineInfo(4, 8L << 30, 32768, "web-01", 0, 0));
    }
    assertThat(seen.get(0)).isEqualTo("SHB 1.2 -1");
    assertThat(seen).contains("IL 2 eth0 1000");
    assertThat(seen.get(3)).isEqualTo("UL [UserInfo[uid=0, gid=0, name=root, homedir=/root, shell=/bin/bash, "
        + "containerId=], UserInfo[uid=33, gid=33, name=www-data, homedir=/var/www, shell=/usr/sbin/nologin, "
        + "containerId=]] [GroupInfo[gid=0, name=root, containerId=], GroupInfo[gid=33, name=www-data, "
        + "containerId=]]");
    assertThat(fds).hasSize(4);
    FdEntry unix = fds.get(3);
    assertThat(unix.sourceSocket()).isEqualTo(0xffff9a0c1234L);
    assertThat(unix.destSocket()).isEqualTo(0xffff9a0c5678L);
    assertThat(fds.get(1).openFlags()).isEqualTo(14);
    ThreadInfo worker = state.thread(902);
    assertThat(worker.process).isSameAs(state.thread(901).process);
    FdInfo log = worker.process.get(4);
    assertThat(log.name).isEqualTo("/var/log/nginx/access.log");
    assertThat(state.thread(900).process.get(6).name).isEqualTo("0.0.0.0:80");
  }

  @Test
  void encoderRejectsWrongWidthsAndUnknownIds() {
    EventEncoder enc = new EventEncoder(new BlockBuffer(64));
    assertThatThrownBy(() -> enc.begin(7, 2, 1, 1, 0).u32(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event type 7 (read) parameter 0 (res, ERRNO) cannot hold a 4-byte value");
    assertThat(enc.buffer().position()).isZero();
    assertThatThrownBy(() -> enc.begin(7, 2, 1, 1, 0).i64(5).str(new byte[] {65}))
        .hasMessage("event type 7 (read) parameter 1 (data, BYTEBUF) cannot hold a string");
    assertThatThrownBy(() -> enc.begin(354, 1, 1, 1, 0))
        .hasMessage("event type id 354 is outside the ids this encoder writes (0..335)");
    assertThatThrownBy(() -> enc.begin(17, 0, 1, 1, 0))
        .hasMessage("event type id 17 is an unused slot of the event table");
    assertThatThrownBy(() -> enc.begin(5, 3, 1, 1, 0))
        .hasMessage("event type 5 (close) has 2 parameters in the event table; cannot write 3");
    assertThatThrownBy(() -> enc.begin(5, 2, 1, 1, 0).i64(0).end())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("event type 5 was begun with 2 parameters but 1 were written");
    assertThat(enc.buffer().position()).isZero();
    assertThat(enc.encoded()).isZero();
    assertThat(enc.begin(5, 1, 1, 1, 0).i64(0).end()).isEqualTo(8 + 2 + 26 + 2 + 8 + 2 + 4);
    byte[] v6 = new byte[16];
    v6[15] = 1;
    int start = enc.buffer().position();
    // connect exit: res and an IPv6 tuple of 37 bytes (family, two addresses, two ports).
    assertThat(enc.begin(23, 2, 1, 1, 0).i64(0).tuple6(v6, 40000, v6, 443).end())
        .isEqualTo(8 + 2 + 26 + 4 + 8 + 37 + 3 + 4);
    assertThat(enc.buffer().array()[start + 8 + 2 + 26 + 4 + 8]).isEqualTo((byte) 10);
  }

  @Test
  void writeErrorsReachTheCallerWithTheFileName() {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    assertThatThrownBy(() -> {
      try (CaptureWriter w = new CaptureWriter("full.scap", full)) {
        for (int i = 0; i < 200_000; i++) {
          w.event(5, 1, i, 1, 0).i64(0).end();
        }
      }
    }).isInstanceOf(IOException.class).hasMessage("cannot write full.scap: No space left on device");
  }

  @Test
  void metadataAfterTheFirstEventIsRefused(@TempDir Path dir) throws IOException {
    try (CaptureWriter w = CaptureWriter.create(dir.resolve("x.scap"))) {
      w.event(5, 1, 1, 1, 0).i64(0).end();
      assertThatThrownBy(() -> w.users(List.of(), List.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageEndingWith("the user list must be written before the first event");
    }
  }

  @Test
  void blocksCopiedFromAnotherEncoderAreKeptAsTheyAre(@TempDir Path dir) throws IOException {
    BlockBuffer staging = new BlockBuffer(64);
    EventEncoder enc = new EventEncoder(staging);
    int len = enc.begin(232, 3, T0, 901, 2).i64(0).i64(901).u8(17).end();
    Path f = dir.resolve("copy.scap");
    try (CaptureWriter w = CaptureWriter.create(f)) {
      w.eventBlock(staging.array(), 0, len);
      assertThat(w.eventCount()).isEqualTo(1);
    }
    try (CaptureReader r = CaptureReader.open(f); InputStream in = Files.newInputStream(f)) {
      Event e = r.next();
      assertThat(e.type()).isEqualTo(232);
      assertThat(e.cpu()).isEqualTo(2);
      assertThat(e.paramUnsigned(2)).isEqualTo(17);
      assertThat(r.next()).isNull();
      assertThat(in.readAllBytes()).hasSize(28 + len);
    }
  }
}
