package org.scapsql.shell;

import java.io.PrintStream;
import java.util.Locale;

/** How {@code -e} prints rows. */
enum OutputFormat {
  TABLE, CSV, JSON;

  static OutputFormat parse(String name) {
    for (OutputFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + name + "'; use table, csv or json");
  }

  String sqllineName() {
    return name().toLowerCase(Locale.ROOT);
  }

  RowWriter writer(PrintStream out) {
    switch (this) {
      case CSV:
        return new CsvWriter(out);
      case JSON:
        return new JsonWriter(out);
      default:
        return new TableWriter(out);
    }
  }
}
