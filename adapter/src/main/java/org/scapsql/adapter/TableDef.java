package org.scapsql.adapter;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.schema.Table;

/**
 * A table of schema {@code scap}, declared once: its name, description and columns
 * (read by the schema, {@code docs/tables.md} and the JDBC remarks) and how it is
 * made for a list of captures. The tables are listed in {@link ScapTables}.
 */
public record TableDef(String name, String description, List<ColumnDef> columns,
    Function<List<Path>, Table> factory) {
  public TableDef {
    if (name == null || description == null || columns == null || columns.isEmpty() || factory == null) {
      throw new IllegalArgumentException("a table needs a name, a description, columns and a factory: " + name);
    }
    columns = List.copyOf(columns);
  }
}
