package org.scapsql.adapter.entity;

import java.nio.file.Path;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.cache.ColumnCache;

/** Runs one capture's entity pass and writes its file, in a process of its own (for the two-writers test). */
public final class WriteEntities {
  private WriteEntities() {}

  public static void main(String[] args) throws Exception {
    Path capture = Path.of(args[0]);
    String key = ColumnCache.shared().storeKey(capture);
    if (key == null) {
      System.err.println("not cacheable: " + args[0]);
      System.exit(1);
    }
    Entities e = EntityPass.run(capture, QueryControl.none());
    if (ColumnCache.shared().writeSideNow(capture, key, ColumnCache.ENTITIES, () -> EntityFile.encode(e)) == null) {
      System.err.println("not written: " + args[0]);
      System.exit(1);
    }
  }
}
