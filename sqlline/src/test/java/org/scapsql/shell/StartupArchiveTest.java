package org.scapsql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;

/**
 * bin/scapsql's class-data sharing archive, run as a user runs it: the real script in a copy of
 * the project's layout whose jars are made from this build's classes (tests run before the
 * package phase makes the real ones), with its own cache folder.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupArchiveTest {
  private static final String QUERY = "SELECT evt_type, count(*) AS n FROM events GROUP BY evt_type ORDER BY n DESC, evt_type";

  @TempDir
  static Path tmp;
  static Path root;
  static String expected;

  @BeforeAll
  static void layout() throws IOException, InterruptedException {
    root = tmp.resolve("root");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.copy(Fixtures.root().resolve("bin/scapsql"), bin.resolve("scapsql"));
    bin.resolve("scapsql").toFile().setExecutable(true);
    // A short training keeps the test quick; the real file's statements are checked below.
    Files.writeString(bin.resolve("startup-training.sql"),
        "SELECT 1;\n" + QUERY + ";\nSELECT proc_name, count(*) FROM events GROUP BY proc_name;\n");
    Files.createDirectories(root.resolve("testdata"));
    Files.createSymbolicLink(root.resolve("testdata/captures"), Fixtures.capturesDir());
    Path target = Files.createDirectories(root.resolve("sqlline/target"));
    Path lib = Files.createDirectories(root.resolve("lib"));
    List<String> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (p.endsWith("test-classes") || !Files.exists(p)) {
        continue;
      }
      if (p.endsWith(Path.of("sqlline", "target", "classes"))) {
        jar(p, target.resolve("scapsql-sqlline.jar"));
      } else if (Files.isDirectory(p)) {
        // Another module's classes: the archive takes classes from jars only.
        Path j = lib.resolve(p.getParent().getParent().getFileName() + ".jar");
        jar(p, j);
        classpath.add(j.toString());
      } else {
        classpath.add(p.toString());
      }
    }
    assertThat(target.resolve("scapsql-sqlline.jar")).exists();
    jar(Files.createDirectories(tmp.resolve("empty")), target.resolve("scapsql-sqlline-janino.jar"));
    Files.writeString(target.resolve("runtime-classpath.txt"), String.join(":", classpath));
    // Newer than every file above: the script sees a finished build and does not call Maven.
    Files.createFile(root.resolve(".scapsql-build-stamp"));
    // Off: no archive is made, and the answer is the one every other run must print.
    Result off = run(tmp.resolve("cache-off"), Map.of("SCAPSQL_CDS", "off"));
    assertThat(off.err()).isEmpty();
    assertThat(off.status()).isZero();
    expected = off.out();
    assertThat(expected).contains("| close ").contains("rows");
    assertThat(archives(tmp.resolve("cache-off"))).isEmpty();

    // On: the first run trains and makes the archive, then answers the query.
    cache = tmp.resolve("cache");
    Result first = run(cache, Map.of());
    assertThat(first.status()).isZero();
    assertThat(first.err()).isEmpty();
    assertThat(first.out()).isEqualTo(expected);
    assertThat(archives(cache)).hasSize(1);
    archive = archives(cache).get(0);
    // The name carries the size: a file cut short is never mapped.
    assertThat(archive.getFileName().toString()).endsWith("-" + Files.size(archive) + ".jsa");
  }

  static Path cache;
  static Path archive;

  @Test
  @Order(1)
  void reusedByTheNextStart() throws Exception {
    FileTime made = Files.getLastModifiedTime(archive);
    Path log = tmp.resolve("classes.log");
    Result second = run(cache, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + log));
    assertThat(second.status()).isZero();
    assertThat(second.out()).isEqualTo(expected);
    assertThat(archives(cache)).containsExactly(archive);
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
    assertThat(sharedFromArchive(log)).as("classes mapped from the archive").isGreaterThan(1000);
  }

  @Test
  @Order(2)
  void aDamagedArchiveIsIgnoredAndACutShortOneMadeAgain() throws Exception {
    Path own = tmp.resolve("cache-damaged");
    Path copy = Files.createDirectories(own.resolve("scapsql")).resolve(archive.getFileName());
    long size = Files.size(archive);
    // Same size, other bytes: the JVM checks the archive's header and checksums and runs without it.
    byte[] junk = new byte[(int) size];
    for (int i = 0; i < junk.length; i++) {
      junk[i] = (byte) (i * 31 + 7);
    }
    Files.write(copy, junk);
    Path log = tmp.resolve("damaged.log");
    Result damaged = run(own, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + log));
    assertThat(damaged.status()).isZero();
    assertThat(damaged.err()).isEmpty();
    assertThat(damaged.out()).isEqualTo(expected);
    assertThat(sharedFromArchive(log)).isZero();
    assertThat(archives(own)).containsExactly(copy);

    // Cut short: never mapped (mapping it could crash the JVM), made again.
    Files.write(copy, new byte[4096]);
    Result cut = run(own, Map.of());
    assertThat(cut.status()).isZero();
    assertThat(cut.err()).isEmpty();
    assertThat(cut.out()).isEqualTo(expected);
    List<Path> again = archives(own);
    assertThat(again).hasSize(1);
    assertThat(Files.size(again.get(0))).isGreaterThan(1_000_000);
    assertThat(again.get(0).getFileName().toString()).endsWith("-" + Files.size(again.get(0)) + ".jsa");
  }

  @Test
  @Order(3)
  void anUnwritableCacheFolderOnlyMeansNoArchive() throws Exception {
    // A cache folder below a plain file can never be made, even by root.
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
    Result r = run(file.resolve("cache"), Map.of());
    assertThat(r.status()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(expected);
  }

  /**
   * A one-shot command whose answers are kept on disk is marked, and the same command again
   * starts with C1 alone; a run that has to plan (its kept rows gone) and keeps nothing removes
   * the mark. The short-run bound is 0 here, so that the fixture counts as a large capture.
   */
  @Test
  @Order(4)
  void aCommandAnsweredFromKeptRowsStartsWithC1Alone() throws Exception {
    Map<String, String> env = Map.of("SCAPSQL_COLUMN_CACHE", "on", "SCAPSQL_COLUMN_CACHE_DETACH", "off",
        "SCAPSQL_RESULT_REUSE", "on", "SCAPSQL_SHORT_RUN_BYTES", "0", "JAVA_TOOL_OPTIONS", "-XX:+PrintCommandLineFlags");
    Path results = cache.resolve("scapsql/results");
    boolean[] c1 = new boolean[4];
    List<Long> marks = new ArrayList<>();
    for (int i = 0; i < c1.length; i++) {
      Map<String, String> runEnv = env;
      if (i == 2) {
        // The kept rows go (evicted, say), and this run may keep none (a bound of 0, set where the
        // launcher's checksum does not look): the mark outlives the rows, and this run plans.
        try (Stream<Path> kept = Files.list(results)) {
          for (Path f : (Iterable<Path>) kept::iterator) {
            if (f.getFileName().toString().endsWith(".rows")) {
              Files.delete(f);
            }
          }
        }
        runEnv = new HashMap<>(env);
        runEnv.put("JAVA_TOOL_OPTIONS", "-XX:+PrintCommandLineFlags -Dscapsql.resultReuse.maxBytes=0");
      }
      Result r = run(cache, runEnv);
      assertThat(r.status()).isZero();
      assertThat(r.err()).isEmpty();
      String flags = r.out().lines().findFirst().orElseThrow();
      assertThat(flags).contains("-XX:");
      c1[i] = flags.contains("-XX:TieredStopAtLevel=1");
      assertThat(r.out().substring(flags.length() + 1)).isEqualTo(expected);
      marks.add(answeredMarks(results));
    }
    // Planned and kept (marked); C1, answered from the kept rows; C1, planned and not kept
    // (unmarked); as usual again, planned and kept (marked).
    assertThat(c1).containsExactly(false, true, true, false);
    assertThat(marks).containsExactly(1L, 1L, 0L, 1L);
  }

  private static long answeredMarks(Path results) throws IOException {
    if (!Files.isDirectory(results)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(results)) {
      return files.filter(f -> f.getFileName().toString().startsWith("answered-")).count();
    }
  }

  /** Last: it makes a new build, which the tests above do not expect. */
  @Test
  @Order(5)
  void aNewBuildMakesANewArchive() throws Exception {
    Path jar = root.resolve("sqlline/target/scapsql-sqlline.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
    Path log = tmp.resolve("rebuilt.log");
    Result rebuilt = run(cache, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + log));
    assertThat(rebuilt.status()).isZero();
    assertThat(rebuilt.out()).isEqualTo(expected);
    assertThat(archives(cache)).hasSize(2).contains(archive);
    assertThat(sharedFromArchive(log)).as("the new build's archive is used").isGreaterThan(1000);
  }

  /** Every statement of the real training file runs (a failing one would cut the training short). */
  @Test
  @Order(6)
  void theTrainingStatementsAllRun() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"-f", Fixtures.root().resolve("bin/startup-training.sql").toString(),
        Fixtures.capture("run_as_user_0_container.scap").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(status).isZero();
  }

  private static long sharedFromArchive(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> l.contains("shared objects file (top)")).count();
    }
  }

  private static List<Path> archives(Path cache) throws IOException {
    Path dir = cache.resolve("scapsql");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches("startup-.*\\.jsa")).sorted().toList();
    }
  }

  record Result(int status, String out, String err) {}

  private static Result run(Path cacheHome, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/scapsql").toString(), "-e", QUERY,
        Fixtures.capture("run_as_user_0_container.scap").toString());
    Map<String, String> e = pb.environment();
    e.put("XDG_CACHE_HOME", cacheHome.toString());
    e.put("SCAPSQL_COLUMN_CACHE", "off");
    e.remove("SCAPSQL_CDS");
    e.remove("SCAPSQL_JAVA_OPTS");
    e.remove("JAVA_TOOL_OPTIONS");
    e.putAll(new HashMap<>(env));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("bin/scapsql finished").isTrue();
    String errText = Files.readString(err).lines()
        .filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS"))
        .reduce("", (a, b) -> a + b + "\n");
    return new Result(p.exitValue(), Files.readString(out), errText);
  }

  private static void jar(Path classes, Path jar) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().putValue("Manifest-Version", "1.0");
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, m);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (f.equals(classes)) {
          continue;
        }
        String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
        if (Files.isDirectory(f)) {
          j.putNextEntry(new JarEntry(name + "/"));
        } else {
          j.putNextEntry(new JarEntry(name));
          Files.copy(f, j);
        }
        j.closeEntry();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
