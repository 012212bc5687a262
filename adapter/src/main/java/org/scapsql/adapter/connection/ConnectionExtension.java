package org.scapsql.adapter.connection;

import java.nio.file.Path;
import java.util.List;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What a module adds to every scapsql connection: SQL functions, more schemas
 * (views over schema {@code scap}), and the descriptions of what it adds.
 *
 * <p>A module takes part by shipping an implementation (public, with a public
 * no-argument constructor) and naming it in
 * {@code META-INF/services/org.scapsql.adapter.connection.ConnectionExtension};
 * {@link ScapConnections} finds it with {@link java.util.ServiceLoader}. Nothing
 * else needs to know the module: the driver, the shell, the server, {@code bench}
 * and the tests all open their connections through {@link ScapConnections}.
 *
 * <p>For each new connection, after schema {@code scap} is in the root schema,
 * every extension's {@link #addFunctions} runs first and then every extension's
 * {@link #addSchemas}, so that views may call functions from any module. Within
 * a step extensions run in the order of their class names, so a connection looks
 * the same whatever the order of the class path.
 */
public interface ConnectionExtension {
  /**
   * Registers functions, usually in {@code root} so that they resolve from any
   * schema. {@code root} already holds schema {@code scap}.
   */
  default void addFunctions(SchemaPlus root) {}

  /**
   * Adds schemas (or tables) next to {@code scap}; every extension's functions are
   * registered by then. {@code captures} are the files schema {@code scap} reads.
   */
  default void addSchemas(SchemaPlus root, List<Path> captures) {}

  /**
   * The description {@code DatabaseMetaData.getTables} gives as REMARKS for a table
   * or view this extension added, or null when it is not one of them.
   */
  default String tableRemark(String schema, String table) {
    return null;
  }

  /** As {@link #tableRemark}, for {@code DatabaseMetaData.getColumns}. */
  default String columnRemark(String schema, String table, String column) {
    return null;
  }
}
