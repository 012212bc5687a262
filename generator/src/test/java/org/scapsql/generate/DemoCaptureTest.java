package org.scapsql.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCaptureTest {
  @Test
  void madeOnceAndKeptUnderItsVersionSeedAndSize(@TempDir Path dir) throws IOException {
    Path cache = dir.resolve("cache");
    Path p = DemoCapture.path(cache);
    assertThat(p).isEqualTo(cache.resolve("demo-v" + Generator.VERSION + "-seed1-10485760.scap"));
    assertThat(Files.size(p)).isGreaterThanOrEqualTo(DemoCapture.SIZE);
    try (var files = Files.list(cache)) {
      assertThat(files).containsExactly(p);
    }
    FileTime made = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(p, made);
    assertThat(DemoCapture.path(cache)).isEqualTo(p);
    assertThat(Files.getLastModifiedTime(p)).isEqualTo(made);
    assertThat(Files.readAllBytes(p)).isEqualTo(Files.readAllBytes(GeneratedCaptures.tenMegabytes()));
  }

  @Test
  void theCachePropertyWins(@TempDir Path dir) {
    String old = System.getProperty("scapsql.cache");
    try {
      System.setProperty("scapsql.cache", dir.toString());
      assertThat(DemoCapture.cacheDir()).isEqualTo(dir);
    } finally {
      if (old == null) {
        System.clearProperty("scapsql.cache");
      } else {
        System.setProperty("scapsql.cache", old);
      }
    }
  }

  @Test
  void withoutThePropertyTheUsersCacheDirectoryIsUsed() {
    String old = System.getProperty("scapsql.cache");
    try {
      System.clearProperty("scapsql.cache");
      Path d = DemoCapture.cacheDir();
      String xdg = System.getenv("XDG_CACHE_HOME");
      if (xdg != null && !xdg.isBlank()) {
        assertThat(d).isEqualTo(Path.of(xdg, "scapsql"));
      } else {
        assertThat(d).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "scapsql"));
      }
    } finally {
      if (old != null) {
        System.setProperty("scapsql.cache", old);
      }
    }
  }
}
