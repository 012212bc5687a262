package org.scapsql.adapter.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.junit.jupiter.api.Test;
import org.scapsql.Fixtures;
import org.scapsql.adapter.TableDocs;

class ScapConnectionsTest {
  private static final Path CAPTURE = Fixtures.capture("cat_write.scap");

  @Test
  void everyConnectionHasTheSettingsAndSchemaScap() throws SQLException {
    try (CalciteConnection c = ScapConnections.connect(List.of(CAPTURE))) {
      assertThat(c.getSchema()).isEqualTo(ScapConnections.SCHEMA);
      assertThat(c.getRootSchema().getSubSchemaNames()).contains("scap");
      assertThat(c.config().unquotedCasing()).isEqualTo(Casing.UNCHANGED);
      assertThat(c.config().caseSensitive()).isFalse();
      assertThat(c.config().timeZone()).isEqualTo("UTC");
      assertThat(c.getProperties().getProperty("fun")).isEqualTo(ScapConnections.DEFAULT_FUN);
      // Unquoted, any case, and PostgreSQL's split_part from the default libraries.
      assertThat(rows(c, "SELECT Evt_Num, split_part('a,b', ',', 2) FROM EVENTS WHERE evt_num = 131"))
          .containsExactly("131|b");
      // Timestamps read in UTC whatever the JVM's zone: the capture's first event is at 16:17:55.999Z.
      assertThat(rows(c, "SELECT first_time FROM capture")).containsExactly("2016-08-04 16:17:55.999");
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables(null, "scap", "processes", null)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("REMARKS")).isEqualTo(TableDocs.tables().stream()
            .filter(t -> t.name().equals("processes")).findFirst().orElseThrow().description());
      }
      try (ResultSet rs = md.getColumns(null, "scap", "events", "evt_num")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("REMARKS")).isEqualTo(TableDocs.describe("events", "evt_num"));
        assertThat(rs.getString("TYPE_NAME")).isEqualTo("BIGINT");
      }
      // The planner bounds an ORDER BY ... LIMIT the scan cannot take.
      assertThat(String.join("\n", rows(c, "EXPLAIN PLAN FOR SELECT proc_name FROM processes"
          + " ORDER BY proc_pid LIMIT 2"))).contains("EnumerableLimitSort");
    }
  }

  @Test
  void settingsReplaceTheDefaultsButNotTheFixedOnes() throws SQLException {
    Map<CalciteConnectionProperty, String> standardOnly = Map.of(CalciteConnectionProperty.FUN, " Standard ,");
    try (CalciteConnection c = ScapConnections.connect(List.of(CAPTURE), standardOnly)) {
      assertThat(c.getProperties().getProperty("fun")).isEqualTo("standard");
      assertThatThrownBy(() -> rows(c, "SELECT split_part('a,b', ',', 2) FROM capture"))
          .isInstanceOf(SQLException.class).hasMessageContaining("split_part");
    }
    assertThat(ScapConnections.properties(Map.of(CalciteConnectionProperty.FUN, ""))
        .getProperty("fun")).isEqualTo(ScapConnections.DEFAULT_FUN);
    Properties p = ScapConnections.properties(Map.of(CalciteConnectionProperty.CASE_SENSITIVE, "true"));
    assertThat(p.getProperty("caseSensitive")).isEqualTo("true");
    assertThat(p.getProperty("unquotedCasing")).isEqualTo("UNCHANGED");
    assertThat(p.getProperty("timeZone")).isEqualTo("UTC");
    assertThat(p.getProperty("metaTableFactory")).isEqualTo(DocumentedTables.class.getName());
    assertThat(p.getProperty("metaColumnFactory")).isEqualTo(DocumentedColumns.class.getName());
    for (CalciteConnectionProperty fixed : List.of(CalciteConnectionProperty.TIME_ZONE,
        CalciteConnectionProperty.MODEL, CalciteConnectionProperty.SCHEMA_FACTORY,
        CalciteConnectionProperty.META_TABLE_FACTORY)) {
      assertThatThrownBy(() -> ScapConnections.connect(List.of(CAPTURE), Map.of(fixed, "x")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(fixed.camelName());
    }
    assertThatThrownBy(() -> ScapConnections.connect(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one capture");
  }

  @Test
  void extensionsAddFunctionsBeforeAnySchema() throws SQLException {
    List<String> calls = new ArrayList<>();
    ConnectionExtension a = new Recording("a", calls);
    ConnectionExtension b = new Recording("b", calls);
    try (CalciteConnection c = ScapConnections.connect(List.of(CAPTURE), Map.of(), List.of(a, b))) {
      assertThat(calls).containsExactly("a functions (scap there)", "b functions (scap there)",
          "a schemas over [cat_write.scap]", "b schemas over [cat_write.scap]");
      assertThat(c.getSchema()).isEqualTo("scap");
    }
  }

  @Test
  void aFailingExtensionFailsTheConnectionCleanly() {
    ConnectionExtension broken = new ConnectionExtension() {
      @Override
      public void addSchemas(SchemaPlus root, List<Path> captures) {
        throw new IllegalStateException("views did not load");
      }
    };
    assertThatThrownBy(() -> ScapConnections.connect(List.of(CAPTURE), Map.of(), List.of(broken)))
        .isInstanceOf(IllegalStateException.class).hasMessage("views did not load");
  }

  @Test
  void extensionsOnTheClassPathArePartOfEveryConnection() throws SQLException {
    assertThat(ScapConnections.extensions()).hasOnlyElementsOfType(ProbeExtension.class).hasSize(1);
    try (CalciteConnection c = ScapConnections.connect(List.of(CAPTURE))) {
      assertThat(rows(c, "SELECT evt_num, twice FROM probe.first_events ORDER BY evt_num"))
          .containsExactly("1|2", "2|4", "3|6");
      assertThat(rows(c, "SELECT probe_twice(21) FROM capture")).containsExactly("42");
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables(null, "probe", "first_events", null)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_TYPE")).isEqualTo("VIEW");
        assertThat(rs.getString("REMARKS")).isEqualTo("The first three events, numbers doubled");
      }
      try (ResultSet rs = md.getColumns(null, "probe", "first_events", "twice")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("REMARKS")).isEqualTo("Twice evt_num");
      }
    }
  }

  private static List<String> rows(CalciteConnection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  /** Writes down when it is called and what it sees. */
  private static final class Recording implements ConnectionExtension {
    private final String name;
    private final List<String> calls;

    Recording(String name, List<String> calls) {
      this.name = name;
      this.calls = calls;
    }

    @Override
    public void addFunctions(SchemaPlus root) {
      calls.add(name + " functions" + (root.getSubSchema("scap") != null ? " (scap there)" : ""));
    }

    @Override
    public void addSchemas(SchemaPlus root, List<Path> captures) {
      calls.add(name + " schemas over " + captures.stream().map(p -> p.getFileName().toString()).toList());
    }
  }
}
