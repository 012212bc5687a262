package org.scapsql.generate;

import java.nio.charset.StandardCharsets;

/** A docker container of the simulated host: its id, cgroups and own pid namespace. */
final class Container {
  final String id;
  final String name;
  final String image;
  final byte[] cgroups;
  private int lastVpid;

  Container(String id, String name, String image, int lastVpid) {
    if (id.length() != 64) {
      throw new IllegalArgumentException("a docker container id has 64 hex digits: " + id);
    }
    this.id = id;
    this.name = name;
    this.image = image;
    this.lastVpid = lastVpid;
    String p = "/docker/" + id;
    this.cgroups = ("cpuset=" + p + "\0cpu=" + p + "\0cpuacct=" + p + "\0blkio=" + p + "\0memory=" + p
        + "\0devices=" + p + "\0pids=" + p + "\0").getBytes(StandardCharsets.US_ASCII);
  }

  String shortId() {
    return id.substring(0, 12);
  }

  /** The next pid inside the container's pid namespace. */
  int nextVpid() {
    return ++lastVpid;
  }
}
