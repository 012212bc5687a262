package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.reader.FdEntry;

/**
 * The socket handlers ({@link SocketHandlers}) on {@link Scenarios#tcpCalls};
 * the UDP and IPv6 rules are in {@link SysdigBehavioursTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketHandlersTest {
  @TempDir
  Path dir;

  private Path capture() throws IOException {
    Path f = dir.resolve("tcp.scap");
    Scenarios.tcpCalls(f);
    return f;
  }

  @Test
  void eachCallShowsItsSocketAsSysdigDoes() throws IOException {
    assertThat(SysdigBehavioursTest.brief(capture())).containsExactly(
        "1 socket> nginx(700) fd=-1 <NA> <NA>",
        "2 socket< nginx(700) fd=3 ipv4 ",
        "3 bind> nginx(700) fd=3 ipv4 ",
        "4 bind< nginx(700) fd=3 ipv4 0.0.0.0:8080",
        "5 listen> nginx(700) fd=3 ipv4 0.0.0.0:8080",
        "6 listen< nginx(700) fd=3 ipv4 0.0.0.0:8080",
        "7 socket> curl(710) fd=-1 <NA> <NA>",
        "8 socket< curl(710) fd=4 ipv4 ",
        "9 connect> curl(710) fd=4 ipv4 ",
        "10 connect< curl(710) fd=4 ipv4 127.0.0.1:51000->127.0.0.1:8080",
        "11 accept> nginx(700) fd=-1 <NA> <NA>",
        "12 accept< nginx(700) fd=5 ipv4 127.0.0.1:51000->127.0.0.1:8080",
        "13 read> nginx(700) fd=5 ipv4 127.0.0.1:51000->127.0.0.1:8080",
        "14 read< nginx(700) fd=5 ipv4 127.0.0.1:51000->127.0.0.1:8080",
        "15 write> curl(710) fd=4 ipv4 127.0.0.1:51000->127.0.0.1:8080",
        "16 write< curl(710) fd=4 ipv4 127.0.0.1:51000->127.0.0.1:8080",
        "17 close> nginx(700) fd=5 ipv4 127.0.0.1:51000->127.0.0.1:8080",
        "18 close< nginx(700) fd=5 ipv4 127.0.0.1:51000->127.0.0.1:8080");
  }

  @Test
  void socketsGetTheirProtocolEndsAndRoles() throws IOException {
    try (Replay r = new Replay(capture())) {
      r.to(2);
      FdInfo listening = r.fd(700, 3);
      assertThat(listening.type).isEqualTo(FdEntry.IPV4_SOCK);
      assertThat(listening.l4proto).isEqualTo(FdInfo.L4_TCP);
      r.to(4);
      assertThat(r.fd(700, 3).sport).isEqualTo(8080);
      r.to(10);
      FdInfo client = r.fd(710, 4);
      assertThat(client.role).isEqualTo(FdInfo.ROLE_CLIENT);
      assertThat(client.sport).isEqualTo(51000);
      assertThat(client.dport).isEqualTo(8080);
      r.to(12);
      FdInfo accepted = r.fd(700, 5);
      assertThat(accepted.role).isEqualTo(FdInfo.ROLE_SERVER);
      assertThat(accepted.l4proto).isEqualTo(FdInfo.L4_TCP);
      assertThat(accepted.sport).isEqualTo(51000);
      assertThat(accepted.dport).isEqualTo(8080);
      assertThat(r.state.fd()).isSameAs(accepted);
    }
  }

  @Test
  void everyFieldAndLineEqualsSysdigWhenInstalled() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sysdig")), "sysdig is not installed");
    Replay.assertSameAsSysdig(capture());
  }
}
