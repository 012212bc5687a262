package org.scapsql.export;

/** Hive-style partition values, as Spark, Trino and DuckDB decode them. */
public final class Partitions {
  /** Hive's name for a NULL partition value. */
  public static final String DEFAULT = "__HIVE_DEFAULT_PARTITION__";

  private Partitions() {}

  /**
   * The value as a path segment: characters that a path or Hive's parser would
   * misread ({@code / = % :} and the like, controls, non-ASCII) as {@code %XX}
   * of their UTF-8 bytes, as Hive escapes them.
   */
  public static String escape(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT;
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean plain = c >= 0x20 && c < 0x7F && "\"#%'*/:=?\\{[]^".indexOf(c) < 0 && c != ' ';
      if (plain) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    String s = sb.toString();
    // "." and ".." would name the folder itself or its parent.
    return s.equals(".") || s.equals("..") ? s.replace(".", "%2E") : s;
  }
}
