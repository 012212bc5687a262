package org.scapsql.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.scapsql.adapter.ScapTables;
import org.scapsql.adapter.TableDef;

/**
 * What a read names: the table (option {@code table}, default {@code events}) and the
 * capture files, expanded from {@code load}'s paths once, on the driver.
 */
final class ScapOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  final String table;
  /** Absolute paths of the captures, in name order. */
  final List<String> captures;

  private ScapOptions(String table, List<String> captures) {
    this.table = table;
    this.captures = List.copyOf(captures);
  }

  static ScapOptions of(CaseInsensitiveStringMap options) {
    String table = options.getOrDefault("table", "events");
    def(table);
    Set<String> known = Set.of("table", "path", "paths");
    for (String k : options.keySet()) {
      if (!known.contains(k.toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException("scap data source: unknown option '" + k + "'; its options are table"
            + " and the paths given to load()");
      }
    }
    List<String> named = new ArrayList<>();
    if (options.containsKey("path")) {
      named.add(options.get("path"));
    }
    if (options.containsKey("paths")) {
      // Spark hands several load() paths over as one JSON array.
      try {
        for (String p : new ObjectMapper().readValue(options.get("paths"), String[].class)) {
          named.add(p);
        }
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("scap data source: option paths is not a JSON array of paths: "
            + options.get("paths"), e);
      }
    }
    try {
      List<String> captures = new ArrayList<>();
      for (Path p : CapturePaths.resolve(named)) {
        captures.add(p.toString());
      }
      return new ScapOptions(table, captures);
    } catch (IOException e) {
      throw new IllegalArgumentException("scap data source: " + e.getMessage(), e);
    }
  }

  /** The adapter's declaration of a table of schema scap. */
  static TableDef def(String table) {
    List<String> names = new ArrayList<>();
    for (TableDef d : ScapTables.all()) {
      if (d.name().equalsIgnoreCase(table)) {
        return d;
      }
      names.add(d.name());
    }
    throw new IllegalArgumentException("scap data source: no table '" + table + "'; the tables are "
        + String.join(", ", names));
  }

  TableDef def() {
    return def(table);
  }

  boolean isEvents() {
    return def().name().equals("events");
  }

  StructType schema() {
    return ColumnTypes.schema(def().columns());
  }
}
