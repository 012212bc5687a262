package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Dialect;
import org.scapsql.render.SysdigDump;

/**
 * Rules of libsinsp's state keeping, each on a small capture built for it
 * ({@link Scenarios}): what sysdig 0.29.3 prints for the events that show the
 * rule (the expected lines are sysdig's own output), and, where sysdig is
 * installed, every field and every line of {@code sysdig -r} compared with it.
 * The capture in the current format is checked against current libsinsp's
 * rules.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SysdigBehavioursTest {
  @TempDir
  Path dir;

  private Path build(String scenario) throws IOException {
    Path f = dir.resolve(scenario + ".scap");
    switch (scenario) {
      case "forks": Scenarios.forks(f); break;
      case "udpPeers": Scenarios.udpPeers(f); break;
      case "ipv6Connects": Scenarios.ipv6Connects(f); break;
      case "containerEvents": Scenarios.containerEvents(f); break;
      case "currentAccepts": Scenarios.currentAccepts(f); break;
      default: throw new IllegalArgumentException(scenario);
    }
    return f;
  }

  private static String na(Object o) {
    return o == null ? "<NA>" : o.toString();
  }

  /**
   * Our answer to {@code sysdig -D -r F -p '*%evt.num %evt.type%evt.dir
   * %proc.name(%proc.pid) fd=%fd.num %fd.type %fd.name'}.
   */
  static List<String> brief(Path f) throws IOException {
    return StateFieldsTest.visibleLines(f, (e, x) -> e.num() + " " + e.info().name() + (e.info().enter() ? ">" : "<") + " " + na(x.procName()) + "("
            + na(x.procPid()) + ") fd=" + na(x.fdNum()) + " " + na(x.fdType()) + " " + na(x.fdName(e)));
  }

  @Test
  void aUdpSocketConnectedAgainSendsToItsNewPeer() throws IOException {
    List<String> lines = brief(build("udpPeers"));
    assertThat(lines).contains(
        "4 connect< dig(200) fd=3 ipv4 10.0.0.1:40000->10.0.0.53:53",
        "6 sendto< dig(200) fd=3 ipv4 10.0.0.1:40000->10.0.0.53:53",
        "10 connect< dig(200) fd=3 ipv4 10.0.0.1:40000->8.8.8.8:53",
        "12 sendto< dig(200) fd=3 ipv4 10.0.0.1:40000->8.8.8.8:53",
        "14 recvfrom< dig(200) fd=3 ipv4 10.0.0.1:40000->8.8.8.8:53",
        // A sendto to a third peer on the connected socket keeps its destination.
        "16 sendto< dig(200) fd=3 ipv4 10.0.0.1:40000->8.8.8.8:53",
        "20 connect< dig(200) fd=3 ipv4 10.0.0.1:40001->1.1.1.1:53",
        "22 sendto< dig(200) fd=3 ipv4 10.0.0.1:40001->1.1.1.1:53");
  }

  @Test
  void anUnconnectedUdpSocketKeepsItsFirstPeerAndSwapsByRole() throws IOException {
    List<String> lines = brief(build("udpPeers"));
    assertThat(lines).contains(
        "26 sendto< dig(200) fd=4 ipv4 10.0.0.1:40002->10.0.0.53:53",
        "28 sendto< dig(200) fd=4 ipv4 10.0.0.1:40002->10.0.0.53:53",
        // The reply from 1.1.1.1 replaces the source, keeps the destination, and the client's ends swap.
        "30 recvfrom< dig(200) fd=4 ipv4 10.0.0.53:53->1.1.1.1:53",
        "32 sendto< dig(200) fd=4 ipv4 10.0.0.1:40002->1.1.1.1:53",
        "34 connect< dig(200) fd=4 ipv4 10.0.0.1:40002->10.0.0.53:53",
        // Without a source address the interface on the way to the peer is the source.
        "40 sendto< dig(200) fd=5 ipv4 10.0.0.1:0->8.8.8.8:53",
        "42 sendto< dig(200) fd=5 ipv4 10.0.0.1:0->8.8.8.8:53",
        "46 sendto< dig(200) fd=6 ipv4 ",
        // libsinsp's TCP check looks at IPv4 sockets only.
        "52 recvfrom< dig(200) fd=7 ipv6 2001:db8::2:443->2001:db8::9:443",
        "54 sendto< dig(200) fd=7 ipv6 2001:db8::1:40000->2001:db8::9:443",
        "60 recvfrom< dig(200) fd=8 ipv4 10.0.0.1:42000->8.8.8.8:80",
        "64 recvfrom< dig(200) fd=9 ipv6 2001:db8::9:53->2001:db8::1:40005");
  }

  @Test
  void aBoundUdpSocketIsReadThroughItsServerFields() throws IOException {
    List<String> lines = brief(build("udpPeers"));
    assertThat(lines).contains(
        "69 recvfrom> named(100) fd=3 ipv4 0.0.0.0:5353",
        // The server socket's port and protocol (5353 = e9 14, UDP = 3) become the destination address.
        "70 recvfrom< named(100) fd=3 ipv4 10.0.0.53:40000->233.20.3.0:5353",
        "72 sendto< named(100) fd=3 ipv4 233.20.3.0:5353->10.0.0.1:5353",
        "74 recvfrom< named(100) fd=3 ipv4 8.8.8.8:40001->10.0.0.1:5353",
        "82 recvfrom< named(100) fd=4 ipv4 10.0.0.53:40002->10.0.0.1:5454");
  }

  @Test
  void connectsOfIpv6Sockets() throws IOException {
    assertThat(brief(build("ipv6Connects"))).containsExactly(
        "1 socket> curl(300) fd=-1 <NA> <NA>",
        "2 socket< curl(300) fd=3 ipv6 ",
        // An IPv4-mapped destination makes the socket IPv4 at the enter.
        "3 connect> curl(300) fd=3 ipv4 ",
        // A failed connect is named by its tuple, which it does not have.
        "4 connect< curl(300) fd=3 ipv4 NULL",
        "5 write> curl(300) fd=3 ipv4 ",
        "6 write< curl(300) fd=3 ipv4 ",
        "7 connect> curl(300) fd=3 ipv6 ",
        "8 connect< curl(300) fd=3 ipv6 NULL",
        "9 socket> curl(300) fd=-1 <NA> <NA>",
        "10 socket< curl(300) fd=4 ipv6 ",
        "11 connect> curl(300) fd=4 ipv6 ",
        "12 connect< curl(300) fd=4 ipv6 2001:db8::1:40001->2001:db8::3:8443",
        "13 write> curl(300) fd=4 ipv6 2001:db8::1:40001->2001:db8::3:8443",
        "14 write< curl(300) fd=4 ipv6 2001:db8::1:40001->2001:db8::3:8443",
        "15 socket> curl(300) fd=-1 <NA> <NA>",
        "16 socket< curl(300) fd=5 ipv6 ",
        "17 connect> curl(300) fd=5 ipv6 ",
        "18 connect< curl(300) fd=5 ipv6 2001:db8::1:40002->2001:db8::53:53",
        "19 socket> curl(300) fd=-1 <NA> <NA>",
        "20 socket< curl(300) fd=6 ipv6 ",
        "21 connect> curl(300) fd=6 ipv6 ",
        "22 connect< curl(300) fd=6 ipv6 ",
        "23 write> curl(300) fd=6 ipv6 ",
        "24 write< curl(300) fd=6 ipv6 ",
        "25 socket> curl(300) fd=-1 <NA> <NA>",
        "26 socket< curl(300) fd=7 ipv4 ",
        "27 connect> curl(300) fd=7 ipv4 ",
        "28 connect< curl(300) fd=7 ipv4 10.0.0.1:43000->10.0.0.9:80");
  }

  @Test
  void containerEventsAfterTheFirstShowTheContainersStandInThread() throws IOException {
    Path f = build("containerEvents");
    assertThat(brief(f)).containsExactly(
        "2 read> nginx(200) fd=0 <NA> <NA>",
        "3 read< nginx(200) fd=0 <NA> ",
        "4 container> container:0123456789ab(-1) fd=<NA> <NA> <NA>",
        "5 container> container:fedcba987654(-1) fd=<NA> <NA> <NA>",
        "6 container> container:aaaaaaaaaaaa(-1) fd=<NA> <NA> <NA>",
        "7 container> container:bbbbbbbbbbbb(-1) fd=<NA> <NA> <NA>",
        "8 container> nginx(200) fd=<NA> <NA> <NA>",
        "9 read> nginx(200) fd=0 <NA> <NA>",
        "10 read< nginx(200) fd=0 <NA> ");
    List<String> fields = StateFieldsTest.lines(f);
    // The stand-in thread: the event's tid, pid -1, ppid 0, uid 0, no exe or cwd, the event's container.
    assertThat(fields.get(2)).isEqualTo(
        "4|container:0123456789ab|-1|0|200|<NA>|<NA>|<NA>|root|0123456789ab|web2|0|<NA>|false|<NA>||||0|<NA>|process");
    assertThat(fields.get(4)).isEqualTo(
        "6|container:aaaaaaaaaaaa|-1|0|-1|<NA>|<NA>|<NA>|root|aaaaaaaaaaaa|third|0|<NA>|false|<NA>||||0|<NA>|process");
    // An old-style container event is shown with its tid's thread, and renames the container.
    assertThat(fields.get(6)).isEqualTo(
        "8|nginx|200|1|200|<NA>|<NA>|<NA>|nginx|0123456789ab|fifth|0|<NA>|false|<NA>|nginx||/home/alice/|101|<NA>"
            + "|unknown");
    StringWriter w = new StringWriter();
    new SysdigDump(false, null, ZoneOffset.UTC).run(f, w);
    assertThat(w.toString().lines().filter(l -> l.contains(" > container "))
        .map(l -> l.substring(0, l.indexOf(" > container "))).toList())
        .containsExactly(
            "4 08:00:00.000004000 0 container:0123456789ab (200)",
            "5 08:00:00.000005000 0 container:fedcba987654 (100)",
            "6 08:00:00.000006000 0 container:aaaaaaaaaaaa (-1)",
            "7 08:00:00.000007000 0 container:bbbbbbbbbbbb (0)");
  }

  @Test
  void forkedChildrenAreTheirOwnProcesses() throws IOException {
    List<String> lines = brief(build("forks"));
    assertThat(lines).contains(
        "3 clone< bash(101) fd=<NA> <NA> <NA>",
        "9 openat< tar(101) fd=4 file /home/alice/x.tar",
        "13 write< tar(101) fd=1 file /dev/pts/0",
        "15 write< tar(101) fd=3 file /home/alice/session.log",
        "20 write< tar(101) fd=4 file /home/alice/x.tar",
        "29 write< bash(103) fd=3 file /home/alice/session.log",
        "31 read< bash(103) fd=1 file /dev/pts/0",
        "34 write< bash(100) fd=3 file /home/alice/session.log");
  }

  /** Current libsinsp: a failed accept4 has no fd, and an fd it does not hold has no name. */
  @Test
  void currentRulesForFailedAcceptsAndUnknownFds() throws IOException {
    Path f = build("currentAccepts");
    assertThat(brief(f)).containsExactly(
        "1 accept4< python3(500) fd=<NA> <NA> <NA>",
        "2 accept4< python3(500) fd=4 ipv4 127.0.0.1:41000->127.0.0.1:8765",
        "3 read< python3(500) fd=4 ipv4 127.0.0.1:41000->127.0.0.1:8765",
        "4 read< python3(500) fd=9 <NA> <NA>");
    try (CaptureReader r = CaptureReader.open(f)) {
      r.next();
      assertThat(r.dialect()).isEqualTo(Dialect.CURRENT);
    }
  }

  // ---- against sysdig itself -------------------------------------------------------------------

  static String sysdig(Path f, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/sysdig"));
    cmd.addAll(List.of(args));
    cmd.add("-r");
    cmd.add(f.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("TZ", "UTC");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("sysdig's exit code").isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"forks", "udpPeers", "ipv6Connects", "containerEvents"})
  void everyFieldAndLineEqualsSysdigWhenInstalled(String scenario) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sysdig")), "sysdig is not installed");
    Path f = build(scenario);
    assertThat(StateFieldsTest.lines(f)).isEqualTo(
        sysdig(f, "-D", "-p", StateFieldsTest.FORMAT).lines().toList());
    StringWriter w = new StringWriter();
    new SysdigDump(false, null, ZoneOffset.UTC).run(f, w);
    assertThat(w.toString().lines().toList()).isEqualTo(sysdig(f).lines().toList());
    StringWriter internal = new StringWriter();
    new SysdigDump(true, null, ZoneOffset.UTC).run(f, internal);
    assertThat(internal.toString().lines().toList()).isEqualTo(sysdig(f, "-D").lines().toList());
  }
}
