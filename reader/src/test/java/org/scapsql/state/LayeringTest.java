package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The state package sits below render: render may use state, never the other way round. */
class LayeringTest {
  @Test
  void stateDoesNotUseRender() throws IOException {
    Path dir = Path.of("src/main/java/org/scapsql/state");
    assertThat(dir).isDirectory();
    List<Path> offenders;
    try (Stream<Path> files = Files.list(dir)) {
      offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
        try {
          return Files.readString(f).contains("org.scapsql.render");
        } catch (IOException e) {
          throw new IllegalStateException(f.toString(), e);
        }
      }).toList();
    }
    assertThat(offenders).isEmpty();
  }
}
