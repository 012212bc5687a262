package org.scapsql.adapter.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scapsql.Fixtures;
import org.scapsql.TestCache;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.SqlRows;
import org.scapsql.adapter.cache.ColumnCache;
import org.scapsql.generate.Generator;
import org.scapsql.generate.GeneratorOptions;

/**
 * A capture's entity tables read back from its {@code .ents} file are exactly the ones
 * its pass computed, table by table and value by value (types included), on every real
 * capture, a generated one and one of several sections; and the file is never trusted
 * when it should not be: a changed byte, a cut file, one written for another capture or
 * build, an older format, the cache turned off. Two processes writing it at once leave
 * one whole file.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EntityFileTest {
  @TempDir
  static Path dir;
  private static Path captures;
  private static TestCache cache;
  private static final List<String> NAMES = new ArrayList<>();
  private final ColumnCache store = ColumnCache.shared();

  @BeforeAll
  static void setUp() throws Exception {
    cache = TestCache.in(dir.resolve("cache"));
    captures = Files.createDirectories(dir.resolve("captures"));
    // The project's captures and those of the shared folder beside it (when there), each content once.
    Set<String> seen = new HashSet<>();
    List<Path> sources = new ArrayList<>(listed(Fixtures.capturesDir()));
    Path shared = Fixtures.root().getParent().resolve("shared/captures");
    if (Files.isDirectory(shared)) {
      sources.addAll(listed(shared));
    }
    for (Path p : sources) {
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
      if (seen.add(digest)) {
        String name = p.getFileName().toString();
        name = NAMES.contains(name) ? "shared-" + name : name;
        settled(Files.copy(p, captures.resolve(name)));
        NAMES.add(name);
      }
    }
    assertThat(NAMES).contains("cat_write.scap", "modern-small.scap.gz", "run_as_user_0_container.scap");
    new Generator(GeneratorOptions.of(3L << 20, 7)).generate(captures.resolve("generated.scap"));
    settled(captures.resolve("generated.scap"));
    NAMES.add("generated.scap");
    settled(Files.move(Fixtures.big(dir, 3), captures.resolve("three-sections.scap")));
    NAMES.add("three-sections.scap");
  }

  private static List<Path> listed(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.toString().endsWith(".scap") || p.toString().endsWith(".scap.gz")).sorted().toList();
    }
  }

  @AfterAll
  static void tearDown() {
    cache.close();
    EntityCache.clear();
  }

  @BeforeEach
  void on() {
    System.setProperty("scapsql.columnCache", "on");
    EntityCache.clear();
  }

  @AfterEach
  void off() {
    assertThat(store.awaitBuilds(TimeUnit.MINUTES.toMillis(2))).isTrue();
    System.setProperty("scapsql.columnCache", "off");
    EntityCache.clear();
  }

  /** A capture last modified a minute ago: one modified in the last seconds may still be being written. */
  private static Path settled(Path p) throws IOException {
    Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    return p;
  }

  static Stream<String> captureNames() {
    return NAMES.stream();
  }

  /** Every table made of the entities, as lists of values (List.equals compares types too: 1L is not 1). */
  private static Map<String, List<List<Object>>> tables(Path capture, Entities e) {
    Map<String, List<Object[]>> t = new LinkedHashMap<>();
    t.put("processes", e.processes().toList());
    t.put("threads", e.threads().toList());
    t.put("fds", e.fds().toList());
    t.put("connections", e.connections().toList());
    t.put("containers", SmallTables.containers(e));
    t.put("users", SmallTables.users(e));
    t.put("user_groups", SmallTables.groups(e));
    t.put("interfaces", SmallTables.interfaces(e));
    t.put("capture", List.<Object[]>of(SmallTables.capture(capture, e)));
    Map<String, List<List<Object>>> out = new LinkedHashMap<>();
    t.forEach((name, rows) -> out.put(name, rows.stream().map(Arrays::asList).toList()));
    return out;
  }

  /** Runs the pass of {@code capture} into its file in the cache, as a query would. */
  private Path write(Path capture) throws IOException {
    String key = store.storeKey(capture);
    assertThat(key).as("cacheable: " + capture).isNotNull();
    Path file = WriteEntities.write(capture, key);
    assertThat(file).isRegularFile();
    return file;
  }

  private Entities load(Path capture) {
    return EntityCache.load(store, store.storeKey(capture), capture);
  }

  @ParameterizedTest
  @MethodSource("captureNames")
  void everyTableReadsBackAsThePassComputedIt(String name) throws Exception {
    Path capture = captures.resolve(name);
    Entities pass = EntityPass.run(capture, QueryControl.none());
    Path file = write(capture);
    long loads = EntityFile.loads();
    Entities back = load(capture);
    assertThat(back).as("loaded from " + file).isNotNull();
    assertThat(EntityFile.loads()).isEqualTo(loads + 1);
    Map<String, List<List<Object>>> expected = tables(capture, pass);
    Map<String, List<List<Object>>> actual = tables(capture, back);
    for (String table : expected.keySet()) {
      assertThat(actual.get(table)).as(name + ": " + table).isEqualTo(expected.get(table));
    }
    assertThat(expected.get("capture")).hasSize(1);
    assertThat(List.of(back.processes().size(), back.threads().size(), back.fds().size(),
        back.connections().size())).isEqualTo(List.of(pass.processes().size(), pass.threads().size(),
        pass.fds().size(), pass.connections().size()));
    assertThat(List.of(back.header() == null ? "none" : back.header(), back.machine() == null ? "none" : back.machine(),
        back.events(), String.valueOf(back.firstTs()), String.valueOf(back.lastTs()), String.valueOf(back.dialect()),
        String.valueOf(back.warning()), back.capture()))
        .isEqualTo(List.of(pass.header() == null ? "none" : pass.header(),
            pass.machine() == null ? "none" : pass.machine(), pass.events(), String.valueOf(pass.firstTs()),
            String.valueOf(pass.lastTs()), String.valueOf(pass.dialect()), String.valueOf(pass.warning()),
            pass.capture()));
    if (!name.equals("empty.scap")) {
      assertThat(pass.threads()).as("a capture with threads").isNotEmpty();
    }
  }


  private static final List<String> QUERIES = List.of("SELECT * FROM processes", "SELECT * FROM threads",
      "SELECT * FROM fds", "SELECT * FROM connections", "SELECT * FROM containers", "SELECT * FROM users",
      "SELECT * FROM user_groups", "SELECT * FROM interfaces",
      "SELECT capture, format_version, hostname, num_cpus, memory_bytes, first_rawtime, last_rawtime, events,"
          + " dialect, warning FROM capture",
      "SELECT p.proc_name, count(*), sum(f.bytes_read) FROM fds f JOIN processes p"
          + " ON f.proc_lifetime = p.proc_lifetime GROUP BY p.proc_name ORDER BY 1");

  @Test
  void aNewProcessAnswersFromTheFileAsFromThePass() throws Exception {
    Path capture = captures.resolve("generated.scap");
    System.setProperty("scapsql.columnCache", "off");
    Map<String, List<String>> direct = new LinkedHashMap<>();
    for (String q : QUERIES) {
      direct.put(q, SqlRows.of(capture, q));
    }
    EntityCache.clear();
    System.setProperty("scapsql.columnCache", "on");
    // The first query runs the pass and leaves the file behind (on the builder thread).
    assertThat(SqlRows.of(capture, QUERIES.get(0))).isEqualTo(direct.get(QUERIES.get(0)));
    assertThat(store.awaitBuilds(TimeUnit.MINUTES.toMillis(2))).isTrue();
    // What a new process knows: nothing in memory, the file on disk.
    EntityCache.clear();
    long loads = EntityFile.loads();
    for (String q : QUERIES) {
      assertThat(SqlRows.of(capture, q)).as(q).isEqualTo(direct.get(q));
    }
    assertThat(EntityFile.loads()).as("entities read from the file, once").isEqualTo(loads + 1);
    assertThat(direct.get("SELECT * FROM fds")).isNotEmpty();
  }

  @Test
  void theCaptureColumnIsTheNameTheCaptureIsOpenedUnder() throws Exception {
    Path capture = captures.resolve("cat_write.scap");
    write(capture);
    Path alias = Files.createSymbolicLink(dir.resolve("alias.scap"), capture);
    // Same real file, same key: the file is read, but its rows name the capture as opened now.
    Entities e = load(alias);
    assertThat(e).isNotNull();
    assertThat(e.capture()).isEqualTo("alias.scap");
    assertThat(tables(alias, e).get("processes")).isNotEmpty()
        .allSatisfy(r -> assertThat(r.get(r.size() - 1)).isEqualTo("alias.scap"));
    assertThat(tables(alias, e)).isEqualTo(tables(alias, EntityPass.run(alias, QueryControl.none())));
  }

  @Test
  void aDamagedFileIsDeletedAndRebuiltNeverTrusted() throws Exception {
    Path capture = settled(Files.copy(captures.resolve("generated.scap"), dir.resolve("damaged.scap")));
    Entities pass = EntityPass.run(capture, QueryControl.none());
    long size = Files.size(write(capture));
    for (long at : new long[] {0, 9, 40, size / 3, size / 2, size - 30, size - 1}) {
      Path file = write(capture);
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        f.seek(at);
        int b = f.read();
        f.seek(at);
        f.write(b ^ 0x21);
      }
      long loads = EntityFile.loads();
      assertThat(load(capture)).as("damage at " + at).isNull();
      assertThat(EntityFile.loads()).isEqualTo(loads);
      assertThat(file).as("damaged file deleted").doesNotExist();
    }
    // The next query runs the pass, answers from it and writes the file again.
    Path file = write(capture);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(size / 2);
      f.write(f.read() ^ 1);
    }
    Entities got = EntityCache.get(capture, QueryControl.none());
    assertThat(tables(capture, got)).isEqualTo(tables(capture, pass));
    assertThat(store.awaitBuilds(TimeUnit.MINUTES.toMillis(2))).isTrue();
    assertThat(file).as("rebuilt").isRegularFile();
    assertThat(tables(capture, load(capture))).isEqualTo(tables(capture, pass));
  }

  @Test
  void aTruncatedFileIsDeletedNeverTrusted() throws Exception {
    Path capture = captures.resolve("run_as_user_0_container.scap");
    for (double keep : new double[] {0.0, 0.001, 0.5, 0.99}) {
      Path file = write(capture);
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        f.setLength((long) (f.length() * keep));
      }
      assertThat(load(capture)).as("cut to " + keep).isNull();
      assertThat(file).doesNotExist();
    }
    // Longer than written (another writer's bytes after it): the trailer no longer ends it.
    Path file = write(capture);
    Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(load(capture)).isNull();
  }

  @Test
  void aFileWrittenForAnotherCaptureOrBuildOrFormatIsRejected() throws Exception {
    Path a = captures.resolve("cat_write.scap");
    Path b = settled(Files.copy(captures.resolve("connect_localhost.scap"), dir.resolve("other.scap")));
    Path fileA = write(a);
    Path fileB = write(b);
    assertThat(fileB).isNotEqualTo(fileA);
    // The key (path, size, time, format, build) names the file; a file under the right name
    // whose contents were written for another key is rejected all the same.
    Files.copy(fileA, fileB, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(load(b)).isNull();
    assertThat(fileB).doesNotExist();
    // The build stamp is part of the key: another build's files have other names.
    assertThat(store.storeKey(b)).matches(".*\\|\\d+\\|\\d+\\|\\d+\\|.+");
    // A file of another entity format (an older scapsql of the same build stamp), whole and with
    // its checksums right, is not decoded.
    Path older = write(b);
    otherFormat(older);
    assertThat(load(b)).isNull();
    assertThat(older).doesNotExist();
    // A changed capture (new modification time) has a new key: the old file is not read for it.
    write(b);
    assertThat(load(b)).isNotNull();
    settled(b);
    Files.setLastModifiedTime(b, FileTime.fromMillis(System.currentTimeMillis() - 30_000));
    assertThat(load(b)).isNull();
  }

  @Test
  void theCacheTurnedOffNeitherReadsNorWrites() throws Exception {
    Path capture = settled(Files.copy(captures.resolve("connect_localhost.scap"), dir.resolve("off.scap")));
    System.setProperty("scapsql.columnCache", "off");
    assertThat(store.storeKey(capture)).isNull();
    EntityCache.get(capture, QueryControl.none());
    assertThat(store.awaitBuilds(TimeUnit.MINUTES.toMillis(2))).isTrue();
    System.setProperty("scapsql.columnCache", "on");
    assertThat(load(capture)).as("nothing written while off").isNull();
    write(capture);
    System.setProperty("scapsql.columnCache", "off");
    EntityCache.clear();
    long loads = EntityFile.loads();
    EntityCache.get(capture, QueryControl.none());
    assertThat(EntityFile.loads()).as("a file present is not read while off").isEqualTo(loads);
  }

  @Test
  void forgettingACaptureDeletesItsFiles() throws Exception {
    Path capture = settled(Files.copy(captures.resolve("generated.scap"), dir.resolve("forget.scap")));
    Path ents = write(capture);
    Path cols = store.buildNow(capture);
    assertThat(cols).isRegularFile();
    // With the cache on, the building scan also asked for a background build: let it finish first.
    assertThat(store.awaitBuilds(TimeUnit.MINUTES.toMillis(2))).isTrue();
    assertThat(store.forget(capture)).isTrue();
    assertThat(ents).doesNotExist();
    assertThat(cols).doesNotExist();
    assertThat(store.forget(capture)).isFalse();
  }

  /** Rewrites the format number at the head of the file's tail, and the tail's CRC with it. */
  private static void otherFormat(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long trailerAt = f.length() - EntityFile.TRAILER;
      f.seek(trailerAt);
      byte[] t = new byte[EntityFile.TRAILER];
      f.readFully(t);
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(t).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      long tailAt = b.getLong(0);
      byte[] tail = new byte[(int) b.getLong(8)];
      f.seek(tailAt);
      f.readFully(tail);
      tail[0] = (byte) (EntityFile.FORMAT + 1);
      f.seek(tailAt);
      f.write(tail);
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(tail);
      b.putInt(16, (int) crc.getValue());
      f.seek(trailerAt);
      f.write(t);
    }
  }

  /**
   * Blocks of a few rows: every table spans many blocks, each decoded on its own (its
   * numbers and strings start afresh), and the rows are the same as in one block.
   */
  @ParameterizedTest
  @MethodSource("captureNames")
  void smallBlocksGiveTheSameRows(String name) throws Exception {
    Path capture = captures.resolve(name);
    Entities whole = EntityPass.run(capture, QueryControl.none());
    int blockRows = EntityFile.blockRows;
    try {
      EntityFile.blockRows = 3;
      Entities small = EntityPass.run(capture, QueryControl.none());
      assertThat(tables(capture, small)).isEqualTo(tables(capture, whole));
    } finally {
      EntityFile.blockRows = blockRows;
    }
  }

  /**
   * A row is written when its lifetime ends, with the columns the end of the capture defines
   * (names of users and containers, an fd's process name) settled when it is read: an fd
   * closed before its process changed its name (execve) carries the name the process ended with.
   */
  @Test
  void settledColumnsFollowTheEndOfTheCapture() throws Exception {
    Path capture = captures.resolve("generated.scap");
    String q = "SELECT count(*) FROM fds f JOIN processes p ON f.proc_lifetime = p.proc_lifetime"
        + " WHERE f.proc_name IS NOT DISTINCT FROM p.proc_name AND f.proc_pid IS NOT DISTINCT FROM p.proc_pid";
    System.setProperty("scapsql.columnCache", "off");
    assertThat(SqlRows.of(capture, q)).isEqualTo(SqlRows.of(capture, "SELECT count(*) FROM fds"));
    assertThat(SqlRows.of(capture, "SELECT count(*) FROM threads t JOIN users u ON t.user_uid = u.user_uid"
        + " WHERE t.user_name IS DISTINCT FROM u.user_name")).containsExactly("0");
    assertThat(SqlRows.of(capture, "SELECT count(*) FROM fds WHERE fd_rawopenflags IS NOT NULL AND fd_openflags IS NULL"))
        .containsExactly("0");
    assertThat(SqlRows.of(capture, "SELECT count(*) FROM fds WHERE fd_openflags LIKE 'O_%'"))
        .isNotEqualTo(List.of("0"));
  }

  @Test
  void twoProcessesWritingAtOnceLeaveOneWholeFile() throws Exception {
    Path capture = settled(Files.copy(captures.resolve("generated.scap"), dir.resolve("twice.scap")));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ps.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "-Dscapsql.cache=" + System.getProperty("scapsql.cache"), "-Dscapsql.columnCache.minBytes=0",
          "-Dscapsql.columnCache=on", WriteEntities.class.getName(), capture.toString())
          .redirectErrorStream(true).start());
    }
    for (Process p : ps) {
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
    Entities back = load(capture);
    assertThat(back).isNotNull();
    assertThat(tables(capture, back)).isEqualTo(tables(capture, EntityPass.run(capture, QueryControl.none())));
    Path folder = write(capture).getParent();
    try (Stream<Path> left = Files.list(folder)) {
      assertThat(left.filter(p -> p.toString().endsWith(".tmp")).count()).as("temporary files left").isZero();
    }
  }
}
