package org.scapsql.views;

import java.nio.file.Path;
import java.util.List;
import org.apache.calcite.schema.SchemaPlus;
import org.scapsql.adapter.connection.ConnectionExtension;

/** Adds schema {@code inspect} to every scapsql connection, with its doc comments as remarks. */
public final class InspectExtension implements ConnectionExtension {
  @Override
  public void addSchemas(SchemaPlus root, List<Path> captures) {
    InspectViews.register(root);
  }

  @Override
  public String tableRemark(String schema, String table) {
    return InspectViews.SCHEMA.equalsIgnoreCase(schema) ? InspectViews.tableRemark(table) : null;
  }

  @Override
  public String columnRemark(String schema, String table, String column) {
    return InspectViews.SCHEMA.equalsIgnoreCase(schema) ? InspectViews.columnRemark(table, column) : null;
  }
}
