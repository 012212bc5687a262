package org.scapsql.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.scapsql.adapter.cache.ColumnCache;

/**
 * {@code bench --vs-sysdig}: a fixed set of questions asked of one capture three ways,
 * each a whole process as a user runs it: scapsql without its column cache (the first
 * query on a capture), scapsql with the cache built (any later query), and the sysdig
 * command that answers the same question (where sysdig is installed and reads the
 * capture); plus the second query in one JVM (the shell, the server). Prints seconds,
 * events/s and MB/s of the first query, the ratios, and each process's peak resident set.
 * {@code --only} runs just the named questions: each is run four ways, and on a large
 * capture the whole set takes long.
 */
public final class VsSysdig {
  /** One question: a name, the SQL, and the sysdig arguments after {@code -r CAPTURE} (null: none). */
  record Question(String name, String sql, List<String> sysdig) {}

  private VsSysdig() {}

  static List<Question> questions() {
    List<Question> q = new ArrayList<>();
    q.add(new Question("count events", "SELECT count(*) FROM events", List.of("sysdig", "evt.num=0")));
    q.add(new Question("events by type", "SELECT evt_type, count(*) FROM events GROUP BY evt_type ORDER BY 2 DESC",
        List.of("sysdig", "-c", "topscalls")));
    q.add(new Question("events by process", "SELECT proc_name, count(*) FROM events GROUP BY proc_name",
        List.of("sysdig", "evt.num=0")));
    q.add(new Question("top files by bytes", "SELECT fd_name, sum(evt_buflen) AS b FROM events WHERE fd_type = 'file'"
        + " AND evt_is_io AND evt_buflen > 0 GROUP BY fd_name ORDER BY b DESC LIMIT 10",
        List.of("sysdig", "-c", "topfiles_bytes")));
    q.add(new Question("top connections", "SELECT fd_name, sum(evt_buflen) AS b FROM events WHERE fd_type IN"
        + " ('ipv4', 'ipv6') AND evt_is_io AND evt_buflen > 0 GROUP BY fd_name ORDER BY b DESC LIMIT 10",
        List.of("sysdig", "-c", "topconns")));
    q.add(new Question("errors by type", "SELECT evt_type, count(*) FROM events WHERE evt_failed GROUP BY evt_type"
        + " ORDER BY 2 DESC", List.of("sysdig", "-c", "topscalls", "evt.failed=true")));
    q.add(new Question("spy users", "SELECT * FROM inspect.spy_users", List.of("sysdig", "-c", "spy_users")));
    q.add(new Question("overview", "SELECT * FROM inspect.overview",
        List.of("sysdig", "-c", "wsysdig_summary", "400")));
    String[][] views = {{"processes", "procs"}, {"processes_cpu", "procs_cpu"}, {"processes_errors", "procs_errors"},
        {"threads", "threads"}, {"files", "files"}, {"directories", "directories"}, {"connections", "connections"},
        {"server_ports", "sports"}, {"port_bindings", "port_bindings"}, {"containers", "containers"},
        {"errors", "errors"}, {"io_by_type", "io_by_type"}, {"page_faults", "page_faults"},
        {"slow_file_io", "slow_io"}, {"system_calls", "syscalls"}};
    for (String[] v : views) {
      q.add(new Question("inspect." + v[0], "SELECT * FROM inspect." + v[0],
          List.of("csysdig", "-v", v[1], "-j", "-pc")));
    }
    return q;
  }

  /** A finished process: seconds and peak resident set in KiB (-1: unknown), and its exit code. */
  record Run(double seconds, long peakKib, int exit) {}

