package org.scapsql.adapter.cache;

import java.nio.file.Path;

/** Builds one capture's column cache in a process of its own (for the two-builders test). */
public final class BuildCache {
  private BuildCache() {}

  public static void main(String[] args) throws Exception {
    if (ColumnCache.shared().buildNow(Path.of(args[0])) == null) {
      System.err.println("not cacheable: " + args[0]);
      System.exit(1);
    }
  }
}
