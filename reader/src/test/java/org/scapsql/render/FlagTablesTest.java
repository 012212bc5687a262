package org.scapsql.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlagTablesTest {
  @Test
  void sysdig029FlagsRule() {
    assertThat(FlagTables.flags("file_flags", 4097)).isEqualTo("O_RDONLY|O_CLOEXEC");
    assertThat(FlagTables.flags("file_flags", 1)).isEqualTo("O_RDONLY");
    assertThat(FlagTables.flags("socket_families", 1)).isEqualTo("AF_LOCAL");
    assertThat(FlagTables.flags("socket_families", 2)).isEqualTo("AF_INET");
    assertThat(FlagTables.flags("mmap_flags", 10)).isEqualTo("MAP_PRIVATE|MAP_ANONYMOUS");
    assertThat(FlagTables.flags("access_flags", 0)).isEqualTo("F_OK");
    assertThat(FlagTables.flags("clone_flags", 25165824)).isEqualTo("CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID");
    assertThat(FlagTables.flags("no_such_table", 3)).isEmpty();
  }

  @Test
  void enumFlagsNameEveryEqualEntry() {
    assertThat(FlagTables.enumFlags("socket_families", 1)).isEqualTo("AF_LOCAL|AF_UNIX");
    assertThat(FlagTables.enumFlags("sockopt_options", 0)).isEqualTo("UNKNOWN");
  }

  @Test
  void modesUseTheFlagsRule() {
    assertThat(FlagTables.flags("chmod_mode", 0644)).isEqualTo("S_IROTH|S_IRGRP|S_IWUSR|S_IRUSR");
  }
}
