package org.scapsql.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScapUrlTest {
  @Test
  void aPathAfterThePrefixIsTheCapture() {
    ScapUrl u = ScapUrl.parse("jdbc:scap:/data/x.scap", null);
    assertThat(u.captures()).containsExactly(Path.of("/data/x.scap"));
    assertThat(u.properties()).isEmpty();
  }

  @Test
  void fileEqualsIsDbeaversTemplateAndMayRepeat() {
    ScapUrl u = ScapUrl.parse("jdbc:scap:file=/data/a b.scap;file=/data/dir;fun=postgresql", null);
    assertThat(u.captures()).containsExactly(Path.of("/data/a b.scap"), Path.of("/data/dir"));
    assertThat(u.properties()).isEqualTo(Map.of("fun", "postgresql"));
  }

  @Test
  void propertiesFollowThePathAndKeysIgnoreCase() {
    ScapUrl u = ScapUrl.parse("JDBC:SCAP:/data/dir;caseSensitive=true; timeZone = UTC ;", null);
    assertThat(u.captures()).containsExactly(Path.of("/data/dir"));
    assertThat(u.properties()).isEqualTo(Map.of("casesensitive", "true", "timezone", "UTC"));
  }

  @Test
  void connectPropertiesFillInWhatTheUrlDoesNotSay() {
    Properties info = new Properties();
    info.setProperty("FILE", "/data/b.scap");
    info.setProperty("fun", "mysql");
    info.setProperty("user", "someone");
    ScapUrl u = ScapUrl.parse("jdbc:scap:/data/a.scap;fun=postgresql", info);
    // The URL wins: its capture replaces the saved file property, its fun= the property's.
    assertThat(u.captures()).containsExactly(Path.of("/data/a.scap"));
    assertThat(u.properties()).containsEntry("fun", "postgresql").containsEntry("user", "someone");
    // A URL without a capture takes the property's.
    assertThat(ScapUrl.parse("jdbc:scap:;fun=mysql", info).captures()).containsExactly(Path.of("/data/b.scap"));
  }

  @Test
  void aPathContainingEqualsOrPercentIsStillAPath() {
    assertThat(ScapUrl.parse("jdbc:scap:/data/run=1 100%.scap", null).captures())
        .containsExactly(Path.of("/data/run=1 100%.scap"));
  }

  @Test
  void anythingButKeyValueAfterThePathIsAnError() {
    assertThatThrownBy(() -> ScapUrl.parse("jdbc:scap:/data/a.scap;/data/b.scap", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad part '/data/b.scap'")
        .hasMessageContaining("key=value");
    assertThatThrownBy(() -> ScapUrl.parse("jdbc:scap:file=", null))
        .hasMessage("empty capture path");
    assertThatThrownBy(() -> ScapUrl.parse("jdbc:calcite:", null))
        .hasMessageContaining("not a scapsql URL");
  }

  @Test
  void onlyScapUrlsAreAccepted() {
    assertThat(ScapUrl.accepts("jdbc:scap:/x")).isTrue();
    assertThat(ScapUrl.accepts("jdbc:scapx:/x")).isFalse();
    assertThat(ScapUrl.accepts("jdbc:calcite:")).isFalse();
    assertThat(ScapUrl.accepts(null)).isFalse();
  }

  @Test
  void ofBuildsAUrlThatParsesBack() {
    String url = ScapUrl.of(List.of(Path.of("/data/a.scap"), Path.of("/data/b.scap.gz")));
    assertThat(url).isEqualTo("jdbc:scap:/data/a.scap;file=/data/b.scap.gz");
    assertThat(ScapUrl.parse(url, null).captures())
        .containsExactly(Path.of("/data/a.scap"), Path.of("/data/b.scap.gz"));
    assertThatThrownBy(() -> ScapUrl.of(List.of(Path.of("/data/a;b.scap"))))
        .hasMessageContaining("cannot contain ';'");
  }
}
