package org.scapsql.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.scapsql.adapter.Captures;
import org.scapsql.adapter.connection.ScapConnections;

/**
 * The scapsql JDBC driver: {@code jdbc:scap:/path/capture.scap}, a directory, or
 * {@code jdbc:scap:file=...}, with {@code ;key=value} properties (see {@link ScapUrl}).
 *
 * <p>A connection is the one {@link ScapConnections} builds over the named captures
 * (schema {@code scap}, lexical settings, function libraries, remarks, and whatever
 * the connection extensions add), with the Calcite properties the URL may set, and
 * the read-only behaviour of {@link ReadOnlyConnection}. What is the driver's own:
 * the URL, the checks of its properties ({@link ConnectProperties}), the read-only
 * wrapping and the mapping of errors.
 */
public final class ScapDriver implements Driver {
  public static final String NAME = "scapsql";
  public static final String VERSION = readVersion();
  public static final int MAJOR = versionPart(0);
  public static final int MINOR = versionPart(1);

  /** Calcite's {@code fun} when the URL names none (see {@link ScapConnections#DEFAULT_FUN}). */
  public static final String DEFAULT_FUN = ScapConnections.DEFAULT_FUN;

  /** Calcite properties a URL may set, by the lower-case names URL keys arrive in. */
  private static final Map<String, CalciteConnectionProperty> PASSED_TO_CALCITE = calciteNames(
      ScapConnections.SETTABLE);

  /** Calcite properties that would replace the captures with some other data source. */
  private static final Set<String> REFUSED = Set.of("model", "schemafactory", "schema", "schematype");

  static {
    try {
      DriverManager.registerDriver(new ScapDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return ScapUrl.accepts(url);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    if (RemoteConnection.accepts(url)) {
      return RemoteConnection.connect(url, info);
    }
    ScapUrl parsed;
    try {
      parsed = ScapUrl.parse(url, info);
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    }
    if (parsed.captures().isEmpty()) {
      throw new SQLException("no capture given: use " + ScapUrl.PREFIX + "/path/to/capture.scap, a directory of"
          + " captures, or " + ScapUrl.PREFIX + "file=/path/to/capture.scap", "08001");
    }
    List<Path> files;
    try {
      files = Captures.resolve(parsed.captures());
    } catch (IOException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    }
    return open(files, parsed.properties(), url, false);
  }

  /**
   * A connection over {@code files} (already resolved) for the Avatica server: no
   * client-supplied properties, and results in the shapes Avatica's wire format can
   * carry (see {@link Results}).
   */
  public Connection connectForServer(List<Path> files) throws SQLException {
    return open(files, Map.of(), ScapUrl.of(files), true);
  }

  private Connection open(List<Path> files, Map<String, String> props, String url, boolean wireSafe)
      throws SQLException {
    ConnectProperties.check(props, PASSED_TO_CALCITE.keySet());
    Map<CalciteConnectionProperty, String> settings = new EnumMap<>(CalciteConnectionProperty.class);
    for (Map.Entry<String, String> e : props.entrySet()) {
      String key = e.getKey();
      if (key.equals("timezone")) {
        // Checked to be UTC above: the zone stays the one every connection has.
        continue;
      }
      if (REFUSED.contains(key) || key.startsWith("schema.")) {
        throw new SQLException("property '" + key + "' is not supported: a scapsql connection reads the captures"
            + " its URL names", "08001");
      }
      CalciteConnectionProperty calciteProperty = PASSED_TO_CALCITE.get(key);
      if (calciteProperty != null) {
        settings.put(calciteProperty, e.getValue());
      }
      // Anything else (user, password, tool-specific keys) means nothing here and is ignored.
    }
    Connection c;
    try {
      c = ScapConnections.connect(files, settings);
    } catch (RuntimeException e) {
      throw new SQLException(e.getMessage(), e);
    }
    return ReadOnlyConnection.wrap(c, url, wireSafe);
  }

  /** The names {@code fun} accepts. */
  public static String libraryNames() {
    StringBuilder sb = new StringBuilder();
    for (SqlLibrary l : SqlLibrary.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(l.fun);
    }
    return sb.toString();
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    ScapUrl parsed = null;
    try {
      parsed = acceptsURL(url) ? ScapUrl.parse(url, info) : null;
    } catch (IllegalArgumentException ignored) {
      // Tools ask while the user is still typing the URL: describe the properties anyway.
    }
    DriverPropertyInfo file = new DriverPropertyInfo(ScapUrl.FILE,
        parsed != null && !parsed.captures().isEmpty() ? parsed.captures().get(0).toString() : null);
    file.required = parsed == null || parsed.captures().isEmpty();
    file.description = "Capture file (.scap, .scap.gz) or directory of captures";
    DriverPropertyInfo fun = new DriverPropertyInfo("fun", parsed == null ? null : parsed.properties().get("fun"));
    fun.description = "SQL function libraries (default " + DEFAULT_FUN + "), e.g. standard,bigquery or"
        + " standard,postgresql,mysql";
    return new DriverPropertyInfo[] {file, fun};
  }

  @Override
  public int getMajorVersion() {
    return MAJOR;
  }

  @Override
  public int getMinorVersion() {
    return MINOR;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("scapsql does not log through java.util.logging");
  }

  private static Map<String, CalciteConnectionProperty> calciteNames(Set<CalciteConnectionProperty> properties) {
    Map<String, CalciteConnectionProperty> m = new TreeMap<>();
    for (CalciteConnectionProperty p : properties) {
      m.put(p.camelName().toLowerCase(Locale.ROOT), p);
    }
    return Map.copyOf(m);
  }

  private static String readVersion() {
    try (InputStream in = ScapDriver.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "0.0.0");
      return v.startsWith("${") ? "0.0.0" : v;
    } catch (IOException e) {
      return "0.0.0";
    }
  }

  private static int versionPart(int index) {
    String[] parts = VERSION.split("[.-]");
    try {
      return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
