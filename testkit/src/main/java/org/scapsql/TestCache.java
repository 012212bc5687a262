package org.scapsql;

import java.nio.file.Path;

/**
 * A test class's own folder for scapsql's caches, set through the system properties the
 * cache reads, with the settings of the test run put back when the class is done.
 */
public final class TestCache implements AutoCloseable {
  private final String previous;

  private TestCache(String previous) {
    this.previous = previous;
  }

  /**
   * Points the caches at {@code folder} and caches captures of any size (the fixtures are
   * small); whether the column cache is on stays the caller's to set, test by test.
   */
  public static TestCache in(Path folder) {
    String previous = System.getProperty("scapsql.cache");
    System.setProperty("scapsql.cache", folder.toString());
    System.setProperty("scapsql.columnCache.minBytes", "0");
    return new TestCache(previous);
  }

  /** The previous folder back, the size floor dropped, the column cache off (as the test run has it). */
  @Override
  public void close() {
    if (previous == null) {
      System.clearProperty("scapsql.cache");
    } else {
      System.setProperty("scapsql.cache", previous);
    }
    System.clearProperty("scapsql.columnCache.minBytes");
    System.setProperty("scapsql.columnCache", "off");
  }
}
