package org.scapsql.adapter.connection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;
import org.scapsql.adapter.ScapSchema;

/**
 * The one place a scapsql connection is built: a Calcite connection whose root
 * holds schema {@value #SCHEMA} over the given captures (the default schema), the
 * functions and schemas of every {@link ConnectionExtension} on the class path,
 * and these settings:
 *
 * <ul>
 *   <li>{@code unquotedCasing=UNCHANGED}, {@code caseSensitive=false}: lower-case
 *       names work unquoted, here and through Avatica, whose clients quote nothing;</li>
 *   <li>{@code timeZone=UTC}: Calcite turns a TIMESTAMP into a
 *       {@code java.sql.Timestamp} as a wall clock in this zone, and scapsql's
 *       timestamps are UTC (not settable);</li>
 *   <li>{@code fun=}{@value #DEFAULT_FUN} unless the caller names other libraries;</li>
 *   <li>table and column descriptions as REMARKS of {@code DatabaseMetaData}
 *       ({@link DocumentedTables}, {@link DocumentedColumns});</li>
 *   <li>a planner that bounds every {@code ORDER BY ... LIMIT} and reuses the rows of a
 *       query asked again over unchanged captures ({@link ScapPrepare}, {@link ReusedResults}).</li>
 * </ul>
 *
 * <p>The JDBC driver adds what is its own on top (URL parsing, checks of the
 * connect properties, read-only wrapping, error mapping); the shell and the server
 * go through the driver; {@code bench} and the tests call this class directly, so
 * they query exactly what users query.
 *
 * <p><b>Extension points.</b> A module adds functions or views to every connection
 * by implementing {@link ConnectionExtension} and listing the class in
 * {@code META-INF/services/org.scapsql.adapter.connection.ConnectionExtension}:
 * {@link ConnectionExtension#addFunctions} is where functions are registered,
 * {@link ConnectionExtension#addSchemas} where schemas such as {@code inspect}
 * (views over {@code scap}) are added, after every module's functions.
 */
public final class ScapConnections {
  /** The name of the schema of capture tables, and every connection's default schema. */
  public static final String SCHEMA = "scap";

  /**
   * Calcite's {@code fun} when the caller names none: the standard functions plus
   * PostgreSQL's (regexp_replace, regexp_like, split_part, left, strpos, to_char,
   * date_part, ilike, string_agg, ...). One dialect, because libraries that share a
   * function name do not share its meaning: with BigQuery's added, Calcite picks
   * BigQuery's regexp_replace (every match, not the first), concat (NULL if any
   * argument is), greatest and least (NULL if any argument is), substr and log (its
   * arguments the other way round) over PostgreSQL's without a word. A caller's
   * {@code fun} replaces this list, as in Calcite.
   */
  public static final String DEFAULT_FUN = "standard,postgresql";

  /**
   * The Calcite properties a caller may set: they change how SQL reads, not what
   * data is reachable nor how timestamps convert.
   */
  public static final Set<CalciteConnectionProperty> SETTABLE = Set.copyOf(EnumSet.of(
      CalciteConnectionProperty.FUN, CalciteConnectionProperty.CONFORMANCE, CalciteConnectionProperty.LEX,
      CalciteConnectionProperty.QUOTING, CalciteConnectionProperty.QUOTED_CASING,
      CalciteConnectionProperty.UNQUOTED_CASING, CalciteConnectionProperty.CASE_SENSITIVE,
      CalciteConnectionProperty.LOCALE,
      CalciteConnectionProperty.DEFAULT_NULL_COLLATION, CalciteConnectionProperty.TYPE_COERCION,
      CalciteConnectionProperty.APPROXIMATE_DISTINCT_COUNT, CalciteConnectionProperty.APPROXIMATE_TOP_N,
      CalciteConnectionProperty.APPROXIMATE_DECIMAL, CalciteConnectionProperty.FORCE_DECORRELATE));

  private static final Driver CALCITE = new Driver().withPrepareFactory(ScapPrepare::new);
  /** For connections with other extensions than the class path's: the key of a reused result does not name them. */
  private static final Driver CALCITE_NO_REUSE = new Driver().withPrepareFactory(() -> new ScapPrepare(false));

  private ScapConnections() {}

  /** A connection over {@code captures} (files, already resolved) with the default settings. */
  public static CalciteConnection connect(List<Path> captures) throws SQLException {
    return connect(captures, Map.of());
  }

  /**
   * A connection over {@code captures} (files, already resolved) with {@code settings}
   * (only {@link #SETTABLE} ones) over the defaults. The caller closes it.
   *
   * @throws IllegalArgumentException when there is no capture or a setting is not settable
   */
  public static CalciteConnection connect(List<Path> captures, Map<CalciteConnectionProperty, String> settings)
      throws SQLException {
    return connect(captures, settings, extensions());
  }

