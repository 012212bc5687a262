package org.scapsql.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code scapsql serve [--host H] [--port N] CAPTURE...}: serves the captures over
 * Avatica until stopped. Also the main class of the shaded driver jar, so
 * {@code java -jar scapsql-driver-VERSION-all.jar CAPTURE} serves with nothing else
 * installed.
 */
public final class ServeCommand {
  public static final String USAGE = "serve [--host 127.0.0.1] [--port " + ScapServer.DEFAULT_PORT + "]"
      + " [--max-query-time 600s] [--max-rows 10000000] [--max-memory 85%] [--max-request-size 1m] CAPTURE...";

  private ServeCommand() {}

  /**
   * Runs the server until the thread is interrupted or the JVM stops;
   * {@code whenNoCapture} supplies the captures when none is named.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Supplier<List<Path>> whenNoCapture) {
    String host = ScapServer.LOOPBACK;
    int port = ScapServer.DEFAULT_PORT;
    List<Path> captures = new ArrayList<>();
    ServerLimits limits = ServerLimits.DEFAULT;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--host":
            host = value(args, ++i, "--host");
            break;
          case "--port":
            port = Integer.parseInt(value(args, ++i, "--port"));
            break;
          case "--max-query-time":
            limits = limits.withMaxQuerySeconds(ServerLimits.parseDuration(value(args, ++i, "--max-query-time")));
            break;
          case "--max-rows":
            limits = limits.withMaxRows(ServerLimits.parseCount(value(args, ++i, "--max-rows")));
            break;
          case "--max-memory":
            limits = limits.withMaxHeapPercent(ServerLimits.parsePercent(value(args, ++i, "--max-memory")));
            break;
          case "--max-request-size":
            limits = limits.withMaxRequestBytes(ServerLimits.parseSize(value(args, ++i, "--max-request-size")));
            break;
          case "-h":
          case "--help":
            out.println("usage: scapsql " + USAGE);
            return 0;
          default:
            if (args[i].startsWith("-")) {
              throw new IllegalArgumentException("unknown option " + args[i]);
            }
            captures.add(Path.of(args[i]));
        }
      }
      if (captures.isEmpty()) {
        captures.addAll(whenNoCapture.get());
      }
    } catch (NumberFormatException e) {
      err.println("scapsql serve: --port needs a number");
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("scapsql serve: " + e.getMessage());
      err.println("usage: scapsql " + USAGE);
      return 2;
    }
    ScapServer server;
    try {
      server = ScapServer.start(captures, host, port, limits);
    } catch (IOException | SQLException | IllegalArgumentException e) {
      err.println("scapsql serve: " + e.getMessage());
      return 1;
    }
    Thread stopper = new Thread(server::close, "scapsql-serve-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    out.println("scapsql: serving " + server.captures().size() + " capture(s), read-only, at");
    out.println("  " + server.url());
    out.println("  (scapsql's own driver: cancel, timeouts, warnings, UTC instants, keys: " + server.scapUrl() + ")");
    out.println(server.limits().describe());
    if (!isLoopback(host)) {
      err.println("scapsql serve: warning: listening on " + host + " without authentication;"
          + " anyone who can reach this port can read the captures");
    }
    out.println("Ctrl-C stops it.");
    out.flush();
    try {
      server.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
        server.close();
      } catch (RuntimeException ignored) {
        // Already stopping: the JVM is shutting down and the hook runs, or it was closed.
      }
    }
    return 0;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, () -> {
      throw new IllegalArgumentException("no capture given; pass a capture file or directory");
    }));
  }
}
