package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.Fixtures;

/**
 * The entity tables with exact values: {@code threads}, {@code users},
 * {@code user_groups} and {@code io_chunks} of the real captures against sysdig
 * 0.29.3's view of the same captures (the {@code -p} listings kept in the
 * test resources, each headed by the command that made it), the interfaces
 * as the capture lists them, and the 2026-format capture against what current
 * libsinsp reports for it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EntityTablesTest {
  private static final String[] OLD = {"cat_write", "connect_localhost", "empty", "open-multiple-files",
      "ping_sendto", "syscall", "run_as_user_0_container"};

  /** Lines of a resource file, without its header comment. */
  static List<String> resource(String file) throws IOException {
    return Fixtures.expected(file).lines().filter(l -> !l.startsWith("# ")).toList();
  }

  static String na(String s) {
    return s == null ? "<NA>" : s;
  }

  /**
   * One line of {@code NAME.threads.txt}: sysdig's
   * {@code evt.num|evt.rawtime|evt.type|evt.dir|evt.rawres|thread.tid|proc.pid|proc.name|proc.exe|proc.args|
   * user.uid|user.name|user.homedir|user.shell|group.gid|group.name|container.id|proc.duration}.
   */
  record SysdigLine(String[] f) {
    String type() {
      return f[2];
    }

    long rawtime() {
      return Long.parseLong(f[1]);
    }

    String tid() {
      return f[5];
    }

    String pid() {
      return f[6];
    }

    /** The thread as a row of {@code threads}: pid, name, exe, args, uid, user, container. */
    String threadView() {
      return String.join("|", f[6], f[7], f[8], f[9], f[10], f[11], f[16]);
    }

    String duration() {
      return f[17];
    }
  }

  static List<SysdigLine> sysdigLines(String name) throws IOException {
    List<SysdigLine> out = new ArrayList<>();
    for (String l : resource(name + ".threads.txt")) {
      String[] f = l.split("\\|", -1);
      assertThat(f).as(l).hasSize(18);
      out.add(new SysdigLine(f));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void threadsAreWhatSysdigLastSawOfEachThread(String name) throws Exception {
    Map<String, String> lastView = new TreeMap<>();
    Map<String, Long> started = new TreeMap<>();
    Map<String, Long> exited = new TreeMap<>();
    for (SysdigLine l : sysdigLines(name)) {
      if (l.pid().equals("<NA>")) {
        continue;
      }
      lastView.put(l.tid(), l.threadView());
      if (!l.duration().equals("<NA>") && l.tid().equals(l.pid())) {
        started.put(l.tid(), l.rawtime() - Long.parseLong(l.duration()));
      }
      if (l.type().equals("procexit")) {
        exited.put(l.tid(), l.rawtime());
      }
    }
    try (Sql sql = Sql.of(Fixtures.capture(name + ".scap"))) {
      Map<String, String> rows = new TreeMap<>();
      Map<String, Long> starts = new TreeMap<>();
      Map<String, Long> ends = new TreeMap<>();
      // The last lifetime of each tid is the one sysdig's last view of it belongs to.
      for (String r : sql.rows("SELECT thread_tid, proc_pid, proc_name, proc_exe, proc_args, user_uid, user_name,"
          + " container_id, thread_start, thread_end FROM threads ORDER BY thread_lifetime")) {
        String[] f = r.split("\\|", -1);
        rows.put(f[0], String.join("|", f[1], f[2], f[3], f[4], f[5], na(f[6].equals("null") ? null : f[6]), f[7]));
        if (!f[8].equals("null")) {
          starts.put(f[0], Long.parseLong(f[8]));
        }
        if (!f[9].equals("null")) {
          ends.put(f[0], Long.parseLong(f[9]));
        }
      }
      assertThat(rows).containsAllEntriesOf(lastView);
      assertThat(lastView).isNotEmpty();
      assertThat(starts).isEqualTo(started);
      assertThat(ends).isEqualTo(exited);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void usersAndGroupsAreWhatSysdigNamesThem(String name) throws Exception {
    Map<String, String> users = new TreeMap<>();
    Map<String, String> groups = new TreeMap<>();
    for (SysdigLine l : sysdigLines(name)) {
      String[] f = l.f();
      if (!f[11].equals("<NA>")) {
        users.put(f[10], f[11] + "|" + f[12] + "|" + f[13]);
      }
      if (!f[15].equals("<NA>")) {
        // sysdig 0.29.3 prints group.gid with stray upper bits; the low 32 are the gid.
        groups.put(String.valueOf(Long.parseLong(f[14]) & 0xFFFFFFFFL), f[15]);
      }
    }
    try (Sql sql = Sql.of(Fixtures.capture(name + ".scap"))) {
      Map<String, String> userRows = new TreeMap<>();
      for (String r : sql.rows("SELECT user_uid, user_name, user_homedir, user_shell FROM users")) {
        String[] f = r.split("\\|", -1);
        userRows.put(f[0], f[1] + "|" + f[2] + "|" + f[3]);
      }
      Map<String, String> groupRows = new TreeMap<>();
      for (String r : sql.rows("SELECT group_gid, group_name FROM user_groups")) {
        String[] f = r.split("\\|", -1);
        groupRows.put(f[0], f[1]);
      }
      assertThat(users).isNotEmpty();
      assertThat(userRows).containsAllEntriesOf(users);
      assertThat(groupRows).containsAllEntriesOf(groups);
    }
  }

  @Test
  void theWholeUserAndGroupListsOfACapture() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("cat_write.scap"))) {
      assertThat(sql.rows("SELECT count(*), count(DISTINCT user_name), min(user_uid), max(user_uid) FROM users"))
          .containsExactly("32|32|0|65534");
      assertThat(sql.rows("SELECT * FROM users WHERE user_uid IN (0, 4, 1000) ORDER BY user_uid")).containsExactly(
          "0|root|0|/root|/bin/bash|cat_write.scap",
          "4|sync|65534|/bin|/bin/sync|cat_write.scap",
          "1000|mstemm|1000|/home/mstemm|/bin/bash|cat_write.scap");
      assertThat(sql.rows("SELECT count(*), min(group_gid), max(group_gid) FROM user_groups")).containsExactly(
          "61|0|65534");
      assertThat(sql.rows("SELECT * FROM user_groups WHERE group_gid IN (0, 4, 1000) ORDER BY group_gid"))
          .containsExactly("0|root|cat_write.scap", "4|adm|cat_write.scap", "1000|mstemm|cat_write.scap");
    }
  }

  @Test
  void interfacesAreTheCapturesAddresses() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("cat_write.scap"))) {
      assertThat(sql.rows("SELECT interface_name, family, address, netmask, broadcast FROM interfaces"))
          .containsExactly(
              "lo|ipv4|127.0.0.1|255.0.0.0|127.0.0.1",
              "enp0s3|ipv4|10.0.2.15|255.255.255.0|10.0.2.255",
              "docker0|ipv4|172.17.0.1|255.255.0.0|172.17.0.1",
              "lo|ipv6|::1|ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff|::",
              "enp0s3|ipv6|fe80::a00:27ff:fe61:6071|ffff:ffff:ffff:ffff::|::");
    }
    try (Sql sql = Sql.of(Fixtures.capture("modern-small.scap.gz"))) {
      assertThat(sql.rows("SELECT interface_name, family, address, netmask, broadcast FROM interfaces"))
          .containsExactly(
              "lo|ipv4|127.0.0.1|255.0.0.0|127.0.0.1",
              "eth0|ipv4|192.0.2.2|255.255.255.0|192.0.2.255",
              "lo|ipv6|::1|ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff|::",
              "eth0|ipv6|fd00::2|ffff:ffff:ffff:ffff::|::",
              "eth0|ipv6|fe80::fc:ff:fe00:1|ffff:ffff:ffff:ffff::|::");
    }
  }

  /** The buffers of {@code sysdig -X -p '%evt.num|%evt.buffer'}: event number to bytes. */
  static Map<Long, byte[]> sysdigBuffers(String name) throws IOException {
    Map<Long, byte[]> out = new LinkedHashMap<>();
    Long current = null;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (String l : resource(name + ".io_data.txt")) {
      if (l.matches("\\d+\\|.*")) {
        if (current != null) {
          out.put(current, bytes.toByteArray());
        }
        current = Long.parseLong(l.substring(0, l.indexOf('|')));
        bytes.reset();
      } else if (l.startsWith("\t0x")) {
        // "\t0x0010: 7379 736c ...  ascii": the hex groups end where the two-space gap before the text starts.
        String hex = l.substring(l.indexOf(':') + 2);
        int gap = hex.indexOf("  ");
        byte[] b = HexFormat.of().parseHex((gap < 0 ? hex : hex.substring(0, gap)).replace(" ", ""));
        bytes.writeBytes(b);
      }
    }
    if (current != null) {
      out.put(current, bytes.toByteArray());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "ping_sendto", "run_as_user_0_container"})
  void ioChunksAreTheBuffersSysdigShows(String name) throws Exception {
    List<String> expected = new ArrayList<>();
    for (String l : resource(name + ".io_chunks.txt")) {
      expected.add(l);
    }
    Map<Long, byte[]> buffers = sysdigBuffers(name);
    assertThat(buffers).hasSameSizeAs(expected);
    try (Sql sql = Sql.of(Fixtures.capture(name + ".scap"));
        Statement s = sql.connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT evt_num, thread_tid, proc_pid, proc_name, fd_num, fd_name, fd_type,"
            + " evt_type, evt_rawres, data, data_len, truncated FROM io_chunks ORDER BY evt_num")) {
      List<String> actual = new ArrayList<>();
      while (rs.next()) {
        long num = rs.getLong(1);
        actual.add(num + "|" + rs.getLong(2) + "|" + rs.getLong(3) + "|" + rs.getString(4) + "|" + rs.getLong(5)
            + "|" + org.scapsql.render.ParamRenderer.printable(rs.getString(6)) + "|" + na(rs.getString(7)) + "|"
            + rs.getString(8) + "|" + rs.getLong(9));
        byte[] data = rs.getBytes(10);
        assertThat(data).as("data of event " + num).isEqualTo(buffers.get(num));
        assertThat(rs.getInt(11)).isEqualTo(data.length);
        assertThat(rs.getBoolean(12)).as("truncated " + num).isEqualTo(rs.getLong(9) > data.length);
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void ioChunksOfTheContainerCaptureIncludeTruncatedOnes() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"))) {
      assertThat(sql.rows("SELECT count(*), sum(data_len), sum(evt_rawres), count(CASE WHEN truncated THEN 1 END),"
          + " count(CASE WHEN io_dir = 'read' THEN 1 END) FROM io_chunks"))
          .containsExactly(String.join("|", sql.rows("SELECT count(*), sum(octet_length(data)), sum(evt_rawres),"
              + " count(CASE WHEN evt_rawres > octet_length(data) THEN 1 END),"
              + " count(CASE WHEN evt_type IN ('read', 'readv', 'recvfrom', 'recvmsg', 'pread') THEN 1 END)"
              + " FROM io_chunks")));
      assertThat(sql.rows("SELECT count(*), count(CASE WHEN truncated THEN 1 END) FROM io_chunks"))
          .containsExactly("231|" + sql.rows("SELECT count(*) FROM io_chunks WHERE evt_rawres > data_len").get(0));
    }
  }

  // ---- the 2026-format capture -----------------------------------------------------------------

  private static List<String> modern(String file) throws IOException {
    return Files.readAllLines(Fixtures.capture("modern-small.expected/" + file)).stream()
        .filter(l -> !l.startsWith("#")).toList();
  }

  @Test
  void connectionsOfTheModernCaptureAreTheTuplesLibsinspReports() throws Exception {
    // Every connect and accept4 that libsinsp names by a tuple is one connection, client or server side.
    TreeSet<String> expected = new TreeSet<>();
    for (String l : modern("connect_accept_tuples.txt")) {
      String[] f = l.split(" ", -1);
      if (!f[3].isEmpty()) {
        expected.add(f[1] + "|" + (f[2].equals("accept4") ? "server" : "client") + "|" + f[3]);
      }
    }
    assertThat(expected).hasSize(33);
    try (Sql sql = Sql.of(Fixtures.capture("modern-small.scap.gz"))) {
      TreeSet<String> actual = new TreeSet<>();
      for (String r : sql.rows("SELECT proc_name, CASE WHEN fd_is_server THEN 'server' ELSE 'client' END, fd_name"
          + " FROM connections WHERE fd_cip IS NOT NULL")) {
        actual.add(r);
      }
      assertThat(actual).isEqualTo(expected);
      assertThat(sql.rows("SELECT proc_name, fd_num, fd_l4proto, fd_sip, fd_sport, fd_is_server, fd_name"
          + " FROM connections WHERE fd_cip IS NULL")).containsExactly(
          "python3|3|tcp|127.0.0.1|8765|true|127.0.0.1:8765");
      // What the server sent is what each curl received.
      assertThat(sql.rows("SELECT c.proc_name, c.fd_cport, c.bytes_in, s.bytes_out, c.bytes_out, s.bytes_in"
          + " FROM connections c JOIN connections s ON s.fd_cport = c.fd_cport AND s.fd_is_server"
          + " WHERE NOT c.fd_is_server AND c.proc_name = 'curl' AND c.bytes_in <> s.bytes_out")).isEmpty();
    }
  }

  @Test
  void processesOfTheModernCaptureAreTheProgramsThatRan() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("modern-small.scap.gz"))) {
      assertThat(sql.rows("SELECT count(*), count(proc_start), count(proc_end) FROM processes"))
          .containsExactly("93|92|92");
      assertThat(sql.rows("SELECT proc_name, count(*) FROM processes GROUP BY proc_name ORDER BY 2 DESC, 1"))
          .containsExactly("sleep|22", "curl|11", "cat|9", "ls|9", "dd|6", "gzip|6", "tar|6", "wc|6", "python3|4",
              "id|3", "sh|3", "su|3", "wget|3", "bash|1", "rm|1");
      // Each process is named as its main thread's last event names it (the forked children included).
      assertThat(sql.rows("SELECT p.proc_pid, p.proc_ppid, p.proc_name, p.proc_args, p.user_name, p.thread_count"
          + " FROM processes p WHERE p.proc_name IN ('su', 'id') ORDER BY p.proc_lifetime")).containsExactly(
          "11215|11109|su|nobody -s /bin/sh -c id|root|1",
          "11217|11216|id||nobody|1",
          "11256|11109|su|nobody -s /bin/sh -c id|root|1",
          "11258|11257|id||nobody|1",
          "11298|11109|su|nobody -s /bin/sh -c id|root|1",
          "11300|11299|id||nobody|1");
      assertThat(sql.rows("SELECT count(*), count(thread_start), count(thread_end) FROM threads"))
          .containsExactly("109|108|108");
      assertThat(sql.rows("SELECT count(*) FROM users")).containsExactly("24");
      assertThat(sql.rows("SELECT count(*) FROM user_groups")).containsExactly("47");
      assertThat(sql.rows("SELECT user_uid, user_name, user_gid, user_homedir, user_shell FROM users"
          + " WHERE user_uid IN (0, 65534) ORDER BY 1")).containsExactly(
          "0|root|0|/root|/bin/bash", "65534|nobody|65534|/nonexistent|/usr/sbin/nologin");
    }
  }

  @Test
  void filesOfTheModernCaptureAreTheOnesLibsinspSawOpened() throws Exception {
    TreeSet<String> opened = new TreeSet<>(modern("open_success_fd_names.txt"));
    try (Sql sql = Sql.of(Fixtures.capture("modern-small.scap.gz"))) {
      TreeSet<String> fromFds = new TreeSet<>(sql.rows("SELECT DISTINCT fd_name FROM fds"
          + " WHERE fd_type IN ('file', 'directory') AND open_rawtime IS NOT NULL AND thread_tid IS NOT NULL"));
      assertThat(fromFds).containsAll(opened);
      assertThat(sql.rows("SELECT proc_name, fd_num, bytes_read, bytes_written, read_ops, write_ops FROM fds"
          + " WHERE fd_name = '/srv/scapdemo/out/passwd.copy' ORDER BY fd_lifetime")).containsExactly(
          // The shell's child opens the file as 3, dup2s it to 1 and closes 3; cat then copies 1221 bytes
          // into it with copy_file_range, and a second call copies 0.
          "cat|3|0|0|0|0", "cat|1|0|1221|0|2", "cat|3|0|0|0|0", "cat|1|0|1221|0|2", "cat|3|0|0|0|0",
          "cat|1|0|1221|0|2");
    }
  }
}
