package org.scapsql.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Event;
import org.scapsql.state.FdInfo;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/**
 * The story of docs/generated-capture.md, checked through the reader and the
 * state tracker on the default generated capture (10 MiB, seed 1).
 */
class StoryTest {
  private static final List<String> ALICE = List.of("ls -la", "cat todo.txt", "cat notes.txt", "cat /etc/shadow",
      "tar -cf projects.tar projects", "curl -s https://example.com/", "curl http://localhost:9090/metrics",
      "vi hello.c", "gcc -O2 -o hello hello.c", "hello", "su -");

  /** Everything the assertions need, gathered in one pass. */
  static final class Facts {
    final List<String> aliceCommands = new ArrayList<>();
    final List<String> rootCommands = new ArrayList<>();
    final List<String> compilerTools = new ArrayList<>();
    final Set<String> webClients = new TreeSet<>();
    final List<String> connectionMismatches = new ArrayList<>();
    int connections;
    long bodyBytes;
    final List<Long> fsyncLatencies = new ArrayList<>();
    final List<String> refused = new ArrayList<>();
    final Set<String> enoent = new TreeSet<>();
    final Set<String> eacces = new TreeSet<>();
    final Set<String> containerComms = new TreeSet<>();
    final Set<String> hostCommsWithContainerId = new TreeSet<>();
    String containerName;
    final Set<String> dnsSenders = new TreeSet<>();
    int dnsAnswers;
    boolean hupSent;
    boolean hupDelivered;
    final Set<String> threadCreators = new TreeSet<>();
    int threadsCreated;
    int procexits;
    int pageFaults;
    int switches;
    int sigchld;
    final Set<Long> setuids = new LinkedHashSet<>();
    long firstTs;
    long lastTs;
  }

  /** One nginx connection being followed. */
  private static final class Conn {
    long written;
    long headers;
    long fileBytes;
  }

  private static Facts facts;

  @BeforeAll
  static void readTheCapture() throws IOException {
    facts = collect(GeneratedCaptures.tenMegabytes());
  }

