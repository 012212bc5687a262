package org.scapsql.driver;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.server.ScapServer;

/**
 * Damaged captures over SQL: a capture cut short or broken in the middle gives its
 * rows up to the damage (exactly those of the undamaged file) and a SQLWarning that
 * names the file and the byte; a cut inside the metadata says so instead of giving 0
 * rows in silence; one damaged capture among several leaves the others answering.
 * Locally and through the server.
 */
class DamagedCaptureSqlTest {
  private static final String ROWS = "SELECT evt_num, evt_type, evt_dir, proc_name, fd_name, evt_args FROM events";

  @TempDir
  static Path reference;
  @TempDir
  static Path damaged;
  private static List<String> all;
  private static long brokenAt;
  private static ScapServer server;

  @BeforeAll
  static void build() throws Exception {
    byte[] run = plain(Fixtures.capture("run_as_user_0_container.scap"));
    Files.write(reference.resolve("run.scap"), run);
    List<long[]> blocks = blocks(run);
    // Cut in the middle of an event block past half the file.
    long[] middle = blockAround(blocks, run.length / 2);
    Files.write(damaged.resolve("cut.scap"), java.util.Arrays.copyOf(run, (int) (middle[0] + middle[1] / 2)));
    // Cut inside the second block (metadata: the machine, users or process list follow the section header).
    long[] meta = blocks.get(1);
    Files.write(damaged.resolve("meta.scap"), java.util.Arrays.copyOf(run, (int) (meta[0] + meta[1] / 2)));
    // A block's trailing length that does not match its leading one: damage, not truncation.
    long[] broken = blockAround(blocks, run.length * 2L / 3);
    byte[] b = run.clone();
    brokenAt = broken[0] + broken[1] - 4;
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt((int) brokenAt, 0x7FFF_FFF0);
    Files.write(damaged.resolve("broken.scap"), b);
    Files.copy(Fixtures.capture("cat_write.scap"), damaged.resolve("good.scap"));
    try (Connection c = DriverManager.getConnection("jdbc:scap:" + reference.resolve("run.scap"))) {
      all = Jdbc.rows(c, ROWS);
    }
    assertThat(all).hasSize(4143);
    server = ScapServer.start(List.of(damaged), ScapServer.LOOPBACK, 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static byte[] plain(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  /** Offset and length of each block of a little-endian capture. */
  static List<long[]> blocks(byte[] capture) {
    ByteBuffer bb = ByteBuffer.wrap(capture).order(ByteOrder.LITTLE_ENDIAN);
    List<long[]> out = new ArrayList<>();
    int at = 0;
    while (at + 8 <= capture.length) {
      int len = bb.getInt(at + 4);
      out.add(new long[] {at, len});
      at += len;
    }
    return out;
  }

  private static long[] blockAround(List<long[]> blocks, long offset) {
    for (long[] b : blocks) {
      if (b[0] + b[1] > offset) {
        return b;
      }
    }
    throw new AssertionError("no block at " + offset);
  }

  /** The rows, and the warnings of the statement and of its result set (the same ones). */
  record Answer(List<String> rows, List<String> warnings, List<String> states) {}

  private static Answer ask(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = Jdbc.rows(rs);
      List<String> warnings = new ArrayList<>();
      List<String> states = new ArrayList<>();
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
        warnings.add(w.getMessage());
        states.add(w.getSQLState());
      }
      List<String> fromResults = new ArrayList<>();
      for (SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
        fromResults.add(w.getMessage());
      }
      assertThat(fromResults).isEqualTo(warnings);
      return new Answer(rows, warnings, states);
    }
  }

  private static Connection local(String name) throws SQLException {
    return DriverManager.getConnection("jdbc:scap:" + damaged.resolve(name));
  }

  @Test
  void aCutCaptureGivesItsRowsUpToTheCutAndAWarning() throws SQLException {
    try (Connection c = local("cut.scap")) {
      Answer a = ask(c, ROWS);
      assertThat(a.rows()).isNotEmpty().hasSizeLessThan(all.size()).isEqualTo(all.subList(0, a.rows().size()));
      assertThat(a.states()).containsExactly("01000");
      assertThat(a.warnings()).singleElement().asString()
          .startsWith(damaged.resolve("cut.scap") + ": at byte ")
          .contains("capture is truncated").endsWith("rows of cut.scap stop there");
      // The warnings belong to the latest execution only.
      Answer clean = ask(c, "SELECT count(*) FROM event_types");
      assertThat(clean.warnings()).isEmpty();
    }
  }

  @Test
  void damageInTheMiddleGivesTheRowsBeforeItAndNamesTheByte() throws SQLException {
    try (Connection c = local("broken.scap")) {
      Answer a = ask(c, ROWS);
      assertThat(a.rows()).isNotEmpty().hasSizeLessThan(all.size()).isEqualTo(all.subList(0, a.rows().size()));
      assertThat(a.warnings()).containsExactly(damaged.resolve("broken.scap") + ": at byte " + brokenAt
          + ": block of type EV_V2: trailing length 2147483632 does not match leading length "
          + (a.warnings().get(0).replaceAll(".*leading length (\\d+);.*", "$1")) + "; rows of broken.scap stop there");
      // Entity tables: the processes seen before the damage, and the same warning.
      Answer p = ask(c, "SELECT count(*) FROM processes");
      assertThat(Long.parseLong(p.rows().get(0))).isPositive();
      assertThat(p.warnings()).hasSize(1).allMatch(w -> w.contains(": at byte " + brokenAt + ": "));
      // The capture table tells too.
      assertThat(Jdbc.rows(c, "SELECT warning IS NOT NULL FROM capture")).containsExactly("true");
    }
  }

  @Test
  void theOverviewOfACutCaptureCountsUpToTheCutAndSaysSoEachTime() throws SQLException {
    try (Connection c = local("cut.scap")) {
      String calls = "SELECT total FROM inspect.overview WHERE tile = 'system_calls'";
      Answer first = ask(c, calls);
      long visible = Jdbc.rows(c, "SELECT evt_num FROM events WHERE evt_visible OR evt_category = 'internal'")
          .size();
      assertThat(first.rows()).containsExactly(String.valueOf(visible));
      assertThat(first.warnings()).singleElement().asString()
          .startsWith(damaged.resolve("cut.scap") + ": at byte ").contains("capture is truncated");
      // A damaged capture's overview is not kept: asked again, it is read again and warns again.
      Answer again = ask(c, calls);
      assertThat(again.rows()).isEqualTo(first.rows());
      assertThat(again.warnings()).isEqualTo(first.warnings());
    }
  }

  @Test
  void aCutInsideTheMetadataIsAWarningNotSilence() throws SQLException {
    try (Connection c = local("meta.scap")) {
      Answer a = ask(c, "SELECT count(*) FROM events");
      assertThat(a.rows()).containsExactly("0");
      assertThat(a.warnings()).singleElement().asString()
          .startsWith(damaged.resolve("meta.scap") + ": at byte ").contains("capture is truncated");
    }
  }

  @Test
  void oneDamagedCaptureLeavesTheOthersAnswering() throws SQLException {
    long good;
    try (Connection c = local("good.scap")) {
      good = Long.parseLong(Jdbc.rows(c, "SELECT count(*) FROM events").get(0));
      assertThat(ask(c, "SELECT count(*) FROM processes").warnings()).isEmpty();
    }
    try (Connection c = DriverManager.getConnection("jdbc:scap:" + damaged)) {
      Answer byCapture = ask(c, "SELECT capture, count(*) FROM events GROUP BY capture ORDER BY capture");
      assertThat(byCapture.rows()).contains("good.scap|" + good).doesNotContain("meta.scap|0");
      assertThat(byCapture.warnings()).hasSize(3)
          .anyMatch(w -> w.contains("cut.scap")).anyMatch(w -> w.contains("meta.scap"))
          .anyMatch(w -> w.contains("broken.scap"));
      // Asking for the good capture reads only it: no warning about the others.
      Answer one = ask(c, "SELECT count(*) FROM events WHERE capture = 'good.scap'");
      assertThat(one.rows()).containsExactly(String.valueOf(good));
      assertThat(one.warnings()).isEmpty();
      assertThat(ask(c, "SELECT count(*) FROM processes WHERE capture = 'good.scap'").rows())
          .containsExactly("41");
    }
  }

  @Test
  void remoteClientsGetTheSameRowsAndWarnings() throws SQLException {
    Answer local;
    try (Connection c = DriverManager.getConnection("jdbc:scap:" + damaged)) {
      local = ask(c, ROWS + " WHERE capture IN ('cut.scap', 'broken.scap') ORDER BY capture, evt_num");
    }
    try (Connection c = DriverManager.getConnection(server.scapUrl())) {
      Answer remote = ask(c, ROWS + " WHERE capture IN ('cut.scap', 'broken.scap') ORDER BY capture, evt_num");
      assertThat(remote).isEqualTo(local);
      assertThat(remote.warnings()).hasSize(2);
    }
    try (Connection c = DriverManager.getConnection(server.url())) {
      // Avatica's protocol carries no warnings: the rows arrive, and no error.
      assertThat(Jdbc.rows(c, ROWS + " WHERE capture IN ('cut.scap', 'broken.scap') ORDER BY capture, evt_num"))
          .isEqualTo(local.rows());
    }
  }

  @Test
  void aPipeIsReadOnceAndASecondPassSaysSo() throws Exception {
    Path fifo = damaged.resolveSibling(damaged.getFileName() + "-pipe.scap");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    Assumptions.assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is not available");
    byte[] run = Files.readAllBytes(reference.resolve("run.scap"));
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write(run);
      } catch (IOException ignored) {
        // The reader went away: the test's assertions say what happened.
      }
    });
    writer.setDaemon(true);
    writer.start();
    try (Connection c = DriverManager.getConnection("jdbc:scap:" + fifo)) {
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events")).containsExactly("4143");
      assertThatThrownBy(() -> Jdbc.rows(c, "SELECT count(*) FROM events"))
          .isInstanceOf(SQLException.class)
          .hasMessage(fifo + ": is a pipe or device, which can be read only once, and an earlier pass already"
              + " read it; save the capture to a file to run more than one pass over it")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("58030");
    } finally {
      writer.join(10_000);
      Files.deleteIfExists(fifo);
    }
  }
}
