package org.scapsql.functions;

import org.apache.calcite.schema.SchemaPlus;
import org.scapsql.adapter.connection.ConnectionExtension;

/** Puts the SQL functions on every scapsql connection, at the root so they resolve unqualified. */
public final class FunctionsExtension implements ConnectionExtension {
  @Override
  public void addFunctions(SchemaPlus root) {
    Functions.register(root);
  }
}