  static Facts collect(Path capture) throws IOException {
    Facts f = new Facts();
    StateTracker state = new StateTracker();
    Map<Long, Conn> open = new HashMap<>();
    Map<Long, Long> current = new HashMap<>();
    try (CaptureReader r = CaptureReader.open(capture)) {
      r.listener(state);
      for (Event e; (e = r.next()) != null; ) {
        if (e.num() == 1) {
          f.firstTs = e.ts();
        }
        f.lastTs = e.ts();
        state.process(e);
        ThreadInfo t = state.thread();
        switch (e.type()) {
          case 293: {
            if (e.paramLong(0) != 0) {
              break;
            }
            ThreadInfo parent = state.thread(t.ptid);
            String line = t.comm + (t.args.isEmpty() ? "" : " " + t.argsLine());
            if (parent != null && parent.comm.equals("bash")) {
              (parent.uid == 1000 ? f.aliceCommands : f.rootCommands).add(line);
            }
            if (parent != null && (parent.comm.equals("gcc") || parent.comm.equals("collect2"))) {
              f.compilerTools.add(t.comm);
            }
            container(f, t);
            break;
          }
          case 223:
            if (e.paramLong(0) == 0 && (e.paramUnsigned(15) & 8192) != 0) {
              f.threadsCreated++;
              f.threadCreators.add(t.comm);
            }
            if (e.paramLong(0) == 0) {
              container(f, t);
            }
            break;
          case 249: {
            FdInfo fd = state.fd();
            if (fd != null && t.comm.equals("nginx") && t.uid == 33) {
              f.webClients.add(fd.name.substring(0, fd.name.indexOf(':')));
              open.put(key(t.tid, fd.fd), new Conn());
            }
            break;
          }
          case 35:
            if (e.has(2) && !e.isEmpty(2) && port(e, 2, 5) == 53) {
              f.dnsAnswers++;
            }
            if (open.containsKey(key(e.tid(), state.fdNum()))) {
              // A request on this connection: the files read next are its answer.
              current.put(e.tid(), state.fdNum());
            }
            break;
          case 9: {
            Conn c = open.get(key(e.tid(), state.fdNum()));
            if (c != null) {
              long res = e.paramLong(0);
              c.written += res;
              if (startsWith(e, 1, "HTTP/1.1 ")) {
                c.headers += res;
              }
            }
            break;
          }
          case 7: {
            FdInfo fd = state.fd();
            Long conn = current.get(e.tid());
            if (fd != null && conn != null && fd.name.startsWith("/var/www/shop/")) {
              open.get(key(e.tid(), conn)).fileBytes += e.paramLong(0);
            }
            break;
          }
          case 4: {
            Conn c = open.remove(key(e.tid(), e.paramLong(0)));
            if (c != null) {
              f.connections++;
              f.bodyBytes += c.fileBytes;
              if (c.written != c.headers + c.fileBytes) {
                f.connectionMismatches.add(e.num() + ": wrote " + c.written + ", headers " + c.headers + ", files "
                    + c.fileBytes);
              }
            }
            break;
          }
          case 1:
            if (e.paramUnsigned(0) == 72 && t != null && t.comm.equals("postgres")) {
              f.fsyncLatencies.add(state.latency());
            }
            break;
          case 23:
            if (e.paramLong(0) == -111) {
              ByteBuffer b = e.buffer();
              int o = e.paramOffset(1);
              f.refused.add(t.comm + " " + (b.get(o + 7) & 0xFF) + "." + (b.get(o + 8) & 0xFF) + "."
                  + (b.get(o + 9) & 0xFF) + "." + (b.get(o + 10) & 0xFF) + ":" + (b.getShort(o + 11) & 0xFFFF));
            }
            break;
          case 307: {
            long res = e.paramLong(0);
            if (res == -2) {
              f.enoent.add(t.comm + " " + e.paramString(2));
            } else if (res == -13) {
              f.eacces.add(t.comm + " " + e.paramString(2));
            }
            break;
          }
          case 30:
            if (port(e, 2, 11) == 53) {
              f.dnsSenders.add(t.comm);
            }
            break;
          case 128:
            if (e.paramLong(0) == 900 && e.paramUnsigned(1) == 1 && t.uid == 0 && t.comm.equals("bash")) {
              f.hupSent = true;
            }
            break;
          case 232:
            if (e.paramLong(1) == 900 && e.paramUnsigned(2) == 1) {
              f.hupDelivered = true;
            }
            if (e.paramUnsigned(2) == 17) {
              f.sigchld++;
            }
            break;
          case 199:
            f.setuids.add(t.uid);
            break;
          case 186:
            f.procexits++;
            break;
          case 290:
            f.pageFaults++;
            break;
          case 152:
            f.switches++;
            break;
          default:
            break;
        }
      }
      assertThat(r.warning()).isNull();
    }
    f.containerName = state.container("3f9c6b1e2a7d") == null ? null : state.container("3f9c6b1e2a7d").name();
    return f;
  }

  private static void container(Facts f, ThreadInfo t) {
    if (!t.containerId.equals("host")) {
      assertThat(t.containerId).isEqualTo("3f9c6b1e2a7d");
      f.containerComms.add(t.comm);
    } else if (t.comm.equals("python3") || t.comm.equals("du")) {
      f.hostCommsWithContainerId.add(t.comm);
    }
  }

  private static long key(long tid, long fd) {
    return tid << 20 | fd;
  }

