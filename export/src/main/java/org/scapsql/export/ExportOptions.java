package org.scapsql.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scapsql.adapter.ScapTables;
import org.scapsql.adapter.TableDef;

/** The parsed command line of {@code scapsql export}. */
public record ExportOptions(Path out, List<String> tables, String query, ParquetSettings parquet, boolean overwrite,
    int threads, List<Path> captures) {
  public static final String USAGE = "usage: scapsql export --format parquet --out DIR [--tables events,processes,...]"
      + " [--query SQL] [--compression zstd|snappy|gzip|none] [--row-group-size 128m] [--overwrite] [--threads N] CAPTURE...";

  /** The table a {@code --query} result is written as. */
  public static final String QUERY_TABLE = "query";

  /**
   * The tables exported by default: every table of schema scap that holds a capture's
   * data. {@code event_types} is the reader's own list, the same for every capture, and
   * {@code threads_at_end} the rows of {@code threads} whose {@code thread_end} is NULL.
   */
  public static List<String> defaultTables() {
    List<String> out = new ArrayList<>();
    for (TableDef t : ScapTables.all()) {
      if (!t.name().equals("event_types") && !t.name().equals("threads_at_end")) {
        out.add(t.name());
      }
    }
    return out;
  }

  /** Parses the arguments after {@code export}; a bad one throws with a message for the user. */
  public static ExportOptions parse(String[] args) {
    String format = null;
    Path out = null;
    List<String> tables = null;
    String query = null;
    String compression = "zstd";
    long rowGroup = ParquetSettings.DEFAULT_ROW_GROUP_BYTES;
    boolean overwrite = false;
    int threads = Runtime.getRuntime().availableProcessors();
    List<Path> captures = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--format":
          format = value(args, ++i, a);
          break;
        case "--out":
          out = Path.of(value(args, ++i, a));
          break;
        case "--tables":
          tables = tables(value(args, ++i, a));
          break;
        case "--query":
          query = value(args, ++i, a);
          if (query.isBlank()) {
            throw new IllegalArgumentException("--query needs a SQL query");
          }
          break;
        case "--compression":
          compression = value(args, ++i, a);
          break;
        case "--row-group-size":
          rowGroup = size(value(args, ++i, a));
          break;
        case "--threads":
          threads = positive(value(args, ++i, a), a);
          break;
        case "--overwrite":
          overwrite = true;
          break;
        default:
          if (a.startsWith("-") && !a.equals("-")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          captures.add(Path.of(a));
      }
    }
    if (format == null) {
      throw new IllegalArgumentException("--format is required (parquet)");
    }
    if (!format.equalsIgnoreCase("parquet")) {
      throw new IllegalArgumentException("unknown format '" + format + "': only parquet is written");
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required: the folder the tables are written under");
    }
    if (query != null && tables != null) {
      throw new IllegalArgumentException("--tables and --query do not go together: a query's result is exported"
          + " as table '" + QUERY_TABLE + "'");
    }
    if (captures.isEmpty()) {
      throw new IllegalArgumentException("no capture given");
    }
    ParquetSettings parquet = new ParquetSettings(ParquetSettings.codec(compression), rowGroup);
    List<String> chosen = query != null ? List.of(QUERY_TABLE) : tables != null ? tables : defaultTables();
    return new ExportOptions(out, chosen, query, parquet, overwrite, threads, List.copyOf(captures));
  }

  private static List<String> tables(String list) {
    List<String> known = new ArrayList<>();
    for (TableDef t : ScapTables.all()) {
      known.add(t.name());
    }
    Set<String> out = new LinkedHashSet<>();
    for (String part : list.split(",")) {
      String t = part.strip().toLowerCase(Locale.ROOT);
      if (t.isEmpty()) {
        continue;
      }
      if (!known.contains(t)) {
        throw new IllegalArgumentException("unknown table '" + t + "': the tables are " + String.join(", ", known));
      }
      out.add(t);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--tables needs at least one table name");
    }
    return List.copyOf(out);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String v, String option) {
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a whole number above 0, not '" + v + "'");
  }

  /** {@code 128m}, {@code 1g}, {@code 512k} or bytes. */
  static long size(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (s.endsWith("k") || s.endsWith("m") || s.endsWith("g")) {
      unit = s.endsWith("k") ? 1L << 10 : s.endsWith("m") ? 1L << 20 : 1L << 30;
      s = s.substring(0, s.length() - 1);
    }
    try {
      long n = Long.parseLong(s);
      if (n > 0 && n <= Long.MAX_VALUE / unit) {
        return n * unit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("bad size '" + v + "': use bytes or a number with k, m or g (128m)");
  }
}
