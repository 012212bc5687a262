package org.scapsql.driver;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar alone, as DBeaver loads it: a fresh class loader over that one file
 * whose parent is the platform loader, so nothing from this build's class path can
 * fill a gap.
 */
class ShadedJarIT {
  private static Path jar;
  private static URLClassLoader loader;

  @BeforeAll
  static void open() throws IOException {
    String p = System.getProperty("scapsql.shadedJar");
    assertThat(p).as("system property scapsql.shadedJar (set by the pom)").isNotNull();
    jar = Path.of(p);
    assertThat(jar).exists();
    loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  @AfterAll
  static void close() throws IOException {
    loader.close();
  }

  private static Driver driver(String className) throws ReflectiveOperationException {
    Class<?> c = Class.forName(className, true, loader);
    assertThat(c.getClassLoader()).isSameAs(loader);
    return (Driver) c.getDeclaredConstructor().newInstance();
  }

  @Test
  void theJarHoldsEverythingUnsignedAndUnrelocated() throws IOException {
    List<String> signatures = new ArrayList<>();
    List<String> exportSide = new ArrayList<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements();) {
        String name = e.nextElement().getName();
        if (name.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")) {
          signatures.add(name);
        }
        // scapsql export and its Parquet writer stay out of the driver: a BI tool needs neither.
        if (name.startsWith("org/scapsql/export/") || name.startsWith("org/apache/parquet/")
            || name.startsWith("shaded/parquet/") || name.startsWith("blue/strategic/")
            || name.startsWith("org/apache/hadoop/") || name.startsWith("com/github/luben/")) {
          exportSide.add(name);
        }
      }
      assertThat(j.getEntry("org/apache/calcite/jdbc/Driver.class")).isNotNull();
      assertThat(j.getEntry("org/scapsql/adapter/ScapSchema.class")).isNotNull();
      assertThat(j.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("org.scapsql.server.ServeCommand");
    }
    assertThat(signatures).isEmpty();
    assertThat(exportSide).isEmpty();
    List<String> drivers = new ArrayList<>();
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      if (d.getClass().getClassLoader() == loader) {
        drivers.add(d.getClass().getName());
      }
    }
    // The merged service file names every driver inside.
    assertThat(drivers).contains("org.scapsql.driver.ScapDriver", "org.apache.calcite.avatica.remote.Driver");
  }

  @Test
  void itConnectsAndQueriesOnItsOwn() throws Exception {
    Driver d = driver("org.scapsql.driver.ScapDriver");
    assertThat(d.acceptsURL("jdbc:scap:/x.scap")).isTrue();
    try (Connection c = d.connect("jdbc:scap:file=" + Fixtures.capture("cat_write.scap"), new Properties())) {
      assertThat(Jdbc.rows(c, "SELECT count(*) FROM events")).containsExactly("345");
      assertThat(Jdbc.rows(c, "SELECT evt_type, evt_dir FROM events WHERE evt_num = 131")).containsExactly("execve|<");
      // PostgreSQL's functions are on inside the jar too.
      assertThat(Jdbc.rows(c, "SELECT split_part('a:b', ':', 2)")).containsExactly("b");
      try (ResultSet rs = c.getMetaData().getColumns(null, "scap", "events", "evt_num")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TYPE_NAME")).isEqualTo("BIGINT");
        assertThat(rs.getString("REMARKS")).isEqualTo("Event number, from 1 in file order, as sysdig numbers it");
      }
      // The Inspect views, their .sql files and the functions travel in the jar too.
      assertThat(Jdbc.rows(c, "SELECT fd_name, bytes_in FROM inspect.files WHERE bytes_in > 0"))
          .containsExactly("/lib/x86_64-linux-gnu/libc.so.6|832");
      assertThat(Jdbc.rows(c, "SELECT format_duration(2654)")).containsExactly("2.65us");
    }
  }

  @Test
  void itServesAndItsAvaticaDriverReadsTheServer() throws Exception {
    Class<?> serverClass = Class.forName("org.scapsql.server.ScapServer", true, loader);
    Method start = serverClass.getMethod("start", List.class, String.class, int.class);
    AutoCloseable server = (AutoCloseable) start.invoke(null,
        List.of(Fixtures.capture("syscall.scap")), "127.0.0.1", 0);
    try {
      String url = (String) serverClass.getMethod("url").invoke(server);
      Driver remote = driver("org.apache.calcite.avatica.remote.Driver");
      try (Connection c = remote.connect(url, new Properties())) {
        assertThat(Jdbc.rows(c, "select count(*) from events")).containsExactly("368");
      }
    } finally {
      server.close();
    }
  }

  @Test
  void badSqlIsAnSqlExceptionFromInsideTheJar() throws Exception {
    Driver d = driver("org.scapsql.driver.ScapDriver");
    try (Connection c = d.connect("jdbc:scap:" + Fixtures.capture("cat_write.scap"), new Properties())) {
      assertThatThrownBy(() -> Jdbc.rows(c, "SELECT nope FROM events"))
          .isInstanceOf(SQLException.class).hasMessageContaining("Column 'nope' not found");
      assertThatThrownBy(() -> Jdbc.rows(c, "DROP TABLE events"))
          .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
    }
  }
}
