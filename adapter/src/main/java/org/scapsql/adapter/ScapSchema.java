package org.scapsql.adapter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** Schema {@code scap}: the tables of one or more captures. */
public final class ScapSchema extends AbstractSchema {
  private final List<Path> captures;
  private final Map<String, Table> tables;

  public ScapSchema(List<Path> captures) {
    if (captures.isEmpty()) {
      throw new IllegalArgumentException("a scap schema needs at least one capture");
    }
    this.captures = List.copyOf(captures);
    Map<String, Table> t = new LinkedHashMap<>();
    t.put("events", new EventsTable(this.captures));
    this.tables = t;
  }

  public List<Path> captures() {
    return captures;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
