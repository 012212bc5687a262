package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.Fixtures;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;
import org.scapsql.state.Paths;

/**
 * The columns a responder follows: login uid and tty (who typed it, even after
 * {@code su}), the parent process, the lifetime ids that take a file or connection
 * row to its events, the path of every file syscall, latency only where it is known.
 * Checked against sysdig 0.29.3 on the real captures, against current libsinsp's
 * fd names on the 2026 capture, and on a generated capture with an ssh session.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ForensicColumnsTest {
  @TempDir
  static Path dir;
  /** A generated capture (seed 5): alice logs in over ssh, works, then {@code su -} to root. */
  static Path generated;

  @BeforeAll
  static void generate() throws IOException {
    generated = dir.resolve("seed5.scap");
    new Generator(GeneratorOptions.of(2L << 20, 5)).generate(generated);
  }

  static List<String> expected(String file) {
    return Fixtures.expected(file).lines().filter(l -> !l.startsWith("#")).toList();
  }

  static String na(String s) {
    return s == null ? "<NA>" : s;
  }

  /** Rows keyed by their first field (evt_num), the rest joined by '|' with NULL as sysdig's {@code <NA>}. */
  static Map<Long, String> byEventNumber(Sql sql, String query) throws SQLException {
    Map<Long, String> out = new HashMap<>();
    for (String r : sql.rows(query)) {
      String[] f = r.split("\\|", -1);
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < f.length; i++) {
        sb.append(i > 1 ? "|" : "").append(f[i].equals("null") ? "<NA>" : f[i]);
      }
      out.put(Long.parseLong(f[0]), sb.toString());
    }
    return out;
  }

  // ---- who: login uid, login name, tty, parent name ------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void loginUidLoginNameTtyAndParentNameEqualSysdig(String name) throws Exception {
    List<String> want = expected(name + ".login_fields.txt");
    try (Sql sql = Sql.of(Fixtures.capture(name + ".scap"))) {
      Map<Long, String> actual = byEventNumber(sql,
          "SELECT evt_num, user_loginuid, user_loginname, proc_tty, proc_pname FROM events");
      for (String line : want) {
        int bar = line.indexOf('|');
        long num = Long.parseLong(line.substring(0, bar));
        assertThat(actual.get(num)).as(name + " event " + num).isEqualTo(line.substring(bar + 1));
      }
      assertThat(want).hasSizeLessThanOrEqualTo(actual.size()).isNotEmpty();
    }
  }

  @Test
  void loginFieldsOfAGeneratedCaptureEqualLiveSysdigWhenInstalled() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sysdig")),
        "sysdig is not installed");
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/sysdig", "-D", "-r", generated.toString(), "-p",
        "*%evt.num|%user.loginuid|%user.loginname|%proc.tty|%proc.pname");
    pb.environment().put("TZ", "UTC");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    List<String> want = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isZero();
    try (Sql sql = Sql.of(generated)) {
      Map<Long, String> actual = byEventNumber(sql,
          "SELECT evt_num, user_loginuid, user_loginname, proc_tty, proc_pname FROM events");
      Map<Long, String> mismatches = new TreeMap<>();
      for (String line : want) {
        int bar = line.indexOf('|');
        long num = Long.parseLong(line.substring(0, bar));
        if (!line.substring(bar + 1).equals(actual.get(num))) {
          mismatches.put(num, "sysdig " + line.substring(bar + 1) + " scapsql " + actual.get(num));
        }
      }
      assertThat(mismatches).isEmpty();
      assertThat(want).hasSizeGreaterThan(20_000);
    }
  }

  @Test
  void spyUsersTracesCommandsAfterSuBackToThePerson() throws Exception {
    try (Sql sql = Sql.of(generated)) {
      // Everything alice's session ran, before and after "su -": the login uid stays hers.
      assertThat(sql.rows("SELECT DISTINCT proc_name, user_name, user_loginname, proc_tty FROM events"
          + " WHERE user_loginuid = 1000 ORDER BY 2, 1")).containsExactly(
          "as|alice|alice|34816", "bash|alice|alice|34816", "cat|alice|alice|34816", "cc1|alice|alice|34816",
          "collect2|alice|alice|34816", "curl|alice|alice|34816", "gcc|alice|alice|34816",
          "hello|alice|alice|34816", "ld|alice|alice|34816", "ls|alice|alice|34816", "su|alice|alice|34816",
          "tar|alice|alice|34816", "vi|alice|alice|34816",
          "bash|root|alice|34816", "cat|root|alice|34816", "su|root|alice|34816");
      assertThat(sql.rows("SELECT DISTINCT user_loginuid FROM events WHERE user_loginuid IS NOT NULL ORDER BY 1"))
          .containsExactly("-1", "1000");
      // 34816 is /dev/pts/0 (major 136, minor 0).
      assertThat(34816).isEqualTo(136 << 8);
      // The same on the threads of that session.
      assertThat(sql.rows("SELECT DISTINCT proc_name, user_name, user_loginname, proc_tty FROM threads"
          + " WHERE user_name = 'root' AND user_loginuid = 1000 ORDER BY 1"))
          .containsExactly("bash|root|alice|34816", "cat|root|alice|34816", "su|root|alice|34816");
    }
    try (Sql sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"))) {
      // sysdig itself was started with sudo by mstemm (login uid 501).
      assertThat(sql.rows("SELECT DISTINCT proc_name, user_name, user_loginuid, user_loginname, proc_pname FROM events"
          + " WHERE proc_name = 'sysdig'")).containsExactly("sysdig|root|501|mstemm|sudo");
      assertThat(sql.rows("SELECT proc_pid, proc_name, user_name, user_loginname, proc_pname FROM processes"
          + " WHERE user_name = 'root' AND user_loginuid = 501 ORDER BY proc_pid")).containsExactly(
          "13511|sshd|root|mstemm|sshd", "14335|sudo|root|mstemm|bash", "14366|emacs|root|mstemm|sudo",
          "32047|sudo|root|mstemm|bash", "32048|sysdig|root|mstemm|sudo");
    }
  }

  // ---- latency ---------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({"cat_write,41", "connect_localhost,4", "empty,0", "open-multiple-files,41", "ping_sendto,10",
      "syscall,6", "run_as_user_0_container,1307"})
  void latencyIsSysdigsForPairedExitsAndNullElsewhere(String name, long known) throws Exception {
    Map<Long, String> sysdig = new HashMap<>();
    for (String line : expected(name + ".fields.txt")) {
      String[] f = line.split("\\|", -1);
      sysdig.put(Long.parseLong(f[0]), f[11]);
    }
    try (Sql sql = Sql.of(Fixtures.capture(name + ".scap"))) {
      Map<Long, String> actual = byEventNumber(sql, "SELECT evt_num, evt_latency, evt_dir FROM events");
      long nonNull = 0;
      for (Map.Entry<Long, String> e : actual.entrySet()) {
        String[] f = e.getValue().split("\\|");
        if (f[1].equals(">")) {
          assertThat(f[0]).as(name + " enter event " + e.getKey()).isEqualTo("<NA>");
        }
        if (!f[0].equals("<NA>")) {
          nonNull++;
          if (sysdig.containsKey(e.getKey())) {
            assertThat(f[0]).as(name + " event " + e.getKey()).isEqualTo(sysdig.get(e.getKey()));
          }
        }
      }
      assertThat(nonNull).isEqualTo(known);
    }
  }

  @Test
  void latencyIsUnknownInCapturesOfExitEventsOnly() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("modern-small.scap.gz"))) {
      assertThat(sql.rows("SELECT count(*), count(evt_latency) FROM events")).containsExactly("41780|0");
    }
  }

  // ---- paths of file syscalls ------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void pathsOfFileSyscallsAreSysdigsArgumentsResolved(String name) throws Exception {
    Map<Long, String> want = new TreeMap<>();
    for (String line : expected(name + ".fs_paths.txt")) {
      String[] f = line.split("\\|", -1);
      String raw = !f[2].equals("<NA>") ? f[2] : f[3];
      want.put(Long.parseLong(f[0]), Paths.absolute(f[4], raw));
    }
    try (Sql sql = Sql.of(Fixtures.capture(name + ".scap"))) {
      Map<Long, String> actual = new TreeMap<>(byEventNumber(sql,
          "SELECT evt_num, fs_path_name FROM events WHERE fs_path_name IS NOT NULL"));
      assertThat(actual).isEqualTo(want);
      assertThat(sql.rows("SELECT count(*) FROM events WHERE fs_path_source IS NOT NULL"
          + " OR fs_path_target IS NOT NULL OR (evt_dir = '>' AND fs_path_name IS NOT NULL)")).containsExactly("0");
    }
  }

  @Test
  void failedOpensOfTheModernCaptureHaveTheirPaths() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("modern-small.scap.gz"))) {
      assertThat(sql.rows("SELECT evt_type, evt_failed, count(*), count(fs_path_name) FROM events"
          + " WHERE fs_path_name IS NOT NULL OR evt_type IN ('openat', 'newfstatat', 'access')"
          + " GROUP BY evt_type, evt_failed ORDER BY 1, 2")).containsExactly(
          "access|false|39|39", "access|true|113|113", "chdir|false|3|3", "creat|false|3|3", "fchmod|false|3|3",
          "fchown|false|6|6", "newfstatat|false|4446|4434", "newfstatat|true|246|246", "openat|false|2646|2646",
          "openat|true|1286|1286", "unlinkat|false|4|4");
      // Where a call opened an fd, its path is the fd's name, which current libsinsp agrees with.
      assertThat(sql.rows("SELECT count(*) FROM events WHERE evt_type IN ('openat', 'creat') AND NOT evt_failed"
          + " AND fs_path_name = fd_name")).containsExactly("2649");
      // The files the web server was asked for and did not have (relative to its working directory).
      assertThat(sql.rows("SELECT evt_num, proc_name, evt_res, fs_path_name FROM events WHERE evt_type = 'openat'"
          + " AND evt_failed AND fs_path_name LIKE '/srv/scapdemo/www/%' ORDER BY evt_num")).containsExactly(
          "7920|python3|ENOENT|/srv/scapdemo/www/missing-1.txt", "9885|python3|ENOENT|/srv/scapdemo/www/file21.txt",
          "20833|python3|ENOENT|/srv/scapdemo/www/missing-2.txt", "22726|python3|ENOENT|/srv/scapdemo/www/file22.txt",
          "33647|python3|ENOENT|/srv/scapdemo/www/missing-3.txt", "35551|python3|ENOENT|/srv/scapdemo/www/file23.txt");
      // Every failed openat: the name parameter, resolved as current libsinsp renders it ("rel(/abs)").
      List<String> failed = sql.rows("SELECT evt_params['name'], fs_path_name FROM events"
          + " WHERE evt_type = 'openat' AND evt_failed");
      assertThat(failed).hasSize(1286).allSatisfy(r -> {
        String[] f = r.split("\\|", -1);
        int open = f[0].indexOf('(');
        String resolved = open > 0 && f[0].endsWith(")") ? f[0].substring(open + 1, f[0].length() - 1) : f[0];
        assertThat(f[1]).isEqualTo(Paths.normalize(resolved));
      });
      // fstatat(fd, "", AT_EMPTY_PATH) is about the fd's own file.
      assertThat(sql.rows("SELECT fs_path_name FROM events WHERE evt_num = 130")).containsExactly("/etc/ld.so.cache");
    }
  }

  @Test
  void pathsAreResolvedAgainstTheCwdTheDirectoryFdAndTheEnterEvent() throws Exception {
    Path f = dir.resolve("paths.scap");
    WriterCaptures.paths(f);
    try (Sql sql = Sql.of(f)) {
      assertThat(sql.rows("SELECT evt_num, evt_type, evt_dir, evt_res, fs_path_name, fs_path_source, fs_path_target"
          + " FROM events ORDER BY evt_num")).containsExactly(
          "1|mkdir|>|null|null|null|null",
          "2|mkdir|<|EEXIST|/home/alice/tmp/x|null|null",
          "3|openat|<|ENOENT|/srv/data/missing.txt|null|null",
          "4|renameat2|<|SUCCESS|null|/home/alice/a.txt|/srv/data/b.txt",
          "5|link|<|EPERM|null|/home/x/y|/etc/passwd",
          "6|symlinkat|<|SUCCESS|null|/home/alice/s|/etc/shadow",
          "7|unlinkat|<|ENOENT|<UNKNOWN>/gone|null|null",
          "8|fchmodat|<|SUCCESS|/home/bin/tool|null|null",
          "9|mount|<|SUCCESS|null|tmpfs|/mnt/t",
          "10|stat|<|ENOENT|/home/alice/.profile|null|null");
    }
  }

  // ---- lifetimes: one key from a row to its events ---------------------------------------------

  static final String[] ALL = {"cat_write.scap", "connect_localhost.scap", "empty.scap", "open-multiple-files.scap",
      "ping_sendto.scap", "syscall.scap", "run_as_user_0_container.scap", "modern-small.scap.gz"};

  @Test
  void everyKeyIsUniqueAndEveryReferenceResolves() throws Exception {
    for (Path capture : captures()) {
      try (Sql sql = Sql.of(capture)) {
        for (Keys.PrimaryKey k : Keys.primaryKeys()) {
          String cols = String.join(", ", k.columns());
          assertThat(sql.rows("SELECT " + cols + " FROM " + k.table() + " GROUP BY " + cols + " HAVING count(*) > 1"))
              .as(capture.getFileName() + " " + k.name()).isEmpty();
        }
        for (Keys.ForeignKey k : Keys.foreignKeys()) {
          StringBuilder on = new StringBuilder();
          for (int i = 0; i < k.columns().size(); i++) {
            on.append(i > 0 ? " AND " : "").append("r.").append(k.refColumns().get(i)).append(" = t.")
                .append(k.columns().get(i));
          }
          assertThat(sql.rows("SELECT count(*) FROM " + k.table() + " t WHERE t." + k.columns().get(0)
              + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + k.refTable() + " r WHERE " + on + ")"))
              .as(capture.getFileName() + " " + k.name()).containsExactly("0");
        }
      }
    }
  }

  @Test
  void eventsCarryTheLifetimesOfTheirThreadAndFd() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("cat_write.scap"))) {
      assertThat(sql.rows("SELECT count(*), count(proc_lifetime), count(thread_lifetime), count(fd_lifetime)"
          + " FROM events")).containsExactly("345|269|269|24");
      // cat's reads of libc: the open, the read, the fstat and the close are one fd lifetime.
      assertThat(sql.rows("SELECT evt_num, evt_type, evt_dir FROM events WHERE fd_lifetime = ("
          + "SELECT fd_lifetime FROM fds WHERE fd_name = '/lib/x86_64-linux-gnu/libc.so.6') ORDER BY 1"))
          .containsExactly("151|open|<", "152|read|>", "153|read|<", "154|fstat|>", "155|fstat|<", "164|close|>",
              "165|close|<");
    }
    for (Path capture : captures()) {
      try (Sql sql = Sql.of(capture)) {
        // The thread row of an event's thread lifetime is that thread, in that process lifetime.
        assertThat(sql.rows("SELECT count(*) FROM events e JOIN threads t ON t.thread_lifetime = e.thread_lifetime"
            + " WHERE t.thread_tid <> e.thread_tid OR t.proc_lifetime <> e.proc_lifetime"))
            .as(capture.getFileName().toString()).containsExactly("0");
        // io_chunks agrees with events on every id of the same event.
        assertThat(sql.rows("SELECT count(*) FROM io_chunks c JOIN events e ON e.evt_num = c.evt_num"
            + " WHERE c.thread_lifetime IS DISTINCT FROM e.thread_lifetime"
            + " OR c.proc_lifetime IS DISTINCT FROM e.proc_lifetime OR c.fd_lifetime IS DISTINCT FROM e.fd_lifetime"
            + " OR c.evt_time <> e.evt_time")).as(capture.getFileName().toString()).containsExactly("0");
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"cat_write.scap,0", "connect_localhost.scap,0", "empty.scap,0", "open-multiple-files.scap,0",
      "ping_sendto.scap,0", "syscall.scap,0", "run_as_user_0_container.scap,0", "modern-small.scap.gz,6"})
  void fdRowsDrillDownToExactlyTheBytesOfTheirEvents(String name, int bothWays) throws Exception {
    Path capture = Fixtures.capture(name);
    try (Sql sql = Sql.of(capture)) {
      // copy_file_range reads and writes: fds counts it as a read of the fd the event names (its
      // destination), so those few rows are left out here and counted instead.
      String twoWay = "SELECT fd_lifetime FROM events WHERE evt_is_io_read AND evt_is_io_write"
          + " AND fd_lifetime IS NOT NULL";
      assertThat(sql.rows("SELECT count(*) FROM fds WHERE fd_lifetime IN (" + twoWay + ")"))
          .containsExactly(String.valueOf(bothWays));
      assertThat(sql.rows("SELECT count(*) FROM fds f LEFT JOIN (SELECT fd_lifetime,"
            + " sum(CASE WHEN evt_is_io_read AND evt_rawres >= 0 THEN evt_rawres ELSE 0 END) AS r,"
            + " sum(CASE WHEN evt_is_io_write AND evt_rawres >= 0 THEN evt_rawres ELSE 0 END) AS w,"
            + " sum(CASE WHEN evt_is_io_read AND evt_rawres >= 0 THEN 1 ELSE 0 END) AS nr,"
            + " sum(CASE WHEN evt_is_io_write AND evt_rawres >= 0 THEN 1 ELSE 0 END) AS nw,"
            + " sum(CASE WHEN evt_rawres < 0 THEN 1 ELSE 0 END) AS ne"
            + " FROM events WHERE evt_dir = '<' AND evt_is_io GROUP BY fd_lifetime) e ON e.fd_lifetime = f.fd_lifetime"
            + " WHERE (coalesce(e.r, 0) <> f.bytes_read OR coalesce(e.w, 0) <> f.bytes_written"
            + " OR coalesce(e.nr, 0) <> f.read_ops OR coalesce(e.nw, 0) <> f.write_ops"
          + " OR coalesce(e.ne, 0) <> f.errors) AND f.fd_lifetime NOT IN (" + twoWay + ")"))
          .as(name).containsExactly("0");
    }
  }

  @Test
  void aConnectionDrillsDownToItsEventsAndBytes() throws Exception {
    long sysdigBytes = 0;
    for (String l : EventsTableTest.expected("run_as_user_0_container.io_bytes.txt")) {
      if (l.startsWith("10.0.2.2:49289->10.0.2.15:22|")) {
        sysdigBytes += Long.parseLong(l.substring(l.lastIndexOf('|') + 1));
      }
    }
    try (Sql sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"))) {
      assertThat(sql.rows("SELECT c.fd_name, c.bytes_in, c.bytes_out, count(*),"
          + " sum(CASE WHEN e.evt_dir = '<' AND e.evt_is_io AND e.evt_rawres > 0 THEN e.evt_rawres ELSE 0 END)"
          + " FROM connections c JOIN events e ON e.fd_lifetime = c.fd_lifetime AND e.capture = c.capture"
          + " GROUP BY c.fd_name, c.bytes_in, c.bytes_out")).containsExactly(
          "10.0.2.2:49289->10.0.2.15:22|288|4724|78|5012");
      assertThat(sysdigBytes).isEqualTo(288 + 4724);
    }
  }

  // ---- processes: parent, terminal, login, container name --------------------------------------

  @Test
  void processesNameTheirParentLifetime() throws Exception {
    for (String name : new String[] {"cat_write.scap", "connect_localhost.scap", "empty.scap",
        "open-multiple-files.scap", "ping_sendto.scap", "syscall.scap", "run_as_user_0_container.scap"}) {
      try (Sql sql = Sql.of(Fixtures.capture(name))) {
        assertThat(sql.rows("SELECT count(*) FROM processes c JOIN processes p ON p.proc_lifetime = c.proc_plifetime"
            + " WHERE p.proc_pid <> c.proc_ppid")).as(name).containsExactly("0");
        assertThat(sql.rows("SELECT count(*) FROM processes WHERE proc_ppid > 0 AND proc_plifetime IS NULL"))
            .as(name).containsExactly("0");
      }
    }
    try (Sql sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"))) {
      assertThat(sql.rows("SELECT proc_pid, proc_plifetime, proc_pname FROM processes"
          + " WHERE proc_name = 'nginx' ORDER BY proc_pid")).containsExactly(
          "1996|1|systemd", "2000|23|nginx", "2006|23|nginx", "2007|23|nginx", "2009|23|nginx");
    }
    try (Sql sql = Sql.of(Fixtures.capture("cat_write.scap"))) {
      // cat's thread first shows up at its execve exit; the execve names its parent.
      assertThat(sql.rows("SELECT p.proc_name, p.proc_plifetime, q.proc_pid, q.proc_name FROM processes p"
          + " JOIN processes q ON q.proc_lifetime = p.proc_plifetime WHERE p.proc_name = 'cat'"))
          .containsExactly("cat|38|11310|bash");
    }
    // On an exit-only capture: the parent of each process is the one its events name.
    try (Sql sql = Sql.of(Fixtures.capture("modern-small.scap.gz"))) {
      assertThat(sql.rows("SELECT count(*), sum(CASE WHEN p.proc_pid = ev.ppid AND c.proc_pname = ev.pname"
          + " THEN 1 ELSE 0 END) FROM processes c"
          + " JOIN (SELECT proc_lifetime, min(proc_ppid) AS ppid, min(proc_pname) AS pname FROM events"
          + " WHERE thread_tid = proc_pid GROUP BY proc_lifetime) ev ON ev.proc_lifetime = c.proc_lifetime"
          + " JOIN (SELECT proc_lifetime, min(proc_pid) AS proc_pid FROM events GROUP BY proc_lifetime) p"
          + " ON p.proc_lifetime = c.proc_plifetime")).containsExactly("92|92");
    }
  }

  @Test
  void containerNamesStandBesideContainerIds() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("run_as_user_0_container.scap"))) {
      for (String table : new String[] {"processes", "threads"}) {
        assertThat(sql.rows("SELECT DISTINCT container_id, container_name FROM " + table + " ORDER BY 1"))
            .as(table).containsExactly("697956520d89|hopeful_taussig", "host|host");
      }
      // The same name events give (checked against sysdig by StateFieldsTest) for the same process.
      assertThat(sql.rows("SELECT count(*) FROM processes p JOIN events e ON e.proc_lifetime = p.proc_lifetime"
          + " WHERE e.container_name <> p.container_name")).containsExactly("0");
    }
  }

  // ---- open flags ------------------------------------------------------------------------------

  @Test
  void openFlagsAreTheFlagsOfTheCallThatOpenedTheFd() throws Exception {
    for (Path capture : captures()) {
      try (Sql sql = Sql.of(capture)) {
        // evt_params renders flags as sysdig does: "4097(O_RDONLY|O_CLOEXEC)".
        assertThat(sql.rows("SELECT count(*) FROM fds f JOIN events e ON e.fd_lifetime = f.fd_lifetime"
            + " AND e.evt_dir = '<' AND e.evt_type IN ('open', 'openat', 'openat2')"
            + " WHERE f.fd_openflags IS DISTINCT FROM substring(e.evt_params['flags'] FROM"
            + " position('(' IN e.evt_params['flags']) + 1 FOR char_length(e.evt_params['flags'])"
            + " - position('(' IN e.evt_params['flags']) - 1)"
            + " OR f.fd_rawopenflags IS DISTINCT FROM CAST(substring(e.evt_params['flags'] FROM 1 FOR"
            + " position('(' IN e.evt_params['flags']) - 1) AS BIGINT)"))
            .as(capture.getFileName().toString()).containsExactly("0");
      }
    }
    try (Sql sql = Sql.of(Fixtures.capture("cat_write.scap"))) {
      assertThat(sql.rows("SELECT fd_name, fd_openflags, fd_rawopenflags FROM fds WHERE proc_name = 'cat'"
          + " ORDER BY fd_lifetime")).containsExactly(
          "/etc/ld.so.cache|O_RDONLY|O_CLOEXEC|4097", "/lib/x86_64-linux-gnu/libc.so.6|O_RDONLY|O_CLOEXEC|4097",
          "/usr/lib/locale/locale-archive|O_RDONLY|O_CLOEXEC|4097", "/dev/null|O_RDONLY|1");
      // The fd table of this (2016) writer has no flags: unknown, not "O_NONE".
      assertThat(sql.rows("SELECT count(*), count(fd_openflags) FROM fds WHERE open_rawtime IS NULL"
          + " AND fd_type IN ('file', 'directory')")).containsExactly("177|0");
    }
    try (Sql sql = Sql.of(Fixtures.capture("modern-small.scap.gz"))) {
      // creat() opens as open(O_CREAT|O_WRONLY|O_TRUNC) does.
      assertThat(sql.rows("SELECT DISTINCT fd_openflags, fd_rawopenflags FROM fds WHERE fd_lifetime IN"
          + " (SELECT fd_lifetime FROM events WHERE evt_type = 'creat')")).containsExactly("O_TRUNC|O_CREAT|O_WRONLY|262");
    }
  }

  // ---- times -----------------------------------------------------------------------------------

  @Test
  void everyTimestampIsItsNanosecondTwinTruncatedToTheMillisecond() throws Exception {
    String[][] twins = {
        {"events", "evt_rawtime", "evt_time"}, {"io_chunks", "evt_rawtime", "evt_time"},
        {"processes", "proc_start", "proc_start_time"}, {"processes", "proc_end", "proc_end_time"},
        {"threads", "thread_start", "thread_start_time"}, {"threads", "thread_end", "thread_end_time"},
        {"fds", "open_rawtime", "open_time"}, {"fds", "close_rawtime", "close_time"},
        {"connections", "open_rawtime", "open_time"}, {"connections", "close_rawtime", "close_time"},
        {"capture", "first_rawtime", "first_time"}, {"capture", "last_rawtime", "last_time"}};
    java.util.Calendar utc = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
    for (Path capture : captures()) {
      try (Sql sql = Sql.of(capture)) {
        for (String[] t : twins) {
          long rows = 0;
          try (java.sql.Statement s = sql.connection.createStatement();
               java.sql.ResultSet rs = s.executeQuery("SELECT " + t[1] + ", " + t[2] + " FROM " + t[0])) {
            while (rs.next()) {
              long nanos = rs.getLong(1);
              boolean nullNanos = rs.wasNull();
              java.sql.Timestamp ts = rs.getTimestamp(2, utc);
              String what = capture.getFileName() + " " + t[0] + "." + t[2] + " row " + rows++;
              if (nullNanos) {
                assertThat(ts).as(what).isNull();
              } else {
                assertThat(ts.getTime()).as(what).isEqualTo(Math.floorDiv(nanos, 1_000_000L));
              }
            }
          }
        }
      }
    }
    try (Sql sql = Sql.of(Fixtures.capture("cat_write.scap"))) {
      assertThat(sql.rows("SELECT first_rawtime, first_time, last_rawtime, last_time, duration FROM capture"))
          .containsExactly("1470327475999999999|2016-08-04 16:17:55.999|1470327478999999999|2016-08-04 16:17:58.999"
              + "|3000000000");
      assertThat(sql.rows("SELECT evt_rawtime, evt_time FROM events WHERE evt_num = 131"))
          .containsExactly("1470327477881730713|2016-08-04 16:17:57.881");
      // Calcite and Avatica carry a TIMESTAMP as milliseconds: every TIMESTAMP column says precision 3.
      try (java.sql.ResultSet rs = sql.connection.getMetaData().getColumns(null, "scap", "%", "%")) {
        int timestamps = 0;
        while (rs.next()) {
          if (rs.getInt("DATA_TYPE") == java.sql.Types.TIMESTAMP) {
            timestamps++;
            assertThat(rs.getInt("COLUMN_SIZE")).as(rs.getString("COLUMN_NAME")).isEqualTo(3);
          }
        }
        assertThat(timestamps).isEqualTo(12);
      }
    }
  }

  // ---- pushdown keeps working with the new columns ----------------------------------------------

  @Test
  void filtersStillReachTheReaderNextToTheNewColumns() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("modern-small.scap.gz"))) {
      String q = "SELECT evt_num, fs_path_name, fd_lifetime, user_loginname FROM events"
          + " WHERE evt_type = 'openat' AND evt_failed AND proc_pid = 1 LIMIT 5";
      assertThat(sql.plan(q)).contains("filter=[evt_type in [openat] and proc_pid in [1] and evt_failed = true]",
          "fs_path_name", "fetch=[5]");
      assertThat(sql.rows(q)).isEmpty();
    }
  }

  static List<Path> captures() {
    return java.util.Arrays.stream(ALL).map(Fixtures::capture).toList();
  }
}
