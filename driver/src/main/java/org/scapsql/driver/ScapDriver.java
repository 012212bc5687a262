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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.scapsql.adapter.Captures;
import org.scapsql.adapter.ScapSchema;
import org.scapsql.functions.Functions;
import org.scapsql.views.InspectViews;

/**
 * The scapsql JDBC driver: {@code jdbc:scap:/path/capture.scap}, a directory, or
 * {@code jdbc:scap:file=...}, with {@code ;key=value} properties (see {@link ScapUrl}).
 *
 * <p>A connection is a Calcite connection whose default schema is {@code scap} over
 * the named captures, with lexical settings that keep lower-case names working
 * unquoted both here and through Avatica ({@code unquotedCasing=UNCHANGED},
 * {@code caseSensitive=false}), PostgreSQL's function library on top of the standard
 * one (see {@link #DEFAULT_FUN}), column and table descriptions as remarks, and the
 * read-only behaviour of {@link ReadOnlyConnection}.
 */
public final class ScapDriver implements Driver {
  public static final String NAME = "scapsql";
  public static final String VERSION = readVersion();
  public static final int MAJOR = versionPart(0);
  public static final int MINOR = versionPart(1);

  /**
   * Calcite's {@code fun} when the URL names none: the standard functions plus
   * PostgreSQL's (regexp_replace, regexp_like, split_part, left, strpos, to_char,
   * date_part, ilike, string_agg, ...). One dialect, because libraries that share a
   * function name do not share its meaning: with BigQuery's added, Calcite picks
   * BigQuery's regexp_replace (every match, not the first), concat (NULL if any
   * argument is), greatest and least (NULL if any argument is), substr and log (its
   * arguments the other way round) over PostgreSQL's without a word. A URL's
   * {@code fun=} replaces this list, as in Calcite.
   */
  public static final String DEFAULT_FUN = "standard,postgresql";

  /** Calcite properties a URL may set: they change how SQL reads, not what data is reachable. */
  private static final Map<String, String> PASSED_TO_CALCITE = calciteNames(
      CalciteConnectionProperty.FUN, CalciteConnectionProperty.CONFORMANCE, CalciteConnectionProperty.LEX,
      CalciteConnectionProperty.QUOTING, CalciteConnectionProperty.QUOTED_CASING,
      CalciteConnectionProperty.UNQUOTED_CASING, CalciteConnectionProperty.CASE_SENSITIVE,
      CalciteConnectionProperty.LOCALE,
      CalciteConnectionProperty.DEFAULT_NULL_COLLATION, CalciteConnectionProperty.TYPE_COERCION,
      CalciteConnectionProperty.APPROXIMATE_DISTINCT_COUNT, CalciteConnectionProperty.APPROXIMATE_TOP_N,
      CalciteConnectionProperty.APPROXIMATE_DECIMAL, CalciteConnectionProperty.FORCE_DECORRELATE);

  /** Calcite properties that would replace the captures with some other data source. */
  private static final Set<String> REFUSED = Set.of("model", "schemafactory", "schema", "schematype");

  private final org.apache.calcite.jdbc.Driver calcite = new org.apache.calcite.jdbc.Driver()
      .withPrepareFactory(ScapPrepare::new);

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
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    // Calcite turns a TIMESTAMP into a java.sql.Timestamp as a wall clock in this zone; scapsql's are UTC.
    p.setProperty(CalciteConnectionProperty.TIME_ZONE.camelName(), "UTC");
    p.setProperty(CalciteConnectionProperty.FUN.camelName(), DEFAULT_FUN);
    for (Map.Entry<String, String> e : props.entrySet()) {
      String key = e.getKey();
      if (key.equals("timezone")) {
        // Checked to be UTC above: the zone stays the one set here.
        continue;
      }
      if (REFUSED.contains(key) || key.startsWith("schema.")) {
        throw new SQLException("property '" + key + "' is not supported: a scapsql connection reads the captures"
            + " its URL names", "08001");
      }
      String calciteName = PASSED_TO_CALCITE.get(key);
      if (calciteName != null) {
        p.setProperty(calciteName, key.equals("fun") ? libraries(e.getValue()) : e.getValue());
      }
      // Anything else (user, password, tool-specific keys) means nothing here and is ignored.
    }
    p.setProperty(CalciteConnectionProperty.META_TABLE_FACTORY.camelName(), DocumentedTables.class.getName());
    p.setProperty(CalciteConnectionProperty.META_COLUMN_FACTORY.camelName(), DocumentedColumns.class.getName());
    Connection c = calcite.connect(org.apache.calcite.jdbc.Driver.CONNECT_STRING_PREFIX, p);
    try {
      CalciteConnection cc = c.unwrap(CalciteConnection.class);
      addSchemas(cc.getRootSchema(), files);
      cc.setSchema(Remarks.SCHEMA);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e instanceof SQLException ? (SQLException) e : new SQLException(e.getMessage(), e);
    }
    return ReadOnlyConnection.wrap(c, url, wireSafe);
  }

  /**
   * A {@code fun} list (checked by {@link ConnectProperties}) in the lower case Calcite
   * expects.
   */
  private static String libraries(String fun) throws SQLException {
    StringBuilder sb = new StringBuilder();
    for (String name : fun.split(",")) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : ",").append(n);
    }
    return sb.length() == 0 ? DEFAULT_FUN : sb.toString();
  }

  /** The names {@code fun} accepts. */
  public static String libraryNames() {
    StringBuilder sb = new StringBuilder();
    for (SqlLibrary l : SqlLibrary.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(l.fun);
    }
    return sb.toString();
  }

  /** The schemas every connection sees; the one place to add more (views, functions). */
  private static void addSchemas(SchemaPlus root, List<Path> files) {
    root.add(Remarks.SCHEMA, new ScapSchema(files));
    Functions.register(root);
    InspectViews.register(root);
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

  private static Map<String, String> calciteNames(CalciteConnectionProperty... properties) {
    Map<String, String> m = new TreeMap<>();
    for (CalciteConnectionProperty p : properties) {
      m.put(p.camelName().toLowerCase(Locale.ROOT), p.camelName());
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
