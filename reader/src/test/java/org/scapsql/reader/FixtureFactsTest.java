package org.scapsql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scapsql.Fixtures;

/**
 * Block-level facts of each real capture, as established independently of this
 * reader (scap-format.md §7): versions, metadata sizes, event counts, first and
 * last timestamps, fd types in the fd lists.
 */
class FixtureFactsTest {
  /** Everything the reader saw in one pass. */
  static final class Seen implements CaptureListener {
    final List<String> blocks = new ArrayList<>();
    SectionHeader shb;
    MachineInfo machine;
    int threads;
    int mainThreads;
    int fdBlocks;
    int fds;
    final Map<Integer, Integer> fdTypes = new TreeMap<>();
    int users;
    int groups;
    int interfaces;
    long events;
    long first = -1;
    long last;
    int fewerParams;

    @Override
    public void onSection(SectionHeader h) {
      shb = h;
    }

    @Override
    public void onMachineInfo(MachineInfo info) {
      machine = info;
    }

    @Override
    public void onInterfaces(List<InterfaceInfo> list) {
      interfaces = list.size();
    }

    @Override
    public void onUsers(List<UserInfo> u, List<GroupInfo> g) {
      users = u.size();
      groups = g.size();
    }

    @Override
    public void onThreads(List<ThreadEntry> list) {
      threads += list.size();
      for (ThreadEntry t : list) {
        if (t.tid() == t.pid()) {
          mainThreads++;
        }
      }
    }

    @Override
    public void onFds(long tid, List<FdEntry> list) {
      fdBlocks++;
      fds += list.size();
      for (FdEntry f : list) {
        fdTypes.merge(f.scapType(), 1, Integer::sum);
      }
    }
  }

  static Seen read(String name) throws IOException {
    Seen s = new Seen();
    try (CaptureReader r = CaptureReader.open(Fixtures.capture(name))) {
      r.listener(s);
      for (Event e; (e = r.next()) != null; ) {
        s.events++;
        if (s.first < 0) {
          s.first = e.ts();
        }
        s.last = e.ts();
        if (e.nparams() < e.info().nparams()) {
          s.fewerParams++;
        }
      }
    }
    return s;
  }

  @ParameterizedTest
  @CsvSource({
      // file, shb, threads, main threads, fd entries, users, groups, interfaces, events, first ts, last ts,
      // fewer params, host, cpus, memory
      "cat_write.scap, 1.0, 73, 40, 384, 32, 61, 5, 345, 1470327475999999999, 1470327478999999999, 46, ubuntu, 2, 10485940224",
      "connect_localhost.scap, 1.0, 184, 59, 690, 41, 71, 7, 374, 1522704422999999999, 1522704423999999999, 5, ubuntu, 2, 8364613632",
      "empty.scap, 1.2, 218, 64, 883, 45, 77, 11, 143, 1564595787999999999, 1564595787999999999, 0, ubuntu, 4, 6250049536",
      "open-multiple-files.scap, 1.0, 128, 61, 685, 40, 70, 8, 1272, 0, 1486171335999999999, 55, ubuntu, 1, 1040547840",
      "ping_sendto.scap, 1.2, 136, 57, 674, 42, 72, 10, 1526, 1553620426999999999, 1553620436999999999, 10, ubuntu, 4, 6250323968",
      "syscall.scap, 1.1, 229, 55, 773, 41, 71, 7, 368, 1523545099999999999, 1523545100999999999, 10, ubuntu, 2, 8364613632",
      "run_as_user_0_container.scap, 1.2, 124, 55, 693, 45, 77, 11, 4143, 1562711470532562000, 1562711473348813132, 1160, ubuntu, 4, 6250041344",
  })
  void metadataAndEventsMatchTheIndependentCount(String file, String shb, int threads, int mainThreads, int fds,
      int users, int groups, int interfaces, long events, long first, long last, int fewer, String host, int cpus,
      long memory) throws IOException {
    Seen s = read(file);
    assertThat(s.shb.majorVersion() + "." + s.shb.minorVersion()).isEqualTo(shb);
    assertThat(s.shb.sectionLength()).isEqualTo(-1L);
    assertThat(s.threads).isEqualTo(threads);
    assertThat(s.mainThreads).isEqualTo(mainThreads);
    assertThat(s.fdBlocks).isEqualTo(threads);
    assertThat(s.fds).isEqualTo(fds);
    assertThat(s.users).isEqualTo(users);
    assertThat(s.groups).isEqualTo(groups);
    assertThat(s.interfaces).isEqualTo(interfaces);
    assertThat(s.events).isEqualTo(events);
    assertThat(s.first).isEqualTo(first);
    assertThat(s.last).isEqualTo(last);
    assertThat(s.fewerParams).isEqualTo(fewer);
    assertThat(s.machine.hostname()).isEqualTo(host);
    assertThat(s.machine.numCpus()).isEqualTo(cpus);
    assertThat(s.machine.memorySizeBytes()).isEqualTo(memory);
    assertThat(s.machine.maxPid()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
      "cat_write.scap, '1:173, 2:4, 3:4, 5:6, 6:11, 7:28, 8:104, 9:8, 11:7, 12:15, 13:12, 14:12'",
      "connect_localhost.scap, '2:16, 3:4, 5:18, 6:10, 7:60, 8:276, 9:14, 11:8, 12:20, 13:13, 14:9, 16:242'",
      "run_as_user_0_container.scap, '2:16, 3:2, 5:23, 6:12, 7:47, 8:283, 9:20, 11:8, 12:22, 13:14, 14:9, 16:237'",
  })
  void fdTypesInTheFdLists(String file, String expected) throws IOException {
    Seen s = read(file);
    StringBuilder sb = new StringBuilder();
    s.fdTypes.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(':').append(v));
    assertThat(sb.toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"modern-small.scap.gz, 41780, 1, 4, 24, 47, 5"})
  void theModernCaptureHasItsTrimmedHeader(String file, long events, int threads, int fds, int users, int groups,
      int interfaces) throws IOException {
    Seen s = read(file);
    assertThat(s.events).isEqualTo(events);
    assertThat(s.threads).isEqualTo(threads);
    assertThat(s.fds).isEqualTo(fds);
    assertThat(s.fdTypes).containsOnlyKeys(FdEntry.FILE_V2);
    assertThat(s.users).isEqualTo(users);
    assertThat(s.groups).isEqualTo(groups);
    assertThat(s.interfaces).isEqualTo(interfaces);
    assertThat(s.machine.hostname()).isEqualTo("vm");
    assertThat(s.machine.numCpus()).isEqualTo(2);
    assertThat(s.machine.bootTimeEpochNanos()).isPositive();
    assertThat(s.fewerParams).isZero();
  }
}
