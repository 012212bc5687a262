package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scapsql.Fixtures;

class TableDocsTest {
  @Test
  void theReferencePageIsUpToDate() throws Exception {
    Path page = Fixtures.root().resolve("docs/tables.md");
    assertThat(Files.readString(page)).as("regenerate with TableDocs.main").isEqualTo(TableDocs.markdown());
  }

  @Test
  void everyTableAndColumnTheSchemaServesIsDocumented() throws Exception {
    try (Sql sql = Sql.of(Fixtures.capture("cat_write.scap"))) {
      DatabaseMetaData md = sql.connection.getMetaData();
      List<String> served = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "scap", "%", "%")) {
        while (rs.next()) {
          served.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"));
        }
      }
      List<String> documented = new ArrayList<>();
      for (TableDocs.Table t : TableDocs.tables()) {
        for (TableDocs.Column c : t.columns()) {
          documented.add(t.name() + "." + c.name());
          assertThat(c.description()).as(t.name() + "." + c.name()).isNotBlank();
        }
      }
      assertThat(served).containsExactlyInAnyOrderElementsOf(documented);
      assertThat(TableDocs.describe("events", "fd_name")).isEqualTo("Name of the fd: path, socket tuple, pipe, ...");
    }
  }
}
