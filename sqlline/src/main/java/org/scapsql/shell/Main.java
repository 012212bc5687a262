package org.scapsql.shell;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.scapsql.export.ExportCommand;
import org.scapsql.export.ExportOptions;
import org.scapsql.server.ServeCommand;
import org.scapsql.tools.Bench;
import org.scapsql.tools.CacheCommand;
import org.scapsql.tools.Dump;
import org.scapsql.tools.Generate;

/** {@code bin/scapsql}: dispatches to the sub-commands. */
public final class Main {
  private static final String USAGE = String.join("\n",
      "usage: scapsql [COMMAND] ...",
      ShellArgs.USAGE,
      "  " + ServeCommand.USAGE,
      "        serve the captures read-only over Avatica (protobuf) until Ctrl-C; loopback unless --host",
      "  dump [--internal] [--dialect sysdig-0.29|current] [CAPTURE]",
      "        print every event as `sysdig -r` does (--internal: also what sysdig shows only with -D);",
      "        without a capture, the generated demo capture",
      "  bench [--repeat N] [--query SQL]... CAPTURE",
      "        read the capture N times and print events/s and MB/s (with --query: of each SQL query)",
      "  bench --vs-sysdig [--only NAME[,NAME...]] CAPTURE",
      "        time a fixed set of questions without and with the column cache and as sysdig/csysdig;",
      "        --only: just the questions named as the bench prints them (an unknown name lists them)",
      "  " + ExportOptions.USAGE.substring("usage: scapsql ".length()),
      "        write the tables (or one query's result) as Parquet, partitioned by host and date, for other engines",
      "  cache [--background] CAPTURE...",
      "        build the column cache and entity tables of the captures now, so that their first query is fast",
      "  generate [--size 10m] [--seed N] [--duration 60s] OUT.scap[.gz]",
      "        write a realistic synthetic capture (plain, or gzip for .gz); same seed, same bytes");

  private Main() {}

  static String usage() {
    return USAGE;
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err);
  }

  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      return Shell.run(args, in, out, err);
    }
    if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      out.println(USAGE);
      return 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "dump":
        return Dump.main(rest, out, err);
      case "bench":
        return Bench.main(rest, out, err);
      case "generate":
        return Generate.main(rest, out, err);
      case "cache":
        return CacheCommand.main(rest, out, err);
      case "export":
        // The progress line only on a terminal: a pipe or a log gets the summary line alone.
        return ExportCommand.run(rest, out, err, System.console() != null ? err : null);
      case "serve":
        return ServeCommand.run(rest, out, err, () -> List.of(DemoCaptures.path()));
      default:
        if (looksLikeCommand(args[0])) {
          err.println("scapsql: unknown command '" + args[0] + "'");
          err.println(USAGE);
          return 2;
        }
        return Shell.run(args, in, out, err);
    }
  }

  /** A bare word that names no file is a mistyped command, not a capture. */
  private static boolean looksLikeCommand(String arg) {
    return arg.matches("[a-z][a-z-]*") && !Files.exists(Path.of(arg));
  }

  public static void main(String[] args) {
    org.scapsql.adapter.cache.ColumnCache cache = org.scapsql.adapter.cache.ColumnCache.shared();
    boolean query = oneShot(args);
    boolean oneShot = query && CacheCommand.detachEnabled();
    if (oneShot) {
      // The answer gets both cores; the build it asks for runs after it, in a process of its own.
      cache.deferBuilds();
    }
    int status = run(args, System.out, System.err);
    if (query) {
      AnsweredMark.record();
    }
    if (oneShot) {
      java.util.List<Path> later = cache.deferred();
      if (!later.isEmpty() && CacheCommand.spawn(later) == null) {
        cache.undefer();
      }
    } else if (!cache.awaitBuilds(0) && CacheCommand.detachEnabled()) {
      // A session that ends while its cache is being built: a process of its own finishes it.
      java.util.List<Path> unfinished = cache.handOver();
      if (!unfinished.isEmpty() && CacheCommand.spawn(unfinished) == null) {
        unfinished.forEach(cache::buildLater);
      }
    }
    // A shell session (or a one-shot query that could not hand its build off) started its
    // column cache on the other core; finishing it makes the next query (any process) fast.
    if (!cache.awaitBuilds(0) && System.console() != null) {
      System.err.println("scapsql: finishing the column cache for later queries (Ctrl-C skips it)");
    }
    cache.awaitBuilds(Long.MAX_VALUE / 4);
    System.exit(status);
  }

  /** A query given on the command line ({@code -e} or {@code -f}): the process ends with its answer. */
  static boolean oneShot(String[] args) {
    if (args.length == 0 || looksLikeCommand(args[0]) || args[0].equals("help")) {
      return false;
    }
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("-e") || a.equals("--execute") || a.equals("-f") || a.equals("--file")) {
        return true;
      }
    }
    return false;
  }
}
