package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.Fixtures;

/** The events table against sysdig 0.29.3's answers for every fixture capture. */
class EventsTableTest {
  static List<String> expected(String file) throws IOException {
    return Fixtures.expected(file).lines().filter(l -> !l.startsWith("#")).toList();
  }

  /** "  12 a|b" lines of uniq -c as a map. */
  static Map<String, Long> uniqCounts(List<String> lines) {
    Map<String, Long> m = new TreeMap<>();
    for (String l : lines) {
      String t = l.strip();
      int sp = t.indexOf(' ');
      m.put(t.substring(sp + 1), Long.parseLong(t.substring(0, sp)));
    }
    return m;
  }

  static String na(String s) {
    return s == null || s.equals("null") ? "<NA>" : s;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void countsByTypeProcessAndResultEqualSysdig(String name) throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture(name + ".scap"))) {
      Map<String, Long> actual = new TreeMap<>();
      for (String r : sql.rows("SELECT evt_type, proc_name, evt_res, evt_failed, count(*) FROM events"
          + " WHERE evt_visible GROUP BY evt_type, proc_name, evt_res, evt_failed")) {
        String[] f = r.split("\\|", -1);
        actual.put(f[0] + "|" + na(f[1]) + "|" + na(f[2]) + "|" + f[3], Long.parseLong(f[4]));
      }
      assertThat(actual).isEqualTo(uniqCounts(expected(name + ".type_proc_res.txt")));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "ping_sendto", "run_as_user_0_container"})
  void bytesPerFdNameEqualSysdig(String name) throws Exception {
    Map<String, Long> want = new TreeMap<>();
    for (String l : expected(name + ".io_bytes.txt")) {
      int a = l.lastIndexOf('|');
      want.merge(l.substring(0, a), Long.parseLong(l.substring(a + 1)), Long::sum);
    }
    try (Sql sql = Sql.of(Fixtures.capture(name + ".scap"))) {
      Map<String, Long> actual = new TreeMap<>();
      for (String r : sql.rows("SELECT fd_name, fd_type, sum(evt_rawres) FROM events"
          + " WHERE evt_is_io AND evt_dir = '<' AND evt_rawres >= 0 GROUP BY fd_name, fd_type")) {
        String[] f = r.split("\\|", -1);
        String fdName = org.scapsql.render.ParamRenderer.printable(na(f[0]).equals("<NA>") ? "<NA>" : f[0]);
        actual.merge(fdName + "|" + na(f[1]), Long.parseLong(f[2]), Long::sum);
      }
      assertThat(actual).isEqualTo(want);
    }
  }

  @Test
  void theFdsTableCarriesTheBytesOfEveryKnownFd() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"))) {
      String fromEvents = sql.rows("SELECT sum(evt_rawres), count(*) FROM events"
          + " WHERE evt_is_io AND evt_dir = '<' AND evt_rawres >= 0 AND fd_type IS NOT NULL").get(0);
      String fromFds = sql.rows("SELECT sum(bytes_read + bytes_written), sum(read_ops + write_ops) FROM fds").get(0);
      assertThat(fromFds).isEqualTo(fromEvents);
      assertThat(sql.rows("SELECT fd_name, bytes_read, read_ops FROM fds WHERE proc_name = 'ls' AND bytes_read > 0"
          + " ORDER BY fd_lifetime")).containsExactly(
          "/lib/x86_64-linux-gnu/libselinux.so.1|832|1",
          "/lib/x86_64-linux-gnu/libc.so.6|832|1",
          "/lib/x86_64-linux-gnu/libpcre.so.3|832|1",
          "/lib/x86_64-linux-gnu/libdl.so.2|832|1",
          "/lib/x86_64-linux-gnu/libpthread.so.0|832|1",
          "/proc/filesystems|501|2");
    }
  }

  @Test
  void joinsAcrossTablesUseLifetimes() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"))) {
      List<String> rows = sql.rows("SELECT p.proc_lifetime, p.proc_pid, sum(f.bytes_read) FROM processes p JOIN fds f"
          + " ON p.proc_lifetime = f.proc_lifetime GROUP BY p.proc_lifetime, p.proc_pid HAVING sum(f.bytes_read) > 0"
          + " ORDER BY 3 DESC, 1");
      List<String> fromEvents = sql.rows("SELECT proc_lifetime, proc_pid, sum(evt_rawres) FROM events"
          + " WHERE evt_is_io_read AND evt_dir = '<' AND evt_rawres > 0 AND fd_type IS NOT NULL"
          + " GROUP BY proc_lifetime, proc_pid ORDER BY 3 DESC, 1");
      assertThat(rows).isEqualTo(fromEvents).hasSize(10);
      assertThat(sql.rows("SELECT p.proc_name, sum(f.bytes_read) FROM processes p JOIN fds f"
          + " ON p.proc_lifetime = f.proc_lifetime GROUP BY p.proc_name ORDER BY 2 DESC, 1 LIMIT 3"))
          .containsExactly("ls|4661", "sshd|3803", "screen|3215");
    }
  }

  @Test
  void processesAreLifetimes() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"))) {
      assertThat(sql.rows("SELECT proc_pid, proc_name, proc_exe, proc_args, container_id, user_name, proc_exit_code"
          + " FROM processes WHERE proc_start IS NOT NULL ORDER BY proc_lifetime"))
          .containsExactly("32052|ls|ls||697956520d89|root|0");
      assertThat(sql.rows("SELECT count(*), count(DISTINCT proc_pid) FROM processes")).containsExactly("56|56");
      assertThat(sql.rows("SELECT container_id, container_name, container_image, container_type FROM containers"
          + " ORDER BY 1")).containsExactly("697956520d89|hopeful_taussig|nginx|docker", "host|host|null|null");
      // Two container events describe it: the first, still incomplete, says 0.0.0.0; the table keeps the last.
      assertThat(sql.rows("SELECT container_id, container_ip FROM containers ORDER BY 1"))
          .containsExactly("697956520d89|172.17.0.2", "host|null");
      assertThat(sql.rows("SELECT JSON_VALUE(evt_params['json'], 'lax $.container.ip') FROM events"
          + " WHERE evt_type = 'container' ORDER BY evt_num")).containsExactly("0.0.0.0", "172.17.0.2");
    }
  }

  @Test
  void theModernCaptureAnswersAsCurrentLibsinsp() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("modern-small.scap.gz"))) {
      assertThat(sql.rows("SELECT count(*) FROM events WHERE evt_visible")).containsExactly("41709");
      Map<String, Long> byType = new TreeMap<>();
      for (String r : sql.rows("SELECT evt_type, count(*) FROM events WHERE evt_visible GROUP BY evt_type")) {
        byType.put(r.split("\\|")[0], Long.parseLong(r.split("\\|")[1]));
      }
      assertThat(byType).isEqualTo(uniqCounts(modern("count_by_type.txt")));
      Map<String, Long> byProc = new TreeMap<>();
      for (String r : sql.rows("SELECT proc_name, count(*) FROM events WHERE evt_visible GROUP BY proc_name")) {
        byProc.put(r.split("\\|")[0], Long.parseLong(r.split("\\|")[1]));
      }
      assertThat(byProc).isEqualTo(uniqCounts(modern("count_by_proc_name.txt")));
      Map<String, Long> failed = new TreeMap<>();
      for (String r : sql.rows("SELECT evt_type, evt_rawres, evt_res, count(*) FROM events"
          + " WHERE evt_visible AND evt_rawres < 0 GROUP BY evt_type, evt_rawres, evt_res")) {
        String[] f = r.split("\\|");
        failed.put(f[0] + " " + f[1] + " " + f[2], Long.parseLong(f[3]));
      }
      assertThat(failed).isEqualTo(uniqCounts(modern("failed_by_type_errno.txt")));
      assertThat(sql.rows("SELECT DISTINCT fd_name FROM events WHERE evt_type IN ('open', 'openat', 'openat2')"
          + " AND evt_rawres >= 0 ORDER BY fd_name")).isEqualTo(modern("open_success_fd_names.txt"));
      List<String> tuples = new ArrayList<>();
      for (String r : sql.rows("SELECT evt_num, proc_name, evt_type, fd_name, evt_res FROM events"
          + " WHERE evt_type IN ('connect', 'accept', 'accept4') ORDER BY evt_num")) {
        tuples.add(r.replace('|', ' '));
      }
      assertThat(tuples).isEqualTo(modern("connect_accept_tuples.txt"));
    }
  }

  private static List<String> modern(String file) throws IOException {
    return java.nio.file.Files.readAllLines(Fixtures.capture("modern-small.expected/" + file)).stream()
        .filter(l -> !l.startsWith("#")).toList();
  }

  @Test
  void severalCapturesAreOneDatabase() throws Exception {
    try (Sql sql = new Sql(List.of(Fixtures.capture("cat_write.scap"), Fixtures.capture("syscall.scap")))) {
      assertThat(sql.rows("SELECT capture, count(*) FROM events GROUP BY capture ORDER BY capture"))
          .containsExactly("cat_write.scap|345", "syscall.scap|368");
      assertThat(sql.rows("SELECT capture, events, format_version, num_cpus FROM capture ORDER BY capture"))
          .containsExactly("cat_write.scap|345|1.0|2", "syscall.scap|368|1.1|2");
      // Event numbers restart in each capture, so this order is not the scan's: it is not pushed.
      assertThat(sql.rows("SELECT evt_num, capture FROM events ORDER BY evt_num, capture LIMIT 3"))
          .containsExactly("1|cat_write.scap", "1|syscall.scap", "2|cat_write.scap");
      assertThat(sql.rows("SELECT evt_num FROM events ORDER BY evt_num LIMIT 3")).containsExactly("1", "1", "2");
      assertThat(sql.rows("SELECT capture, count(*) FROM processes GROUP BY capture ORDER BY capture"))
          .containsExactly("cat_write.scap|41", "syscall.scap|56");
    }
  }
}