  /**
   * The questions named in {@code only} (each element a comma-separated list of names as
   * the bench prints them), in the bench's own order; all of them when {@code only} is empty.
   *
   * @throws IllegalArgumentException naming the unknown names and listing the known ones,
   *     or when the lists name nothing at all
   */
  static List<Question> select(List<String> only) {
    List<Question> all = questions();
    if (only.isEmpty()) {
      return all;
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String list : only) {
      for (String name : list.split(",")) {
        if (!name.isBlank()) {
          wanted.add(name.strip());
        }
      }
    }
    List<String> unknown = new ArrayList<>(wanted);
    unknown.removeAll(all.stream().map(Question::name).toList());
    if (wanted.isEmpty() || !unknown.isEmpty()) {
      StringBuilder m = new StringBuilder(wanted.isEmpty() ? "--only names no question"
          : "--only: unknown question" + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList()));
      m.append("; the questions are:");
      for (Question q : all) {
        m.append(System.lineSeparator()).append("  ").append(q.name());
      }
      throw new IllegalArgumentException(m.toString());
    }
    return all.stream().filter(q -> wanted.contains(q.name())).toList();
  }

  /** Runs the questions {@code only} names (see {@link #select}); every one when it is empty. */
  public static int main(Path capture, List<String> only, PrintStream out, PrintStream err) {
    List<Question> chosen;
    try {
      chosen = select(only);
    } catch (IllegalArgumentException e) {
      err.println("scapsql bench: " + e.getMessage());
      return 2;
    }
    try {
      return run(capture, chosen, out);
    } catch (java.nio.file.NoSuchFileException e) {
      err.println("scapsql bench: no such capture: " + capture);
      return 1;
    } catch (IOException e) {
      err.println("scapsql bench: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static int run(Path capture, List<Question> chosen, PrintStream out)
      throws IOException, InterruptedException {
    // First, so that a missing capture leaves no cache directory behind.
    long size = Files.size(capture);
    // A cache directory of the bench's own: the user's caches are neither used nor disturbed.
    Path cacheDir = Files.createTempDirectory("scapsql-bench-");
    // Where the child processes, given XDG_CACHE_HOME=cacheDir, look for theirs.
    System.setProperty("scapsql.cache", cacheDir.resolve("scapsql").toString());
    boolean hasSysdig = runs(List.of("sysdig", "-r", capture.toString(), "evt.num=0"));
    out.printf(Locale.ROOT, "%s: %,d bytes; %d cores, Java %s; sysdig: %s%n", capture, size,
        Runtime.getRuntime().availableProcessors(), Runtime.version(),
        hasSysdig ? "reads it" : "absent or cannot read this capture");
    // The first start after a build makes the launcher's start-up archive: once, not timed.
    scapsql(List.of("SELECT 1"), null, cacheDir, false);
    Run select1 = scapsql(List.of("SELECT 1"), null, cacheDir, false);
    out.printf(Locale.ROOT, "bin/scapsql -e \"SELECT 1\": %.2f s, peak %s%n", select1.seconds(), mib(select1));
    long events = countEvents(capture);
    long t0 = System.nanoTime();
    System.setProperty("scapsql.columnCache", "on");
    Path cache = ColumnCache.shared().buildNow(capture);
    double build = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "%,d events; column cache built in %.1f s: %s%n", events, build, cache == null
        ? "none (capture too small, still being written, or not a file)"
        : String.format(Locale.ROOT, "%,d bytes, %.1f%% of the capture", Files.size(cache),
            100.0 * Files.size(cache) / size));
    out.println();
    out.println("| question | first (no cache) | events/s | MB/s | with cache | again, new process"
        + " | new question, warm JVM | second in one JVM | sysdig | sysdig / first | first / cached above SELECT 1"
        + " | first / again above SELECT 1 | first / new question in warm JVM | first / second in JVM"
        + " | peak MiB (first, cached) |");
    out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (Question q : chosen) {
      Run cold = scapsql(List.of(q.sql()), capture, cacheDir, false);
      Run warm = scapsql(List.of(q.sql()), capture, cacheDir, true);
      // The same question from a new process again: the rows the run above kept on disk.
      Run again = scapsql(List.of(q.sql()), capture, cacheDir, true);
      String inJvmFailure = null;
      double inJvm;
      double fresh = Double.NaN;
      try {
        fresh = newInWarmJvm(capture, q.sql());
        inJvm = secondInJvm(capture, q.sql());
      } catch (IOException | RuntimeException | OutOfMemoryError e) {
        // One question that fails (an entity pass too big for the heap, say) is a finding, not
        // the end of the bench: its cell says so and the rest still run.
        inJvm = Double.NaN;
        inJvmFailure = e instanceof OutOfMemoryError ? "out of memory" : "failed";
      }
      Run sys = hasSysdig && q.sysdig() != null ? sysdig(q.sysdig(), capture) : null;
      out.printf(Locale.ROOT, "| %s | %.2f s%s | %,.0f | %.0f | %.2f s%s | %.2f s%s | %s | %s | %s | %s | %s | %s"
          + " | %s | %s | %s, %s |%n",
          q.name(), cold.seconds(), cold.exit() == 0 ? "" : " (exit " + cold.exit() + ")",
          events / cold.seconds(), size / 1e6 / cold.seconds(), warm.seconds(),
          warm.exit() == 0 ? "" : " (exit " + warm.exit() + ")", again.seconds(),
          again.exit() == 0 ? "" : " (exit " + again.exit() + ")",
          Double.isNaN(fresh) ? inJvmFailure : String.format(Locale.ROOT, "%.2f s", fresh),
          inJvmFailure != null ? inJvmFailure : String.format(Locale.ROOT, "%.3f s", inJvm),
          sys == null ? "-" : String.format(Locale.ROOT, "%.2f s", sys.seconds()),
          sys == null ? "-" : String.format(Locale.ROOT, "%.1fx", sys.seconds() / cold.seconds()),
          aboveSelect1(cold.seconds(), warm.seconds(), select1.seconds()),
          aboveSelect1(cold.seconds(), again.seconds(), select1.seconds()),
          Double.isNaN(fresh) ? "-" : String.format(Locale.ROOT, "%.1fx", cold.seconds() / fresh),
          inJvmFailure != null ? "-" : String.format(Locale.ROOT, "%.0fx", cold.seconds() / Math.max(0.0005, inJvm)),
          mib(cold), mib(warm));
    }
    deleteTree(cacheDir);
    return 0;
  }

  /**
   * How many times shorter {@code run} is than {@code cold}, both counted above
   * {@code select1}. A run within 5% of {@code SELECT 1} (about the spread of one process's
   * start between runs) has nothing left to measure above it: its ratio is given as a bound.
   */
  static String aboveSelect1(double cold, double run, double select1) {
    double floor = 0.05 * select1;
    if (run - select1 < floor) {
      return String.format(Locale.ROOT, "at SELECT 1 (>= %.0fx)", (cold - select1) / floor);
    }
    return String.format(Locale.ROOT, "%.1fx", (cold - select1) / (run - select1));
  }

  private static String mib(Run r) {
    return r.peakKib() < 0 ? "-" : Long.toString(r.peakKib() / 1024);
  }

  private static long countEvents(Path capture) throws IOException {
    System.setProperty("scapsql.columnCache", "off");
    return Bench.query(capture, "SELECT count(*) FROM events").events();
  }

  /**
   * A question this JVM has not been asked, over the column cache, after it answered the
   * questions before it: what a shell, server or DBeaver user sees on turning to another
   * view. Nothing of the question is kept from before (its rows are not reused), but the JVM
   * has compiled Calcite and the scans, and the cache files are open. The first question of
   * the bench follows only the count of events the bench makes first.
   */
  private static double newInWarmJvm(Path capture, String sql) throws IOException {
    System.setProperty("scapsql.columnCache", "on");
    System.setProperty("scapsql.resultReuse", "off");
    try {
      return Bench.query(capture, sql).nanos() / 1e9;
    } finally {
      System.clearProperty("scapsql.resultReuse");
    }
  }

  /**
   * The second time a query runs in one JVM, after a first run without the cache (which
   * also compiles what Calcite generates): what a shell or server user sees.
   */
  private static double secondInJvm(Path capture, String sql) throws IOException {
    System.setProperty("scapsql.columnCache", "off");
    Bench.query(capture, sql);
    System.setProperty("scapsql.columnCache", "on");
    return Bench.query(capture, sql).nanos() / 1e9;
  }

  /**
   * One whole {@code bin/scapsql -e} process, as a user runs it: through the launcher (with its
   * start-up archive and short-run options) when the bench was started by it, else the same JVM
   * options by hand. Settings go through the environment: options in SCAPSQL_JAVA_OPTS would
   * make the launcher train an archive for each distinct set.
   */
  private static Run scapsql(List<String> statements, Path capture, Path cacheDir, boolean cached)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    String launcher = System.getProperty("scapsql.launcher");
    if (launcher != null && Files.isExecutable(Path.of(launcher))) {
      cmd.add(launcher);
    } else {
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx512m");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("org.scapsql.shell.Main");
    }
    cmd.add("-e");
    cmd.add(String.join("; ", statements));
    cmd.add("--format");
    cmd.add("csv");
    if (capture != null) {
      cmd.add(capture.toString());
    }
    Map<String, String> env = new HashMap<>();
    env.put("XDG_CACHE_HOME", cacheDir.toString());
    env.put("SCAPSQL_COLUMN_CACHE", cached ? "on" : "off");
    // The timed processes run with the launcher's own options, whatever heap the bench was given.
    env.put("SCAPSQL_JAVA_OPTS", "");
    return timed(cmd, env);
  }

  private static Run sysdig(List<String> args, Path capture) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(args.get(0));
    cmd.add("-r");
    cmd.add(capture.toString());
    cmd.addAll(args.subList(1, args.size()));
    return timed(cmd);
  }

  private static boolean runs(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a command, its output discarded; GNU time, where installed, reports the peak resident set. */
  private static Run timed(List<String> cmd) throws IOException, InterruptedException {
    return timed(cmd, Map.of());
  }

  private static Run timed(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    Path time = Path.of("/usr/bin/time");
    Path report = Files.createTempFile("scapsql-bench-", ".time");
    List<String> full = new ArrayList<>();
    boolean gnuTime = Files.isExecutable(time);
    if (gnuTime) {
      full.addAll(List.of(time.toString(), "-f", "%M", "-o", report.toString()));
    }
    full.addAll(cmd);
    long t0 = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process p = pb.start();
    int exit = p.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = -1;
    if (gnuTime) {
      List<String> lines = Files.readAllLines(report);
      String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
      if (last.matches("\\d+")) {
        peak = Long.parseLong(last);
      }
    }
    Files.deleteIfExists(report);
    return new Run(seconds, peak, exit);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
