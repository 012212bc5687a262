package org.scapsql.adapter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.scapsql.reader.FdEntry;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.MachineInfo;
import org.scapsql.reader.ThreadEntry;
import org.scapsql.reader.UserInfo;
import org.scapsql.writer.CaptureWriter;

/** Small captures written for one behaviour each, with the project's capture writer. */
final class WriterCaptures {
  private WriterCaptures() {}

  static final long T0 = 1_652_169_600_000_000_000L;
  private static final long AT_FDCWD = -100;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A shell (tid 700, cwd /home/alice, fd 3 the directory /srv/data) making one
   * file syscall of each shape: the path in the enter event only (old mkdir), a
   * relative path under a directory fd, two paths, a relative link, an unknown
   * directory fd, a path with "..", a mount, a failed stat.
   */
  static void paths(Path f) throws IOException {
    try (CaptureWriter w = CaptureWriter.create(f)) {
      w.machineInfo(new MachineInfo(2, 4L << 30, 4096, "files-01", 0, 0));
      w.users(List.of(new UserInfo(0, 0, "root", "/root", "/bin/bash", ""),
          new UserInfo(1000, 1000, "alice", "/home/alice", "/bin/bash", "")), List.of(new GroupInfo(0, "root", "")));
      w.processList(List.of(new ThreadEntry(700, 700, 1, 700, 700, "sh", "sh", "/bin/sh", List.of(), "/home/alice",
          1024, 0, 1000, 1000, 1000, 200, 0, 0, 0, List.of(), 700, 700, List.of(), "/", 1000, 0, 700)));
      w.fdList(700, List.of(new FdEntry(700, 3, 42, FdEntry.DIRECTORY, "/srv/data", 1 | 1024, null, 0, null, 0, 0, 0,
          0)));
      // mkdir as 2016 writers recorded it: the path only in the enter event.
      w.event(98, 2, T0 + 1_000, 700, 0).str(b("tmp/x")).u32(0755).end();
      w.event(99, 1, T0 + 2_000, 700, 0).i64(-17).end();
      w.event(307, 6, T0 + 3_000, 700, 0).i64(-2).i64(3).str(b("missing.txt")).u32(1).u32(0).u32(0).end();
      w.event(319, 6, T0 + 4_000, 700, 0).i64(0).i64(AT_FDCWD).str(b("a.txt")).i64(3).str(b("b.txt")).u32(0).end();
      w.event(309, 3, T0 + 5_000, 700, 0).i64(-1).str(b("/etc/passwd")).str(b("../x/./y")).end();
      w.event(181, 4, T0 + 6_000, 700, 0).i64(0).str(b("/etc/shadow")).i64(AT_FDCWD).str(b("s")).end();
      w.event(303, 4, T0 + 7_000, 700, 0).i64(-2).i64(9).str(b("gone")).u32(0).end();
      w.event(313, 4, T0 + 8_000, 700, 0).i64(0).i64(AT_FDCWD).str(b("../bin/./tool")).u32(0755).end();
      w.event(257, 5, T0 + 9_000, 700, 0).i64(0).str(b("tmpfs")).str(b("/mnt/t")).str(b("tmpfs")).u32(0).end();
      w.event(67, 2, T0 + 10_000, 700, 0).i64(-2).str(b(".profile")).end();
    }
  }
}
