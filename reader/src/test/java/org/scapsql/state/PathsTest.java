package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathsTest {
  @Test
  void relativePathsJoinTheDirectoryAndCollapse() {
    assertThat(Paths.absolute("/", ".")).isEqualTo("/");
    assertThat(Paths.absolute("/home/alice/", "notes.txt")).isEqualTo("/home/alice/notes.txt");
    assertThat(Paths.absolute("/home/alice/", "../bob/./x")).isEqualTo("/home/bob/x");
    assertThat(Paths.absolute("/home/alice", "x")).isEqualTo("/home/alice/x");
    assertThat(Paths.absolute("/a/", "/etc//passwd")).isEqualTo("/etc/passwd");
  }

  @Test
  void aTrailingSlashIsDroppedExceptForTheRoot() {
    assertThat(Paths.normalize("/run/systemd/userdb/")).isEqualTo("/run/systemd/userdb");
    assertThat(Paths.normalize("/")).isEqualTo("/");
    assertThat(Paths.normalize("/../..")).isEqualTo("/");
  }

  @Test
  void directoryAndFilenameSplitAtTheLastSlash() {
    assertThat(Paths.directory("/etc/passwd")).isEqualTo("/etc");
    assertThat(Paths.directory("/etc")).isEqualTo("/");
    assertThat(Paths.filename("/etc/passwd")).isEqualTo("passwd");
    assertThat(Paths.asDirectory("/root")).isEqualTo("/root/");
    assertThat(Paths.asDirectory("/")).isEqualTo("/");
  }
}