  private static boolean startsWith(Event e, int param, String prefix) {
    if (e.isEmpty(param) || e.paramLength(param) < prefix.length()) {
      return false;
    }
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < p.length; i++) {
      if (e.buffer().get(e.paramOffset(param) + i) != p[i]) {
        return false;
      }
    }
    return true;
  }

  /** A port inside a tuple parameter (offset 5: source port, 11: destination port). */
  private static int port(Event e, int param, int at) {
    return e.buffer().getShort(e.paramOffset(param) + at) & 0xFFFF;
  }

  // The capture is fixed (10 MiB, seed 1), so every count below is exact; the comments say
  // what the story of docs/generated-capture.md makes of it for any seed.

  @Test
  void aliceRunsHerCommandsInOrder() {
    // One cycle fits a minute: her session once, in the script's order.
    assertThat(facts.aliceCommands).containsExactlyElementsOf(ALICE);
    // kill is a builtin of the root shell; exit ends it.
    assertThat(facts.rootCommands).containsExactly("cat /run/nginx.pid");
  }

  @Test
  void sshdDropsToAliceAndSuToRoot() {
    assertThat(facts.setuids).containsExactly(1000L, 0L);
  }

  @Test
  void theCompileRunsTheToolchain() {
    assertThat(facts.compilerTools).containsExactly("cc1", "as", "collect2", "ld");
  }

  @Test
  void webConnectionsCarryTheFilesTheyServe() {
    assertThat(facts.connections).isEqualTo(1_415);
    // On every connection: bytes written = response headers + the files read for it.
    assertThat(facts.connectionMismatches).isEmpty();
    assertThat(facts.bodyBytes).isEqualTo(100_339_770L);
    assertThat(facts.webClients).hasSize(643);
  }

  @Test
  void someCheckpointFsyncsAreSlow() {
    // The checkpoint's 8 data files and pg_control; one fsync (for some seeds two) takes 250 ms or more.
    assertThat(facts.fsyncLatencies).containsExactly(2_063_795L, 7_408_543L, 2_630_233L, 3_679_785L, 836_838_918L,
        2_657_400L, 1_803_713L, 3_272_035L, 1_389_452L);
    assertThat(facts.fsyncLatencies.stream().filter(l -> l >= 250_000_000L)).hasSize(1);
  }

  @Test
  void connectionsAreRefused() {
    // Every 25th API request tries the cache; alice's curl tries a port nothing listens on.
    Map<String, Long> byTarget = new TreeMap<>();
    facts.refused.forEach(r -> byTarget.merge(r, 1L, Long::sum));
    assertThat(byTarget).containsExactly(Map.entry("curl 127.0.0.1:9090", 1L),
        Map.entry("python3 10.0.1.30:6379", 48L));
  }

  @Test
  void missingAndForbiddenFilesFail() {
    assertThat(facts.enoent).containsExactly("cat notes.txt", "nginx /var/www/shop/.env",
        "nginx /var/www/shop/admin/config.php", "nginx /var/www/shop/favicon.ico", "nginx /var/www/shop/wp-login.php");
    assertThat(facts.eacces).containsExactly("cat /etc/shadow");
  }

  @Test
  void theContainersProcessesCarryItsId() {
    assertThat(facts.containerName).isEqualTo("shop-api");
    assertThat(facts.containerComms).containsExactly("du", "python3", "sh");
    assertThat(facts.hostCommsWithContainerId).isEmpty();
  }

  @Test
  void namesAreLookedUpOverUdp() {
    assertThat(facts.dnsSenders).containsExactly("curl", "python3");
    // One answer per cache lookup (48) and two for curl (A and AAAA).
    assertThat(facts.dnsAnswers).isEqualTo(50);
  }

  @Test
  void rootMakesNginxReload() {
    assertThat(facts.hupSent).isTrue();
    assertThat(facts.hupDelivered).isTrue();
  }

  @Test
  void threadsProcessesAndSchedulingAllAppear() {
    assertThat(facts.threadCreators).containsExactly("curl", "python3");
    assertThat(facts.threadsCreated).isEqualTo(1_185);
    // Every thread and every process ends with a procexit.
    assertThat(facts.procexits).isEqualTo(1_208);
    assertThat(facts.sigchld).isEqualTo(23);
    assertThat(facts.pageFaults).isEqualTo(98);
    assertThat(facts.switches).isEqualTo(6_765);
  }

  @Test
  void theCaptureSpansTheRequestedMinute() {
    assertThat(facts.firstTs).isEqualTo(Host.START);
    // The size (10 MiB) ends the capture; the arrival rate is tuned so that this is about the minute asked for.
    assertThat(facts.lastTs - facts.firstTs).isEqualTo(59_792_695_944L);
  }
}
