package org.scapsql.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.scapsql.adapter.Captures;

/**
 * Serves captures over Avatica's HTTP protocol with protobuf serialization, read-only,
 * to any Avatica client ({@code jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf}).
 * Every connection sees exactly the captures given here (see {@link PinnedMeta}).
 */
public final class ScapServer implements AutoCloseable {
  public static final String LOOPBACK = "127.0.0.1";
  public static final int DEFAULT_PORT = 8765;

  private final HttpServer http;
  private final String host;
  private final List<Path> captures;
  private final PinnedMeta meta;
  private final ServerLimits limits;
  private final MemoryGuard memory;

  private ScapServer(HttpServer http, String host, List<Path> captures, PinnedMeta meta, ServerLimits limits,
      MemoryGuard memory) {
    this.http = http;
    this.host = host;
    this.captures = captures;
    this.meta = meta;
    this.limits = limits;
    this.memory = memory;
  }

  /**
   * Starts serving {@code named} (files or directories) on {@code host}:{@code port};
   * port 0 picks a free one. The host is required: Avatica alone would listen on
   * every interface.
   */
  public static ScapServer start(List<Path> named, String host, int port) throws IOException, SQLException {
    return start(named, host, port, ServerLimits.DEFAULT);
  }

  /** The same with the server's own limits on every query ({@link ServerLimits}). */
  public static ScapServer start(List<Path> named, String host, int port, ServerLimits limits)
      throws IOException, SQLException {
    if (limits == null) {
      throw new IllegalArgumentException("limits are required (ServerLimits.DEFAULT for the defaults)");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("a host to listen on is required (e.g. " + LOOPBACK + ")");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
    List<Path> captures = Captures.resolve(named);
    PinnedMeta meta = new PinnedMeta(captures, limits);
    LocalService service = new LocalService(meta);
    ServerCustomizer<Server> bind = server -> {
      for (Connector c : server.getConnectors()) {
        if (c instanceof ServerConnector) {
          ((ServerConnector) c).setHost(host);
        }
      }
      RequestGuard guard = new RequestGuard(meta, limits.maxRequestBytes());
      guard.setHandler(server.getHandler());
      server.setHandler(guard);
    };
    HttpServer http = new HttpServer.Builder<Server>()
        .withHandler(service, Serialization.PROTOBUF)
        .withPort(port)
        .withServerCustomizers(List.of(bind), Server.class)
        .build();
    try {
      http.start();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IOException("cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
    }
    // The first remote query would otherwise pay Calcite's start-up cost.
    org.scapsql.driver.Warmup.start("jdbc:scap:" + captures.get(0));
    MemoryGuard memory = MemoryGuard.start(limits.maxHeapPercent(), meta::stopOldestForMemory);
    return new ScapServer(http, host, captures, meta, limits, memory);
  }

  public ServerLimits limits() {
    return limits;
  }

  /** Queries in progress on the server (an execute or a fetch), for tests and monitoring. */
  public int running() {
    return meta.running().size();
  }

  public int port() {
    return http.getPort();
  }

  public String host() {
    return host;
  }

  public List<Path> captures() {
    return captures;
  }

  /** The JDBC URL a client uses to reach this server. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:avatica:remote:url=http://" + h + ":" + port() + ";serialization=protobuf";
  }

  /**
   * The URL for scapsql's own remote driver ({@code jdbc:scap:http://...}): cancel,
   * timeouts and warnings reach the server, TIMESTAMPs read as UTC instants, and the
   * tables' keys are known.
   */
  public String scapUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:scap:http://" + h + ":" + port();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    http.join();
  }

  @Override
  public void close() {
    if (memory != null) {
      memory.close();
    }
    http.stop();
  }
}
