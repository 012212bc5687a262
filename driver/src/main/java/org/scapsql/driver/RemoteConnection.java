package org.scapsql.driver;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * A connection to a scapsql server through scapsql's own URL,
 * {@code jdbc:scap:http://HOST:PORT}: Avatica's remote driver underneath, plus what
 * that driver cannot do with Avatica's protocol alone. Errors arrive with the
 * server's message and SQLSTATE, exactly as a local connection gives them (Avatica's
 * driver wraps them in its own words and loses the message of a failed prepare);
 * {@code Statement.cancel} and {@code setQueryTimeout} stop the query on the server
 * (Avatica's protocol has no cancel: its driver only stops waiting); and
 * {@code getWarnings} reports a damaged capture as a local statement does (these two
 * go through the server's {@code /scapsql/} endpoints); TIMESTAMPs are read as the
 * UTC instants they are, {@code getObject(column, Class)} works, and
 * {@code DatabaseMetaData} lists the primary and foreign keys.
 */
final class RemoteConnection implements InvocationHandler {
  static final String PREFIX = ScapUrl.PREFIX;

  /** One daemon thread fires every remote statement's timeout. */
  private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "scapsql-remote-timeouts");
    t.setDaemon(true);
    return t;
  });

  private final Connection target;
  private final String base;
  private final String url;
  private final HttpClient http;
  private final Connection proxy;

  private RemoteConnection(Connection target, String base, String url) {
    this.target = target;
    this.base = base;
    this.url = url;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.proxy = (Connection) Proxy.newProxyInstance(RemoteConnection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, this);
  }

  /** {@code jdbc:scap:http://...} or {@code jdbc:scap:https://...}. */
  static boolean accepts(String url) {
    if (url == null || !ScapUrl.accepts(url)) {
      return false;
    }
    String rest = url.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    return rest.startsWith("http://") || rest.startsWith("https://");
  }

  static Connection connect(String url, Properties info) throws SQLException {
    String base = url.substring(PREFIX.length()).strip();
    int semicolon = base.indexOf(';');
    if (semicolon >= 0) {
      if (!base.substring(semicolon + 1).isBlank()) {
        // Silently dropping fun= or file= would answer another question than the one asked.
        throw new SQLException("a remote scapsql URL takes no properties (the server decides what it serves): "
            + url, Errors.CONNECTION);
      }
      base = base.substring(0, semicolon);
    }
    if (base.indexOf("//") + 2 >= base.length()) {
      throw new SQLException("no server in " + url + " (expected " + PREFIX + "http://HOST:PORT)", Errors.CONNECTION);
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    try {
      URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new SQLException("not a server address: " + base, Errors.CONNECTION);
    }
    Properties p = new Properties();
    if (info != null) {
      for (String k : new String[] {"user", "password"}) {
        if (info.getProperty(k) != null) {
          p.setProperty(k, info.getProperty(k));
        }
      }
    }
    Connection c;
    try {
      c = new org.apache.calcite.avatica.remote.Driver().connect(
          // Avatica's client would read TIMESTAMPs in the JVM's zone; scapsql's are UTC instants.
          "jdbc:avatica:remote:url=" + base + ";serialization=protobuf;timeZone=UTC", p);
      // Avatica connects lazily; ask once so a wrong address fails here, not at the first query.
      c.getAutoCommit();
    } catch (SQLException | RuntimeException e) {
      SQLException mapped = Errors.toSqlException(e);
      throw new SQLException("cannot reach the scapsql server at " + base + ": " + mapped.getMessage(),
          Errors.CONNECTION, e);
    }
    return new RemoteConnection(c, base, url).proxy;
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    Object identity = Delegation.identity(self, target, method.getName(), args);
    if (identity != Delegation.NOT_IDENTITY) {
      return identity;
    }
    switch (method.getName()) {
      case "isReadOnly":
        return true;
      case "setReadOnly":
      case "commit":
      case "rollback":
        return null;
      case "setSavepoint":
      case "releaseSavepoint":
        throw new SQLFeatureNotSupportedException("scapsql is read-only and has no transactions or savepoints",
            Errors.NOT_SUPPORTED);
      case "prepareCall":
        throw new SQLFeatureNotSupportedException("scapsql has no stored procedures", Errors.NOT_SUPPORTED);
      case "createStatement":
        return statement((Statement) Delegation.call(target, method, args), Statement.class);
      case "prepareStatement":
        GuardedStatement.check((String) args[0]);
        return statement((Statement) Delegation.call(target, method, args), PreparedStatement.class);
      case "getMetaData":
        // The same answers as a local connection's: read-only, scapsql's names, and the keys, which Avatica's
        // protocol has no request for.
        return ScapMetaData.wrap((DatabaseMetaData) Delegation.call(target, method, args), proxy, url);
      case "toString":
        return "scapsql connection to " + base;
      default:
        return Delegation.call(target, method, args);
    }
  }

  private <T extends Statement> T statement(Statement s, Class<T> type) {
    RemoteStatement handler = new RemoteStatement(s);
    T p = type.cast(Proxy.newProxyInstance(RemoteConnection.class.getClassLoader(), new Class<?>[] {type}, handler));
    handler.proxy = p;
    return p;
  }

  /** Asks the server to cancel a statement's query. */
  private void cancelOnServer(Statement s) throws SQLException {
    String q = query(s);
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/scapsql/cancel?" + q))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build();
    try {
      HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 && response.statusCode() != 404) {
        throw new SQLException("the server did not cancel: " + Errors.oneLine(response.body()), Errors.GENERAL);
      }
    } catch (IOException e) {
      throw new SQLException("cannot reach the server to cancel: " + e.getMessage(), Errors.CONNECTION_FAILURE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while cancelling", Errors.CANCELLED, e);
    }
  }

  /** The server's warnings for a statement's latest execution. */
  private SQLWarning warningsOnServer(Statement s, SQLWarning first) throws SQLException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/scapsql/warnings?" + query(s)))
        .timeout(Duration.ofSeconds(10)).GET().build();
    String body;
    try {
      HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return first;
      }
      body = response.body();
    } catch (IOException e) {
      throw new SQLException("cannot reach the server for warnings: " + e.getMessage(), Errors.CONNECTION_FAILURE,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return first;
    }
    SQLWarning head = first;
    for (String line : body.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      SQLWarning w = new SQLWarning(line, StatementWarnings.SQLSTATE);
      if (head == null) {
        head = w;
      } else {
        head.setNextWarning(w);
      }
    }
    return head;
  }

  private String query(Statement s) throws SQLException {
    AvaticaStatement a = s.unwrap(AvaticaStatement.class);
    String connectionId = target.unwrap(AvaticaConnection.class).id;
    return "connection=" + URLEncoder.encode(connectionId, StandardCharsets.UTF_8) + "&statement=" + a.handle.id;
  }

  /**
   * A remote statement: its timeout and cancel reach the server; a query stopped by
   * its own timeout fails with {@link SQLTimeoutException}.
   */
  private final class RemoteStatement implements InvocationHandler {
    private final Statement target;
    private Statement proxy;
    private volatile int timeoutSeconds;
    private volatile boolean timedOut;
    private ScheduledFuture<?> timer;

    RemoteStatement(Statement target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      Object identity = Delegation.identity(self, target, name, args);
      if (identity != Delegation.NOT_IDENTITY) {
        return identity;
      }
      boolean executes = name.startsWith("execute");
      if (executes && args != null && args.length > 0 && args[0] instanceof String) {
        GuardedStatement.check((String) args[0]);
      }
      switch (name) {
        case "setQueryTimeout":
          int seconds = (Integer) args[0];
          if (seconds < 0) {
            throw new SQLException("a query timeout cannot be negative: " + seconds, "22023");
          }
          timeoutSeconds = seconds;
          return null;
        case "getQueryTimeout":
          return timeoutSeconds;
        case "cancel":
          cancelOnServer(target);
          return null;
        case "getConnection":
          return RemoteConnection.this.proxy;
        case "getWarnings":
          return warningsOnServer(target, (SQLWarning) Delegation.call(target, method, args));
        case "close":
          stopTimer();
          return Delegation.call(target, method, args);
        case "toString":
          return "scapsql remote " + target;
        default:
          if (executes) {
            startTimer();
          }
          Object result = call(method, args);
          if (result instanceof ResultSet) {
            return TypedResults.wrap((ResultSet) Proxy.newProxyInstance(RemoteConnection.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, new RemoteResults((ResultSet) result, this)));
          }
          return result;
      }
    }

    /** A call on the target, with a timeout's stop reported as a timeout. */
    Object call(Method method, Object[] args) throws Throwable {
      try {
        return Delegation.call(target, method, args);
      } catch (SQLException e) {
        if (timedOut && Errors.CANCELLED.equals(e.getSQLState())) {
          throw new SQLTimeoutException("query timed out after " + timeoutSeconds + " s", Errors.CANCELLED, e);
        }
        throw e;
      }
    }

    /**
     * The timeout covers the execution and the fetches after it (each runs the scan on
     * the server further); the next execution or close starts it afresh.
     */
    private synchronized void startTimer() {
      stopTimer();
      timedOut = false;
      int seconds = timeoutSeconds;
      if (seconds > 0) {
        timer = TIMERS.schedule(() -> {
          timedOut = true;
          try {
            cancelOnServer(target);
          } catch (SQLException | RuntimeException ignored) {
            // The server is gone or the statement closed: nothing is running there to stop.
          }
        }, seconds, TimeUnit.SECONDS);
      }
    }

    private synchronized void stopTimer() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }

    Statement proxy() {
      return proxy;
    }
  }

  /** A remote result set: errors mapped, a timeout reported as such, warnings from the server. */
  private final class RemoteResults implements InvocationHandler {
    private final ResultSet target;
    private final RemoteStatement statement;

    RemoteResults(ResultSet target, RemoteStatement statement) {
      this.target = target;
      this.statement = statement;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      Object identity = Delegation.identity(self, target, method.getName(), args);
      if (identity != Delegation.NOT_IDENTITY) {
        return identity;
      }
      switch (method.getName()) {
        case "getStatement":
          return statement.proxy();
        case "getWarnings":
          return warningsOnServer(statement.target, (SQLWarning) Delegation.call(target, method, args));
        case "toString":
          return "scapsql remote " + target;
        default:
          try {
            return Delegation.call(target, method, args);
          } catch (SQLException e) {
            if (statement.timedOut && Errors.CANCELLED.equals(e.getSQLState())) {
              throw new SQLTimeoutException("query timed out after " + statement.timeoutSeconds + " s",
                  Errors.CANCELLED, e);
            }
            throw e;
          }
      }
    }
  }
}
