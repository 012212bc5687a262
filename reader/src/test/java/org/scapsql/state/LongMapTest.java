package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongMapTest {
  @Test
  void behavesLikeAHashMapUnderRandomOperations() {
    LongMap<Long> m = new LongMap<>();
    Map<Long, Long> ref = new HashMap<>();
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long k = r.nextLong(-50, 2000);
      switch (r.nextInt(3)) {
        case 0:
          assertThat(m.put(k, (long) i)).isEqualTo(ref.put(k, (long) i));
          break;
        case 1:
          assertThat(m.remove(k)).isEqualTo(ref.remove(k));
          break;
        default:
          assertThat(m.get(k)).isEqualTo(ref.get(k));
      }
      assertThat(m.size()).isEqualTo(ref.size());
    }
    assertThat(m.values()).containsExactlyInAnyOrderElementsOf(ref.values());
  }

  @Test
  void theReservedKeyIsRefused() {
    LongMap<String> m = new LongMap<>();
    assertThatThrownBy(() -> m.put(Long.MIN_VALUE, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key Long.MIN_VALUE is reserved");
    assertThat(m.get(Long.MIN_VALUE)).isNull();
  }
}
