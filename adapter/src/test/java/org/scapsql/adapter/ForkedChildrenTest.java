package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;
import org.scapsql.state.Scenarios;

/**
 * The entity tables of small captures built for them: forked children are
 * processes of their own with the fds they inherited, and sockets end up
 * named as sysdig names them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForkedChildrenTest {
  @TempDir
  Path dir;

  @Test
  void aForkedChildIsItsOwnProcessFromItsFirstMoment() throws Exception {
    Path f = dir.resolve("forks.scap");
    Scenarios.forks(f);
    try (Sql sql = Sql.of(f)) {
      assertThat(sql.rows("SELECT proc_lifetime, proc_pid, proc_ppid, proc_name, proc_exe, proc_cmdline, user_name,"
          + " proc_start, proc_end, proc_exit_code, thread_count FROM processes ORDER BY proc_lifetime"))
          .containsExactly(
              "1|1|0|systemd|systemd|systemd|root|null|null|null|1",
              "2|100|1|bash|bash|bash -i|alice|null|null|null|1",
              "3|101|100|tar|tar|tar -cf x.tar x|alice|1652169600000002000|1652169600000024000|0|2",
              "4|103|100|bash|bash|bash -i|alice|1652169600000026000|1652169600000032000|2|1");
      assertThat(sql.rows("SELECT thread_lifetime, thread_tid, proc_lifetime, proc_pid, proc_name, thread_start,"
          + " thread_end FROM threads ORDER BY thread_lifetime")).containsExactly(
          "1|1|1|1|systemd|null|null",
          "2|100|2|100|bash|null|null",
          "3|101|3|101|tar|1652169600000002000|1652169600000024000",
          "4|102|3|101|tar|1652169600000017000|1652169600000021000",
          "5|103|4|103|bash|1652169600000026000|1652169600000032000");
      // The inherited fds belong to the child from its fork to its exit; the parent's stay its own.
      assertThat(sql.rows("SELECT fd_lifetime, proc_lifetime, proc_pid, proc_name, thread_tid, fd_num, fd_name,"
          + " open_rawtime, close_rawtime, bytes_read, bytes_written, read_ops, write_ops FROM fds"
          + " ORDER BY fd_lifetime")).containsExactly(
          "1|2|100|bash|null|1|/dev/pts/0|null|null|0|0|0|0",
          "2|2|100|bash|null|3|/home/alice/session.log|null|null|0|20|0|2",
          "3|3|101|tar|101|1|/dev/pts/0|1652169600000002000|1652169600000024000|0|10|0|1",
          "4|3|101|tar|101|3|/home/alice/session.log|1652169600000002000|1652169600000024000|0|10|0|1",
          "5|3|101|tar|101|4|/home/alice/x.tar|1652169600000009000|1652169600000023000|0|17|0|2",
          "6|4|103|bash|103|1|/dev/pts/0|1652169600000026000|1652169600000032000|2|0|1|0",
          "7|4|103|bash|103|3|/home/alice/session.log|1652169600000026000|1652169600000032000|0|9|0|1");
      assertThat(sql.rows("SELECT evt_num, thread_tid, proc_pid, proc_name, proc_lifetime, fd_num, io_dir,"
          + " evt_rawres, data_len FROM io_chunks ORDER BY evt_num")).containsExactly(
          "5|100|100|bash|2|3|write|11|11",
          "11|101|101|tar|3|4|write|13|13",
          "13|101|101|tar|3|1|write|10|10",
          "15|101|101|tar|3|3|write|10|10",
          "20|102|101|tar|3|4|write|4|4",
          "29|103|103|bash|4|3|write|9|9",
          "31|103|103|bash|4|1|read|2|2",
          "34|100|100|bash|2|3|write|9|9");
      for (String check : EntityConsistencyTest.CHECKS.values()) {
        assertThat(sql.rows(check)).as(check).containsExactly("0");
      }
    }
  }

  /** The generated story's ssh session (what the demo capture shows): every command is its own process. */
  @Test
  void theSessionsCommandsAreTheProcessesThatRanThem() throws Exception {
    Path f = dir.resolve("story.scap");
    new Generator(GeneratorOptions.of(3L << 20, 1)).generate(f);
    try (Sql sql = Sql.of(f)) {
      assertThat(sql.rows("SELECT c.proc_pid, c.proc_name, c.proc_args, c.user_name FROM processes c"
          + " JOIN processes p ON c.proc_ppid = p.proc_pid WHERE p.proc_name = 'bash' AND p.user_name = 'alice'"
          + " ORDER BY c.proc_lifetime")).containsExactly(
          "4547|ls|-la|alice",
          "4548|cat|todo.txt|alice",
          "4549|cat|notes.txt|alice",
          "4550|cat|/etc/shadow|alice",
          "4551|tar|-cf projects.tar projects|alice",
          "4552|curl|-s https://example.com/|alice",
          "4554|curl|http://localhost:9090/metrics|alice",
          "4555|vi|hello.c|alice",
          "4556|gcc|-O2 -o hello hello.c|alice",
          "4561|hello||alice",
          "4562|su|-|root");
      assertThat(sql.rows("SELECT fd_name, proc_pid, proc_name, thread_tid, bytes_written FROM fds"
          + " WHERE fd_name LIKE '/home/alice/%' AND bytes_written > 0 ORDER BY fd_lifetime")).containsExactly(
          "/home/alice/projects.tar|4551|tar|4551|10240",
          "/home/alice/.hello.c.swp|4555|vi|4555|4096",
          "/home/alice/hello.c|4555|vi|4555|110",
          "/home/alice/hello|4560|ld|4560|15960");
    }
  }

  @Test
  void socketsAreConnectionsNamedAsSysdigNamesThem() throws Exception {
    Path f = dir.resolve("udp.scap");
    Scenarios.udpPeers(f);
    try (Sql sql = Sql.of(f)) {
      assertThat(sql.rows("SELECT proc_pid, fd_num, fd_l4proto, fd_cip, fd_cport, fd_sip, fd_sport, fd_is_server,"
          + " fd_name, bytes_in, bytes_out FROM connections ORDER BY fd_lifetime")).containsExactly(
          "200|3|udp|10.0.0.1|40001|1.1.1.1|53|false|10.0.0.1:40001->1.1.1.1:53|12|25",
          "200|4|udp|10.0.0.1|40002|10.0.0.53|53|false|10.0.0.1:40002->10.0.0.53:53|6|20",
          "200|5|udp|10.0.0.1|0|8.8.8.8|53|false|10.0.0.1:0->8.8.8.8:53|0|10",
          "200|7|tcp|2001:db8::1|40000|2001:db8::9|443|false|2001:db8::1:40000->2001:db8::9:443|6|5",
          "200|8|tcp|10.0.0.1|42000|8.8.8.8|80|false|10.0.0.1:42000->8.8.8.8:80|6|0",
          "200|9|udp|2001:db8::9|53|2001:db8::1|40005|true|2001:db8::9:53->2001:db8::1:40005|6|0",
          "100|3|udp|8.8.8.8|40001|10.0.0.1|5353|true|8.8.8.8:40001->10.0.0.1:5353|12|5",
          "100|5|udp|null|null|0.0.0.0|5454|true|0.0.0.0:5454|0|0",
          "100|4|udp|10.0.0.53|40002|10.0.0.1|5454|true|10.0.0.53:40002->10.0.0.1:5454|6|0");
      for (String check : EntityConsistencyTest.CHECKS.values()) {
        assertThat(sql.rows(check)).as(check).containsExactly("0");
      }
    }
  }
}
