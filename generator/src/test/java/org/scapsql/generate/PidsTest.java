package org.scapsql.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PidsTest {
  @Test
  void pidsFollowOneAnotherAndWrapPastPidMax() {
    Pids p = new Pids(Pids.PID_MAX - 3);
    assertThat(p.next(0)).isEqualTo(Pids.PID_MAX - 2);
    assertThat(p.next(0)).isEqualTo(Pids.PID_MAX - 1);
    assertThat(p.next(0)).isEqualTo(300);
    assertThat(p.wraps()).isEqualTo(1);
  }

  @Test
  void aPidIsReusedOnlyAfterItsOwnerWasReaped() {
    Pids p = new Pids(299);
    p.reserve(301);
    assertThat(p.next(100)).isEqualTo(300);
    assertThat(p.next(100)).isEqualTo(302);
    for (int i = 303; i < Pids.PID_MAX; i++) {
      assertThat(p.next(100)).isEqualTo(i);
    }
    p.release(300, 5_000);
    p.release(302, 0);
    // At time 4000 the process that had 300 still runs (it is reaped at 5000); 301 is a boot process.
    assertThat(p.next(4_000)).isEqualTo(302);
    assertThat(p.next(6_000)).isEqualTo(300);
    assertThatThrownBy(() -> p.next(7_000)).isInstanceOf(IllegalStateException.class);
  }
}
