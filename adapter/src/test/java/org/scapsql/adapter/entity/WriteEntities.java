package org.scapsql.adapter.entity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.cache.ColumnCache;

/** Runs one capture's entity pass into its file in the cache, in a process of its own (the two-writers test). */
public final class WriteEntities {
  private WriteEntities() {}

  /** The pass of {@code capture} streamed into a temporary file and published as its {@code .ents} file. */
  static Path write(Path capture, String key) throws IOException {
    ColumnCache store = ColumnCache.shared();
    Path tmp = store.sideTemporary(key, ColumnCache.ENTITIES);
    try {
      EntityPass.write(capture, QueryControl.none(), tmp, key);
      store.publishSide(capture, key, ColumnCache.ENTITIES, tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return store.sidePath(key, ColumnCache.ENTITIES);
  }

  public static void main(String[] args) throws Exception {
    Path capture = Path.of(args[0]);
    String key = ColumnCache.shared().storeKey(capture);
    if (key == null) {
      System.err.println("not cacheable: " + args[0]);
      System.exit(1);
    }
    if (!Files.isRegularFile(write(capture, key))) {
      System.err.println("not written: " + args[0]);
      System.exit(1);
    }
  }
}
