package org.scapsql.adapter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.scapsql.adapter.entity.EntityCache;
import org.scapsql.adapter.entity.EntityColumns;
import org.scapsql.adapter.entity.EntityTable;
import org.scapsql.adapter.entity.SmallTables;

/**
 * Schema {@code scap}: the tables of one or more captures. With several
 * captures every table holds the rows of all of them, told apart by the
 * {@code capture} column.
 */
public final class ScapSchema extends AbstractSchema {
  private final List<Path> captures;
  private final Map<String, Table> tables;

  public ScapSchema(List<Path> captures) {
    if (captures.isEmpty()) {
      throw new IllegalArgumentException("a scap schema needs at least one capture");
    }
    this.captures = List.copyOf(captures);
    Map<String, Table> t = new LinkedHashMap<>();
    for (TableDef d : ScapTables.all()) {
      t.put(d.name(), d.factory().apply(this.captures));
    }
    this.tables = t;
  }

  public List<Path> captures() {
    return captures;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  /** One row per capture file. */
  static final class CaptureTable extends AbstractTable implements ScannableTable {
    private final List<Path> captures;

    CaptureTable(List<Path> captures) {
      this.captures = captures;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory tf) {
      return EntityTable.rowType(tf, EntityColumns.CAPTURES);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      List<Object[]> rows = new ArrayList<>();
      QueryControl control = QueryControl.of(root);
      for (Path p : captures) {
        org.scapsql.adapter.entity.Entities e = EntityCache.get(p, control);
        EntityTable.warnIfCut(e, control);
        rows.add(SmallTables.capture(p, e));
      }
      return Linq4j.asEnumerable(rows);
    }
  }

  /** The event types the reader knows (the same for every capture). */
  static final class EventTypesTable extends AbstractTable implements ScannableTable {
    @Override
    public RelDataType getRowType(RelDataTypeFactory tf) {
      return EntityTable.rowType(tf, EntityColumns.EVENT_TYPES);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(SmallTables.eventTypes());
    }
  }
}
