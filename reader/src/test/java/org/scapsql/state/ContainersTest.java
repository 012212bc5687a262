package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainersTest {
  private static final String ID = "697956520d891b5cb0e215093970c733549a3f745f52263c05b37f8a48899422";

  @Test
  void everyEngineLayoutGivesTheShortId() {
    assertThat(Containers.idFromCgroups(List.of("cpuset=/docker/" + ID))).isEqualTo("697956520d89");
    assertThat(Containers.idFromCgroups(List.of("cpu=/system.slice/docker-" + ID + ".scope"))).isEqualTo("697956520d89");
    assertThat(Containers.idFromCgroups(List.of("cpu=/machine.slice/libpod-" + ID + ".scope"))).isEqualTo("697956520d89");
    assertThat(Containers.idFromCgroups(List.of("cpu=/kubepods/crio-" + ID))).isEqualTo("697956520d89");
    assertThat(Containers.idFromCgroups(List.of("cpu=/kubepods/cri-containerd-" + ID + ".scope"))).isEqualTo("697956520d89");
    assertThat(Containers.idFromCgroups(List.of("cpu=/system.slice/containerd.service/kubepods:cri-containerd:" + ID)))
        .isEqualTo("697956520d89");
  }

  @Test
  void hostThreadsAreOnTheHost() {
    assertThat(Containers.idFromCgroups(List.of("cpuset=/", "cpu=/user.slice/user-1000.slice/session-1.scope")))
        .isEqualTo("host");
    assertThat(Containers.idFromCgroups(List.of())).isEqualTo("host");
  }

  /** Lists read from a capture are remembered by their bytes: equal bytes, the same id; other bytes, their own. */
  @Test
  void listsReadFromACaptureGiveTheSameIdsWhenRemembered() {
    String container = "cpuset=/docker/" + ID + "\0cpu=/docker/" + ID + "\0";
    String host = "cpuset=/\0cpu=/user.slice\0";
    for (int round = 0; round < 3; round++) {
      List<String> c = org.scapsql.reader.NulSeparated.of(container.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      List<String> h = org.scapsql.reader.NulSeparated.of(host.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(org.scapsql.reader.NulSeparated.bytesOf(c)).isNotNull();
      assertThat(Containers.idFromCgroups(c)).isEqualTo("697956520d89");
      assertThat(Containers.idFromCgroups(h)).isEqualTo("host");
    }
  }
}
