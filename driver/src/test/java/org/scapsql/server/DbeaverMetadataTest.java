package org.scapsql.server;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.adapter.TableDocs;
import org.scapsql.driver.Jdbc;
import org.scapsql.driver.ScapDriver;
import org.scapsql.views.InspectViews;

/**
 * The DatabaseMetaData calls DBeaver makes when it opens a connection and browses a
 * table, replayed on a local connection and through the Avatica server; each answer
 * must be one a tool can use, not merely not throw.
 */
class DbeaverMetadataTest {
  private static final List<String> TABLES = TableDocs.tables().stream().map(TableDocs.Table::name).toList();

  private static Path capture;
  private static ScapServer server;

  @BeforeAll
  static void start() throws Exception {
    capture = Fixtures.capture("syscall.scap");
    server = ScapServer.start(List.of(capture), ScapServer.LOOPBACK, 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Connection connect(String where) throws SQLException {
    return DriverManager.getConnection(where.equals("local") ? "jdbc:scap:" + capture : server.url());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"local", "remote"})
  void openingAConnection(String where) throws SQLException {
    try (Connection c = connect(where)) {
      DatabaseMetaData md = c.getMetaData();
      if (where.equals("local")) {
        String calcite;
        try (Connection plain = DriverManager.getConnection("jdbc:calcite:")) {
          calcite = plain.getMetaData().getDatabaseProductVersion();
        }
        assertThat(md.getDatabaseProductName()).isEqualTo("scapsql");
        assertThat(md.getDatabaseProductVersion()).isEqualTo(ScapDriver.VERSION + " (Calcite " + calcite + ")");
        assertThat(md.getDriverName()).isEqualTo("scapsql");
        assertThat(md.getDriverVersion()).isEqualTo(ScapDriver.VERSION);
        assertThat(md.getURL()).isEqualTo("jdbc:scap:" + capture);
      } else {
        // Avatica's remote driver answers these itself, without asking the server; its jar carries no version.
        assertThat(md.getDatabaseProductName()).isEqualTo("Avatica");
        assertThat(md.getDatabaseProductVersion()).isEqualTo("unknown version");
        assertThat(md.getDriverName()).isEqualTo("Avatica Remote JDBC Driver");
        assertThat(md.getDriverVersion()).isEqualTo("unknown version");
        assertThat(md.getURL()).isEqualTo(server.url());
      }
      assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
      assertThat(md.getSearchStringEscape()).isEqualTo("\\");
      assertThat(md.getCatalogSeparator()).isEqualTo(".");
      assertThat(md.getSchemaTerm()).isEqualTo("schema");
      // Calcite's reserved words beyond SQL:2003's, which a tool quotes when they name something.
      assertThat(md.getSQLKeywords().split(",")).hasSize(199).contains("GROUPS", "LIMIT", "OFFSET", "QUALIFY")
          .doesNotContain("SELECT", "EVENTS", "USERS", "USER_GROUPS");
      assertThat(md.getNumericFunctions()).isEqualTo("ABS,ACOS,ASIN,ATAN,ATAN2,CBRT,CEILING,COS,COT,DEGREES,EXP,FLOOR,"
          + "LOG,LOG10,MOD,PI,POWER,RADIANS,RAND,ROUND,SIGN,SIN,SQRT,TAN,TRUNCATE");
      assertThat(md.getStringFunctions()).isEqualTo("ASCII,CHAR,CONCAT,DIFFERENCE,INSERT,LCASE,LEFT,LENGTH,LOCATE,"
          + "LTRIM,REPEAT,REPLACE,RIGHT,RTRIM,SOUNDEX,SPACE,SUBSTRING,UCASE");
      assertThat(md.getTimeDateFunctions()).isEqualTo("CONVERT_TIMEZONE,CURDATE,CURTIME,DAYNAME,DAYOFMONTH,DAYOFWEEK,"
          + "DAYOFYEAR,HOUR,MINUTE,MONTH,MONTHNAME,NOW,QUARTER,SECOND,TIMESTAMPADD,TIMESTAMPDIFF,TO_DATE,TO_TIMESTAMP,"
          + "WEEK,YEAR");
      assertThat(md.isReadOnly()).isTrue();
      assertThat(md.supportsTransactions()).isFalse();
      assertThat(md.supportsSchemasInDataManipulation()).isTrue();
      assertThat(md.supportsMixedCaseQuotedIdentifiers() || md.storesMixedCaseIdentifiers()).isTrue();
      assertThat(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
      // What DBeaver reads from the connection itself right after opening it.
      assertThat(c.getAutoCommit()).isTrue();
      assertThat(c.isReadOnly()).isTrue();
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);
      assertThat(c.getSchema()).isEqualTo("scap");
      c.setAutoCommit(true);
      c.setReadOnly(false);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"local", "remote"})
  void navigatorTree(String where) throws SQLException {
    try (Connection c = connect(where)) {
      DatabaseMetaData md = c.getMetaData();
      // Calcite has no catalogs: at most one unnamed one.
      List<String> catalogs = Jdbc.column(md.getCatalogs(), "TABLE_CAT");
      assertThat(catalogs).hasSizeLessThanOrEqualTo(1).allMatch(s -> s == null || s.isEmpty());
      assertThat(Jdbc.column(md.getSchemas(), "TABLE_SCHEM")).containsExactlyInAnyOrder("inspect", "metadata", "scap");
      assertThat(Jdbc.column(md.getSchemas(null, "sc%"), "TABLE_SCHEM")).containsExactly("scap");
      assertThat(Jdbc.column(md.getTableTypes(), "TABLE_TYPE")).contains("TABLE", "VIEW");

      List<String[]> all = tables(md.getTables(null, "scap", "%", null));
      assertThat(all).extracting(t -> t[0]).containsExactlyInAnyOrderElementsOf(TABLES);
      assertThat(all).allSatisfy(t -> {
        assertThat(t[1]).as(t[0]).isEqualTo("TABLE");
        assertThat(t[2]).as("remarks of " + t[0]).isEqualTo(TableDocs.tableDescriptions().get(t[0]));
      });
      assertThat(tables(md.getTables(null, "scap", "%", new String[] {"TABLE"}))).hasSize(TABLES.size());
      assertThat(tables(md.getTables(null, "scap", "%", new String[] {"VIEW"}))).isEmpty();
      assertThat(tables(md.getTables(null, null, "%", new String[] {"SYSTEM TABLE"})))
          .extracting(t -> t[0]).contains("TABLES", "COLUMNS");
      assertThat(tables(md.getTables(null, null, null, null))).extracting(t -> t[0])
          .containsExactlyInAnyOrderElementsOf(concat(concat(TABLES, List.of("COLUMNS", "TABLES")),
              InspectViews.views().stream().map(InspectViews.View::name).toList()));
      assertThat(tables(md.getTables(null, "scap", "event\\_types", null))).extracting(t -> t[0])
          .containsExactly("event_types");

      assertThat(Jdbc.column(md.getProcedures(null, "scap", "%"), "PROCEDURE_NAME")).isEmpty();
      ResultSet functions = md.getFunctions(null, null, "%");
      assertThat(functions.getMetaData().getColumnLabel(3)).isEqualTo("FUNCTION_NAME");
      functions.close();
      List<String> types = Jdbc.column(md.getTypeInfo(), "TYPE_NAME");
      assertThat(types).contains("BIGINT", "INTEGER", "VARCHAR", "BOOLEAN", "TIMESTAMP", "VARBINARY");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"local", "remote"})
  void browsingATable(String where) throws SQLException {
    try (Connection c = connect(where)) {
      DatabaseMetaData md = c.getMetaData();
      List<TableDocs.Column> documented = TableDocs.tables().stream()
          .filter(t -> t.name().equals("events")).findFirst().orElseThrow().columns();
      try (ResultSet rs = md.getColumns(null, "scap", "events", "%")) {
        int n = 0;
        while (rs.next()) {
          TableDocs.Column expected = documented.get(n);
          n++;
          assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("scap");
          assertThat(rs.getString("TABLE_NAME")).isEqualTo("events");
          assertThat(rs.getString("COLUMN_NAME")).isEqualTo(expected.name());
          assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(n);
          assertThat(rs.getString("REMARKS")).as(expected.name()).isEqualTo(expected.description());
          assertThat(rs.getString("TYPE_NAME")).as(expected.name()).doesNotContain("NOT NULL", "(");
          assertThat(rs.getString("IS_NULLABLE")).isIn("YES", "NO");
        }
        assertThat(n).isEqualTo(documented.size());
      }
      try (ResultSet rs = md.getColumns(null, "scap", "events", "evt_num")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
        assertThat(rs.getString("TYPE_NAME")).isEqualTo("BIGINT");
        assertThat(rs.getString("REMARKS")).isEqualTo("Event number, from 1 in file order, as sysdig numbers it");
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = md.getColumns(null, "scap", "events", "evt_time")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.TIMESTAMP);
        assertThat(rs.getString("TYPE_NAME")).isEqualTo("TIMESTAMP");
      }
      // events has no primary key and no index (its keys: KeysMetadataTest): empty answers with the standard columns.
      for (ResultSet rs : new ResultSet[] {md.getPrimaryKeys(null, "scap", "events"),
          md.getExportedKeys(null, "scap", "events"), md.getIndexInfo(null, "scap", "events", false, true)}) {
        try (rs) {
          assertThat(rs.findColumn(rs.getMetaData().getColumnLabel(1))).isEqualTo(1);
          assertThat(rs.next()).isFalse();
        }
      }
      // The data tab: the first rows of the table, quoted as DBeaver quotes.
      try (Statement s = c.createStatement()) {
        s.setMaxRows(200);
        s.setFetchSize(200);
        try (ResultSet rs = s.executeQuery("SELECT * FROM \"scap\".\"events\"")) {
          ResultSetMetaData rmd = rs.getMetaData();
          assertThat(rmd.getColumnCount()).isEqualTo(documented.size());
          assertThat(rmd.getColumnLabel(1)).isEqualTo("evt_num");
          assertThat(rmd.getColumnType(1)).isEqualTo(Types.BIGINT);
          List<String> rows = Jdbc.rows(rs);
          assertThat(rows).hasSize(200);
          assertThat(rows.get(0)).startsWith("1|").contains("{cpu_usr=450, cpu_sys=640}");
        }
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"local", "remote"})
  void theInspectViewsAreListedAsViewsWithRemarks(String where) throws SQLException {
    try (Connection c = connect(where)) {
      DatabaseMetaData md = c.getMetaData();
      List<String[]> views = tables(md.getTables(null, "inspect", "%", null));
      assertThat(views).extracting(t -> t[0]).containsExactlyInAnyOrderElementsOf(
          InspectViews.views().stream().map(InspectViews.View::name).toList());
      assertThat(views).allSatisfy(t -> {
        assertThat(t[1]).as(t[0]).isEqualTo("VIEW");
        assertThat(t[2]).as("remarks of " + t[0]).isEqualTo(InspectViews.tableRemark(t[0])).isNotBlank();
      });
      assertThat(tables(md.getTables(null, "inspect", "%", new String[] {"VIEW"}))).hasSameSizeAs(views);
      assertThat(tables(md.getTables(null, "scap", "%", new String[] {"VIEW"}))).isEmpty();
      int n = 0;
      try (ResultSet rs = md.getColumns(null, "inspect", "files", "%")) {
        while (rs.next()) {
          n++;
          String column = rs.getString("COLUMN_NAME");
          assertThat(rs.getString("REMARKS")).as(column).isEqualTo(InspectViews.columnRemark("files", column))
              .isNotBlank();
          assertThat(rs.getString("TYPE_NAME")).as(column).doesNotContain("NOT NULL", "(");
        }
      }
      assertThat(n).isGreaterThan(8);
      try (ResultSet rs = md.getColumns(null, "inspect", "files", "bytes_in")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
        assertThat(rs.getString("REMARKS")).isEqualTo("Bytes read from the file (BYTES IN)");
      }
      // Browsing a view's data, as DBeaver quotes it, and a drill-down through the server.
      try (Statement s = c.createStatement()) {
        assertThat(Jdbc.rows(s.executeQuery("SELECT \"tile\", \"total\" FROM \"inspect\".\"overview\""
            + " WHERE \"tile\" = 'system_calls'"))).singleElement().asString().startsWith("system_calls|");
        assertThat(Jdbc.rows(s.executeQuery("SELECT evt_type, calls FROM inspect.system_calls"
            + " WHERE proc_pid = -12345"))).isEmpty();
        assertThat(Jdbc.rows(s.executeQuery("SELECT format_bytes(2048), errno_name(-2)")))
            .containsExactly("2.0 KiB|ENOENT");
      }
    }
  }

  /** Name, type and remarks of each table row. */
  private static List<String[]> tables(ResultSet rs) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"), rs.getString("REMARKS")});
      }
    }
    return out;
  }
}
