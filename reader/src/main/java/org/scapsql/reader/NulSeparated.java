package org.scapsql.reader;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The strings of a NUL-separated byte field (a process's arguments, environment,
 * cgroups), decoded when first read. A capture's process lists repeat for every
 * section, and most of what they hold (the environment above all) no query reads:
 * decoding it all as it streams by was a quarter of a header-only scan's time.
 * Reading the field's bytes and checking its length stay where they were, so a
 * damaged block is found exactly as before.
 */
public final class NulSeparated extends AbstractList<String> implements RandomAccess {
  private final byte[] bytes;
  private volatile String[] strings;

  private NulSeparated(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The strings of {@code b}: between NULs, the last one without a closing NUL kept too. */
  public static java.util.List<String> of(byte[] b) {
    return b.length == 0 ? java.util.List.of() : new NulSeparated(b);
  }

  /**
   * The bytes behind {@code strings} when it is such a list (not to be modified), else
   * null: a caller that derives one value from the whole list (the container of a
   * thread's cgroups) can remember it by these bytes instead of decoding them again.
   */
  public static byte[] bytesOf(java.util.List<String> strings) {
    return strings instanceof NulSeparated n ? n.bytes : null;
  }

  @Override
  public String get(int index) {
    return strings()[index];
  }

  @Override
  public int size() {
    return strings().length;
  }

  private String[] strings() {
    String[] s = strings;
    if (s == null) {
      s = split(bytes);
      strings = s;
    }
    return s;
  }

  private static String[] split(byte[] b) {
    int n = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        n++;
      }
    }
    if (b[b.length - 1] != 0) {
      n++;
    }
    String[] out = new String[n];
    int k = 0;
    int s = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        out[k++] = new String(b, s, i - s, StandardCharsets.UTF_8);
        s = i + 1;
      }
    }
    if (s < b.length) {
      out[k] = new String(b, s, b.length - s, StandardCharsets.UTF_8);
    }
    return out;
  }
}
