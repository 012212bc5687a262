package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.reader.FdEntry;

/** The fd handlers ({@link FdHandlers}) on {@link Scenarios#fdCalls}; the lines are sysdig 0.29.3's. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FdHandlersTest {
  @TempDir
  Path dir;

  private Path capture() throws IOException {
    Path f = dir.resolve("fd.scap");
    Scenarios.fdCalls(f);
    return f;
  }

  @Test
  void eachCallShowsItsFdAsSysdigDoes() throws IOException {
    assertThat(SysdigBehavioursTest.brief(capture())).containsExactly(
        "1 openat> cat(400) fd=-1 <NA> <NA>",
        "2 openat< cat(400) fd=3 file /home/alice/notes.txt",
        "3 openat> cat(400) fd=-1 <NA> <NA>",
        "4 openat< cat(400) fd=4 directory /etc",
        "5 openat> cat(400) fd=-1 <NA> <NA>",
        "6 openat< cat(400) fd=5 file /etc/hosts",
        "7 dup> cat(400) fd=3 file /home/alice/notes.txt",
        "8 dup< cat(400) fd=6 file /home/alice/notes.txt",
        "9 fcntl> cat(400) fd=3 file /home/alice/notes.txt",
        "10 fcntl< cat(400) fd=7 file /home/alice/notes.txt",
        "11 pipe> cat(400) fd=-1 <NA> <NA>",
        "12 pipe< cat(400) fd=9 pipe ",
        "13 eventfd> cat(400) fd=-1 <NA> <NA>",
        "14 eventfd< cat(400) fd=10 event ",
        "15 chdir> cat(400) fd=<NA> <NA> <NA>",
        "16 chdir< cat(400) fd=<NA> <NA> <NA>",
        "17 openat> cat(400) fd=-1 <NA> <NA>",
        "18 openat< cat(400) fd=11 file /tmp/x",
        "19 fchdir> cat(400) fd=4 directory /etc",
        "20 fchdir< cat(400) fd=4 directory /etc",
        "21 openat> cat(400) fd=-1 <NA> <NA>",
        "22 openat< cat(400) fd=12 file /etc/passwd",
        "23 close> cat(400) fd=3 file /home/alice/notes.txt",
        "24 close< cat(400) fd=3 file /home/alice/notes.txt",
        "25 read> cat(400) fd=3 <NA> <NA>",
        "26 read< cat(400) fd=3 <NA> ",
        "27 read> cat(400) fd=6 file /home/alice/notes.txt",
        "28 read< cat(400) fd=6 file /home/alice/notes.txt");
  }

  @Test
  void opensResolveAgainstTheCwdOrTheirDirectoryFd() throws IOException {
    try (Replay r = new Replay(capture())) {
      r.to(2);
      assertThat(r.state.fd().name).isEqualTo("/home/alice/notes.txt");
      assertThat(r.state.fd().type).isEqualTo(FdEntry.FILE_V2);
      r.to(4);
      assertThat(r.state.fd().type).isEqualTo(FdEntry.DIRECTORY);
      assertThat(r.state.fd().openFlags).isEqualTo(1024);
      r.to(6);
      assertThat(r.fd(400, 5).name).isEqualTo("/etc/hosts");
    }
  }

  @Test
  void dupAndFcntlCopyTheSourceUnderTheNewNumber() throws IOException {
    try (Replay r = new Replay(capture())) {
      r.to(8);
      FdInfo source = r.fd(400, 3);
      FdInfo copy = r.fd(400, 6);
      assertThat(copy).isNotSameAs(source);
      assertThat(copy.name).isEqualTo(source.name);
      assertThat(copy.lifetimeId).isNotEqualTo(source.lifetimeId);
      assertThat(r.state.fd()).isSameAs(copy);
      // fcntl's exit (sysdig 0.29.3's has only the result) finds F_DUPFD in its stored enter.
      r.to(10);
      assertThat(r.state.pairedEnter()).isNotNull();
      assertThat(r.fd(400, 7).name).isEqualTo("/home/alice/notes.txt");
    }
  }

  @Test
  void pipesAndEventfdsAddTheirFds() throws IOException {
    try (Replay r = new Replay(capture())) {
      r.to(12);
      assertThat(r.fd(400, 8).type).isEqualTo(FdEntry.FIFO);
      assertThat(r.fd(400, 9).type).isEqualTo(FdEntry.FIFO);
      assertThat(r.state.fdNum()).isEqualTo(9);
      r.to(14);
      assertThat(r.fd(400, 10).type).isEqualTo(FdEntry.EVENT);
    }
  }

  @Test
  void chdirAndFchdirMoveTheProcessesCwd() throws IOException {
    try (Replay r = new Replay(capture())) {
      r.to(15);
      assertThat(r.state.thread().cwd()).isEqualTo("/home/alice/");
      r.to(16);
      assertThat(r.state.thread().cwd()).isEqualTo("/tmp/");
      r.to(20);
      assertThat(r.state.thread().cwd()).isEqualTo("/etc/");
    }
  }

  @Test
  void everyFieldAndLineEqualsSysdigWhenInstalled() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sysdig")), "sysdig is not installed");
    Replay.assertSameAsSysdig(capture());
  }
}
