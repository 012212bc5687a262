package org.scapsql.views;

import org.scapsql.adapter.connection.ScapConnections;
import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The doc comments of the views: complete, true to the SQL, and the source of docs/views.md. */
class ViewDocsTest {
  @Test
  void theReferencePageIsUpToDate() throws Exception {
    Path page = Fixtures.root().resolve("docs/views.md");
    assertThat(Files.readString(page)).as("regenerate with InspectViews.main").isEqualTo(ViewsPage.markdown());
  }

  @Test
  void everyColumnIsDocumentedInOrderAndNoOther() throws Exception {
    try (Connection c = ScapConnections.connect(List.of(Path.of("no-capture-is-read.scap")))) {
      DatabaseMetaData md = c.getMetaData();
      for (InspectViews.View v : InspectViews.views()) {
        List<String> served = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, InspectViews.SCHEMA, v.name(), "%")) {
          while (rs.next()) {
            served.add(rs.getString("COLUMN_NAME"));
          }
        }
        List<String> documented = new ArrayList<>(v.doc().columns().keySet());
        documented.addAll(v.doc().context().keySet());
        assertThat(served).as(v.name()).containsExactlyElementsOf(documented);
        assertThat(v.doc().title()).as(v.name()).isNotBlank();
        assertThat(v.doc().summary()).as(v.name()).endsWith(".");
        v.doc().columns().forEach((col, text) -> assertThat(text).as(v.name() + "." + col).isNotBlank());
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, InspectViews.SCHEMA, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
          assertThat(rs.getString("TABLE_TYPE")).isEqualTo("VIEW");
        }
      }
      assertThat(tables).containsExactlyInAnyOrderElementsOf(
          InspectViews.views().stream().map(InspectViews.View::name).toList());
    }
  }

  @Test
  void contextColumnsReadNullUntilComparedWithAConstant() throws Exception {
    for (InspectViews.View v : InspectViews.views()) {
      for (String col : v.doc().context().keySet()) {
        assertThat(v.sql()).as(v.name() + "." + col).containsPattern("NULL AS \\w+\\) AS " + col + "\\b");
      }
    }
  }

  @Test
  void everyViewTheIssueNamesExists() {
    List<String> names = InspectViews.views().stream().map(InspectViews.View::name).toList();
    assertThat(names).contains("connections", "containers", "directories", "errors", "files", "io_by_type",
        "page_faults", "port_bindings", "processes", "processes_cpu", "processes_errors", "server_ports",
        "slow_file_io", "spy_users", "system_calls", "threads", "io_streams", "syscalls", "new_connections",
        "syscall_callers", "overview");
  }
}
