package org.scapsql.tools;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scapsql.adapter.Captures;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.cache.CacheFolders;
import org.scapsql.adapter.cache.ColumnCache;
import org.scapsql.adapter.entity.EntityCache;
import org.scapsql.reader.CacheDirectory;

/**
 * {@code scapsql cache [--background] CAPTURE...}: builds what later queries read instead
 * of a capture (its column file and its entity tables) now. A user runs it to have a
 * capture ready before the questions start; a one-shot query ({@code scapsql -e}) starts
 * it with {@code --background} as it exits ({@link #spawn}), so that the build it asked
 * for finishes without holding the user's prompt.
 */
public final class CacheCommand {
  static final String USAGE = "usage: scapsql cache [--background] CAPTURE...";
  /** Turns handing builds to a process of their own off: {@code off} builds them before exiting, as the shell does. */
  static final String DETACH_PROPERTY = "scapsql.columnCache.detach";
  static final String DETACH_ENV = "SCAPSQL_COLUMN_CACHE_DETACH";

  private CacheCommand() {}

  public static int main(String[] args, PrintStream out, PrintStream err) {
    boolean background = false;
    List<Path> named = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--background")) {
        background = true;
      } else if (a.equals("-h") || a.equals("--help")) {
        out.println(USAGE);
        return 0;
      } else if (a.startsWith("-")) {
        err.println("scapsql cache: unknown option " + a);
        err.println(USAGE);
        return 2;
      } else {
        named.add(Path.of(a));
      }
    }
    if (named.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    if (!ColumnCache.enabled()) {
      err.println("scapsql cache: the column cache is off (scapsql.columnCache or SCAPSQL_COLUMN_CACHE)");
      return 2;
    }
    List<Path> captures;
    try {
      captures = Captures.resolve(named);
    } catch (IOException e) {
      err.println("scapsql cache: " + e.getMessage());
      return 1;
    }
    if (!background) {
      return build(captures, out, err);
    }
    // One background builder at a time: a script that runs many one-shot queries must not
    // start as many builders, each with a heap of its own. The others leave their captures
    // to the next query that asks.
    Path lock = CacheDirectory.path().resolve("columns").resolve(".background.lock");
    try {
      Files.createDirectories(lock.getParent());
      try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock held = ch.tryLock()) {
        if (held == null) {
          return 0;
        }
        return build(captures, new PrintStream(java.io.OutputStream.nullOutputStream()), err);
      }
    } catch (IOException | RuntimeException e) {
      return 1;
    }
  }

  private static int build(List<Path> captures, PrintStream out, PrintStream err) {
    int status = 0;
    ColumnCache cache = ColumnCache.shared();
    for (Path p : captures) {
      long t0 = System.nanoTime();
      try {
        boolean had = cache.has(p);
        if (!had && cache.buildNow(p) == null) {
          out.println(p + ": not cached (smaller than scapsql.columnCache.minBytes, still being written, or"
              + " unreadable)");
          continue;
        }
        // The entity tables: the side file of the same key, written by their pass if missing.
        EntityCache.get(p, QueryControl.none());
        out.printf(Locale.ROOT, "%s: %s in %.1f s%n", p, had ? "cached already" : "cached",
            (System.nanoTime() - t0) / 1e9);
      } catch (RuntimeException e) {
        err.println("scapsql cache: " + p + ": " + e.getMessage());
        status = 1;
      }
    }
    return status;
  }

  /** Whether one-shot queries hand their builds to a process of their own (default) or build them before exiting. */
  public static boolean detachEnabled() {
    return CacheFolders.switchedOn(DETACH_PROPERTY, DETACH_ENV);
  }

  /**
   * This JVM's {@code -Xmx} option as it was given; else its heap limit as the JVM reports
   * it (a little under the option, the survivor space left out).
   */
  static String heapLimit() {
    String given = null;
    for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-Xmx")) {
        given = a;
      }
    }
    return given != null ? given : "-Xmx" + Math.max(64, Runtime.getRuntime().maxMemory() >> 20) + "m";
  }

  /**
   * Starts {@code scapsql cache --background} on {@code captures} in a process of its own
   * that outlives this one: its own session (no terminal signal reaches it), a lower CPU
   * priority (it takes what the user's next commands leave), this JVM's heap limit and
   * every {@code scapsql.*} property, its output discarded. Null when it could not start.
   */
  public static Process spawn(List<Path> captures) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      cmd.add("/usr/bin/setsid");
    }
    if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
      cmd.addAll(List.of("/usr/bin/nice", "-n", "10"));
    }
    cmd.add(java);
    cmd.add(heapLimit());
    cmd.add("-XX:+UseSerialGC");
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("scapsql.")) {
        cmd.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.scapsql.shell.Main");
    cmd.add("cache");
    cmd.add("--background");
    for (Path p : captures) {
      cmd.add(p.toAbsolutePath().toString());
    }
    try {
      return new ProcessBuilder(cmd)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
