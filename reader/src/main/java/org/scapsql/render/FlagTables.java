package org.scapsql.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The flag and enum name tables, in table order (rendering depends on it). */
public final class FlagTables {
  private static final Map<String, long[]> VALUES = new HashMap<>();
  private static final Map<String, String[]> NAMES = new HashMap<>();

  static {
    try (InputStream in = FlagTables.class.getResourceAsStream("/org/scapsql/reader/flag-tables.tsv")) {
      BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      br.readLine();
      Map<String, List<String[]>> rows = new HashMap<>();
      List<String> order = new ArrayList<>();
      String line;
      while ((line = br.readLine()) != null) {
        String[] r = line.split("\t");
        if (r.length < 4) {
          continue;
        }
        rows.computeIfAbsent(r[0], k -> {
          order.add(k);
          return new ArrayList<>();
        }).add(r);
      }
      for (String t : order) {
        List<String[]> l = rows.get(t);
        l.sort((a, b) -> Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1])));
        long[] v = new long[l.size()];
        String[] n = new String[l.size()];
        for (int i = 0; i < l.size(); i++) {
          n[i] = l.get(i)[2];
          v[i] = Long.parseLong(l.get(i)[3]);
        }
        VALUES.put(t, v);
        NAMES.put(t, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FlagTables() {}

  /**
   * The flags rule: walk the table; stop at the entry equal to the whole value and
   * name it; before that, name every non-zero entry whose bits are all still set,
   * clearing them. sysdig 0.29.3 names the equal entry unconditionally; current
   * libsinsp ({@code current}) only if its bits are all still set. Returns "" when
   * nothing matches.
   */
  public static String flags(String table, long value, boolean current) {
    long[] v = VALUES.get(table);
    if (v == null) {
      return "";
    }
    String[] n = NAMES.get(table);
    StringBuilder sb = new StringBuilder();
    long rest = value;
    for (int i = 0; i < v.length; i++) {
      if (v[i] == value && (!current || (rest & v[i]) == v[i])) {
        append(sb, n[i]);
        break;
      }
      if (v[i] != 0 && (rest & v[i]) == v[i]) {
        append(sb, n[i]);
        rest &= ~v[i];
      }
    }
    return sb.toString();
  }

  /** sysdig 0.29.3's flags rule (also the mode rule of both versions). */
  public static String flags(String table, long value) {
    return flags(table, value, false);
  }

  /** Enum flags: every entry equal to the value. */
  public static String enumFlags(String table, long value) {
    long[] v = VALUES.get(table);
    if (v == null) {
      return "";
    }
    String[] n = NAMES.get(table);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      if (v[i] == value) {
        append(sb, n[i]);
      }
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String name) {
    if (sb.length() > 0) {
      sb.append('|');
    }
    sb.append(name);
  }
}
