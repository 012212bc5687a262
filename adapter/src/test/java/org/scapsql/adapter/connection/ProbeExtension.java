package org.scapsql.adapter.connection;

import java.nio.file.Path;
import java.util.List;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.schema.impl.ViewTable;

/**
 * An extension as the functions and views modules write theirs, found through the
 * test class path's service file: a function, and a schema with a view that calls it.
 */
public final class ProbeExtension implements ConnectionExtension {
  static final String SCHEMA = "probe";
  static final String VIEW = "first_events";

  /** The function the extension adds. */
  public static long twice(long x) {
    return 2 * x;
  }

  @Override
  public void addFunctions(SchemaPlus root) {
    root.add("probe_twice", ScalarFunctionImpl.create(ProbeExtension.class, "twice"));
  }

  @Override
  public void addSchemas(SchemaPlus root, List<Path> captures) {
    SchemaPlus probe = root.add(SCHEMA, new AbstractSchema());
    probe.add(VIEW, ViewTable.viewMacro(probe,
        // Calcite analyses a view with its default lexical settings, not the connection's: hence the quotes.
        "SELECT \"evt_num\", \"probe_twice\"(\"evt_num\") AS \"twice\" FROM \"events\" WHERE \"evt_num\" <= 3",
        List.of(ScapConnections.SCHEMA), List.of(SCHEMA, VIEW), false));
  }

  @Override
  public String tableRemark(String schema, String table) {
    return SCHEMA.equals(schema) && VIEW.equals(table) ? "The first three events, numbers doubled" : null;
  }

  @Override
  public String columnRemark(String schema, String table, String column) {
    return SCHEMA.equals(schema) && VIEW.equals(table) && "twice".equals(column) ? "Twice evt_num" : null;
  }
}
