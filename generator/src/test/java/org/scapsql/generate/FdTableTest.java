package org.scapsql.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FdTableTest {
  @Test
  void theLowestFreeNumberIsTaken() {
    FdTable t = new FdTable();
    t.use(0);
    t.use(1);
    t.use(2);
    assertThat(t.allocate(10)).isEqualTo(3);
    assertThat(t.allocate(10)).isEqualTo(4);
    t.free(3, 20);
    assertThat(t.allocate(30)).isEqualTo(3);
    assertThat(t.isOpen(3)).isTrue();
  }

  @Test
  void aNumberClosedLaterInTimeIsNotFreeEarlier() {
    FdTable t = new FdTable();
    int a = t.allocate(100);
    // One thread's work was staged up to its close at time 500; another thread opens at 300.
    t.free(a, 500);
    assertThat(t.allocate(300)).isEqualTo(a + 1);
    assertThat(t.allocate(600)).isEqualTo(a);
  }

  @Test
  void aForkedChildGetsACopy() {
    FdTable t = new FdTable();
    t.use(5);
    FdTable c = t.copy();
    c.free(5, 0);
    assertThat(t.isOpen(5)).isTrue();
    assertThat(c.isOpen(5)).isFalse();
    t.use(200);
    assertThat(t.isOpen(200)).isTrue();
  }
}
