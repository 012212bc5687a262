package org.scapsql.adapter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every form {@link Packing} chooses decodes to the values it was given, NULLs
 * included, and a column of mostly zeros (a thread's figures as differences) takes the
 * sparse form: about a bit an event.
 */
class PackingTest {
  private static final int N = 5000;

  private static int roundTrip(long[] v, boolean[] nulls) {
    ByteBuffer buf = ByteBuffer.allocate(Packing.maxBytes(N)).order(ByteOrder.LITTLE_ENDIAN);
    Packing.encode(v, nulls, N, buf);
    int size = buf.position();
    buf.flip();
    long[] back = new long[N];
    boolean[] backNulls = new boolean[N];
    Packing.decode(buf, N, back, nulls == null ? null : backNulls);
    assertThat(buf.remaining()).as("bytes left over").isZero();
    for (int i = 0; i < N; i++) {
      boolean isNull = nulls != null && nulls[i];
      if (nulls != null) {
        assertThat(backNulls[i]).as("NULL at " + i).isEqualTo(isNull);
      }
      if (!isNull) {
        assertThat(back[i]).as("value at " + i).isEqualTo(v[i]);
      }
    }
    return size;
  }

  @Test
  void everyFormDecodesToItsValues() {
    Random r = new Random(12);
    long[] steady = new long[N];
    long[] codes = new long[N];
    long[] outliers = new long[N];
    long[] sparse = new long[N];
    long[] wide = new long[N];
    for (int i = 0; i < N; i++) {
      steady[i] = 1_700_000_000_000_000_000L + i * 1000L + r.nextInt(50);
      codes[i] = r.nextInt(300);
      outliers[i] = i % 997 == 0 ? 0x7fff_1234_5678L : r.nextInt(100);
      sparse[i] = i % 53 == 0 ? r.nextInt(20_000) - 10_000 : 0;
      wide[i] = r.nextLong();
    }
    boolean[] someNull = new boolean[N];
    for (int i = 0; i < N; i++) {
      someNull[i] = i % 7 == 3;
    }
    for (long[] v : new long[][] {steady, codes, outliers, sparse, wide, new long[N]}) {
      roundTrip(v, null);
      roundTrip(v, someNull);
      boolean[] allNull = new boolean[N];
      Arrays.fill(allNull, true);
      roundTrip(v, allNull);
    }
  }

  @Test
  void mostlyZerosCostAboutABitAnEvent() {
    long[] v = new long[N];
    for (int i = 0; i < N; i += 100) {
      v[i] = 37 * i;
    }
    // 625 bytes of bits, 50 values of two or three bytes, the header.
    assertThat(roundTrip(v, null)).isLessThan(N / 8 + 50 * 3 + 20);
  }
}
