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
}