  static CalciteConnection connect(List<Path> captures, Map<CalciteConnectionProperty, String> settings,
      List<ConnectionExtension> extensions) throws SQLException {
    if (captures == null || captures.isEmpty()) {
      throw new IllegalArgumentException("a scapsql connection needs at least one capture");
    }
    Properties p = properties(settings);
    Connection c = (extensions.equals(extensions()) ? CALCITE : CALCITE_NO_REUSE).connect(Driver.CONNECT_STRING_PREFIX,
        p);
    try {
      CalciteConnection cc = c.unwrap(CalciteConnection.class);
      SchemaPlus root = cc.getRootSchema();
      ScapSchema scap = new ScapSchema(captures);
      ReusedResults.register(scap, p);
      root.add(SCHEMA, scap);
      for (ConnectionExtension x : extensions) {
        x.addFunctions(root);
      }
      for (ConnectionExtension x : extensions) {
        x.addSchemas(root, List.copyOf(captures));
      }
      cc.setSchema(SCHEMA);
      return cc;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** The Calcite properties of a connection with {@code settings} over the defaults. */
  public static Properties properties(Map<CalciteConnectionProperty, String> settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings are required (an empty map for the defaults)");
    }
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    p.setProperty(CalciteConnectionProperty.FUN.camelName(), DEFAULT_FUN);
    for (Map.Entry<CalciteConnectionProperty, String> e : settings.entrySet()) {
      CalciteConnectionProperty key = e.getKey();
      if (!SETTABLE.contains(key)) {
        throw new IllegalArgumentException("Calcite property '" + key.camelName() + "' cannot be set on a"
            + " scapsql connection");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("Calcite property '" + key.camelName() + "' has no value");
      }
      p.setProperty(key.camelName(), key == CalciteConnectionProperty.FUN ? libraries(e.getValue()) : e.getValue());
    }
    p.setProperty(CalciteConnectionProperty.TIME_ZONE.camelName(), "UTC");
    p.setProperty(CalciteConnectionProperty.META_TABLE_FACTORY.camelName(), DocumentedTables.class.getName());
    p.setProperty(CalciteConnectionProperty.META_COLUMN_FACTORY.camelName(), DocumentedColumns.class.getName());
    return p;
  }

  /**
   * Statements of every connection of this JVM answered from kept rows ({@code [0]}),
   * planned ({@code [1]}), and results written to disk for other processes ({@code [2]}), so
   * far. A one-shot process whose every statement will be answered from kept rows next time
   * tells the launcher so: the same command again needs no optimizing compiler.
   */
  public static long[] reuseTally() {
    ReusedResults r = ReusedResults.shared();
    return new long[] {r.hits(), r.plans(), r.stored()};
  }

  /** The extensions on the class path, in the order they run (by class name). */
  public static List<ConnectionExtension> extensions() {
    return Loaded.EXTENSIONS;
  }

  /**
   * What identifies the functions and views every connection gets: each extension's class
   * and, when it came from a jar, the jar's size and modification time (a rebuilt module is a
   * new jar). Kept results on disk are trusted only under the same stamp.
   */
  static String extensionsStamp() {
    return Loaded.STAMP;
  }

  /** A {@code fun} list in the lower case Calcite expects; an empty one means the default. */
  private static String libraries(String fun) {
    StringBuilder sb = new StringBuilder();
    for (String name : fun.split(",")) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (!n.isEmpty()) {
        sb.append(sb.length() == 0 ? "" : ",").append(n);
      }
    }
    return sb.length() == 0 ? DEFAULT_FUN : sb.toString();
  }

  /** Loaded on first use, once: the class path does not change while the JVM runs. */
  private static final class Loaded {
    static final List<ConnectionExtension> EXTENSIONS = load();
    static final String STAMP = stamp(EXTENSIONS);

    private static String stamp(List<ConnectionExtension> extensions) {
      StringBuilder sb = new StringBuilder();
      for (ConnectionExtension x : extensions) {
        sb.append(x.getClass().getName());
        try {
          java.security.CodeSource source = x.getClass().getProtectionDomain().getCodeSource();
          Path from = source == null ? null : Path.of(source.getLocation().toURI());
          if (from != null && java.nio.file.Files.isRegularFile(from)) {
            sb.append('@').append(java.nio.file.Files.size(from)).append(':')
                .append(java.nio.file.Files.getLastModifiedTime(from).toMillis());
          }
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
          sb.append("@?");
        }
        sb.append(';');
      }
      return sb.toString();
    }

    private static List<ConnectionExtension> load() {
      List<ConnectionExtension> found = new ArrayList<>();
      for (ConnectionExtension x : ServiceLoader.load(ConnectionExtension.class,
          ScapConnections.class.getClassLoader())) {
        found.add(x);
      }
      found.sort(Comparator.comparing(x -> x.getClass().getName()));
      return List.copyOf(found);
    }
  }
}
