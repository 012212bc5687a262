package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {
  private static byte[] v6(int... groups) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[2 * i] = (byte) (groups[i] >> 8);
      b[2 * i + 1] = (byte) groups[i];
    }
    return b;
  }

  @Test
  void ipv4IsDottedQuad() {
    assertThat(Addresses.ipv4(new byte[] {127, 0, 0, 1})).isEqualTo("127.0.0.1");
    assertThat(Addresses.ipv4(new byte[] {(byte) 128, 32, 41, 1})).isEqualTo("128.32.41.1");
  }

  @Test
  void ipv6FollowsRfc5952() {
    assertThat(Addresses.ipv6(v6(0, 0, 0, 0, 0, 0, 0, 0))).isEqualTo("::");
    assertThat(Addresses.ipv6(v6(0, 0, 0, 0, 0, 0, 0, 1))).isEqualTo("::1");
    assertThat(Addresses.ipv6(v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 4))).isEqualTo("2001:db8::4");
    assertThat(Addresses.ipv6(v6(0x2001, 0xdb8, 0, 1, 0, 0, 0, 1))).isEqualTo("2001:db8:0:1::1");
    assertThat(Addresses.ipv6(v6(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1))).isEqualTo("2001:db8::1:0:0:1");
    assertThat(Addresses.ipv6(v6(0xfe80, 0, 0, 0, 0xabcd, 0, 0, 0))).isEqualTo("fe80::abcd:0:0:0");
    assertThat(Addresses.ipv6(v6(1, 2, 3, 4, 5, 6, 7, 8))).isEqualTo("1:2:3:4:5:6:7:8");
    assertThat(Addresses.ipv6(v6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1))).isEqualTo("::ffff:127.0.0.1");
  }

  @Test
  void mappedAndZeroAddressesCountAsIpv4() {
    assertThat(Addresses.isV4MappedOrZero(v6(0, 0, 0, 0, 0, 0xffff, 0x0a00, 2), 0)).isTrue();
    assertThat(Addresses.isV4MappedOrZero(v6(0, 0, 0, 0, 0, 0, 0, 0), 0)).isTrue();
    assertThat(Addresses.isV4MappedOrZero(v6(0, 0, 0, 0, 0, 0, 0, 1), 0)).isFalse();
  }
}
