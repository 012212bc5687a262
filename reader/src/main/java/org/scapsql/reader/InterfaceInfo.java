package org.scapsql.reader;

/** One address of a network interface (IPv4 addresses are 4 bytes, IPv6 16; network order). */
public record InterfaceInfo(String name, int family, byte[] address, byte[] netmask, byte[] broadcast,
    long linkSpeed) {
  public static final int IPV4 = 4;
  public static final int IPV6 = 6;
}
