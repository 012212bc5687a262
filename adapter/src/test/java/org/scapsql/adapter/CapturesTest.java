package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;

class CapturesTest {
  @TempDir
  Path dir;

  @Test
  void aDirectoryStandsForTheCapturesInIt() throws IOException {
    Files.copy(Fixtures.capture("cat_write.scap"), dir.resolve("b.scap"));
    Files.copy(Fixtures.capture("syscall.scap"), dir.resolve("a.scap.gz"));
    Files.writeString(dir.resolve("notes.txt"), "not a capture");
    assertThat(Captures.resolve(List.of(dir))).containsExactly(dir.resolve("a.scap.gz"), dir.resolve("b.scap"));
  }

  @Test
  void missingFilesAndEmptyDirectoriesAreErrors() {
    assertThatThrownBy(() -> Captures.resolve(List.of(dir.resolve("nope.scap"))))
        .hasMessage(dir.resolve("nope.scap") + ": no such file or directory");
    assertThatThrownBy(() -> Captures.resolve(List.of(dir)))
        .hasMessage(dir + ": no capture files (*.scap, *.scap.gz) in this directory");
  }

  @Test
  void twoCapturesWithOneNameAreRefused() throws IOException {
    Path d2 = Files.createDirectory(dir.resolve("d2"));
    Files.copy(Fixtures.capture("cat_write.scap"), d2.resolve("cat_write.scap"));
    assertThatThrownBy(() -> Captures.resolve(List.of(Fixtures.capture("cat_write.scap"), d2)))
        .hasMessage("two captures are named cat_write.scap; the capture column could not tell them apart");
  }

  @Test
  void theSchemaFactoryReadsAModel() throws Exception {
    String model = "inline:{version:'1.0',defaultSchema:'scap',schemas:[{name:'scap',type:'custom',"
        + "factory:'org.scapsql.adapter.ScapSchemaFactory',operand:{captures:['"
        + Fixtures.capture("syscall.scap") + "']}}]}";
    java.util.Properties p = new java.util.Properties();
    p.setProperty("model", model);
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "false");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:calcite:", p);
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM events")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(368);
    }
  }
}
