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
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.scapsql.adapter.entity.EntityColumns;
import org.scapsql.adapter.entity.EntityTable;
import org.scapsql.adapter.entity.OpeningFacts;
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

  /**
   * One row per capture file. Most of its columns are facts of the whole pass (events,
   * times, the last section's header and machine); a query that asks only for the name,
   * path, size, compression and dialect gets them without that pass, so that a join of
   * the events with this table (as {@code inspect.view_events} does) starts scanning the
   * events at once instead of after the entity pass.
   */
  static final class CaptureTable extends AbstractTable implements ProjectableFilterableTable, ScannableTable {
    /** Columns known without the pass: capture, path, size_bytes, compressed, dialect. */
    private static final java.util.Set<String> OPENING = java.util.Set.of("capture", "path", "size_bytes",
        "compressed", "dialect");

    private final List<Path> captures;

    CaptureTable(List<Path> captures) {
      this.captures = captures;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory tf) {
      return EntityTable.rowType(tf, EntityColumns.CAPTURES);
    }

    /** Every column (callers outside Calcite's planner, such as the Spark data source, read them all). */
    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return scan(root, new ArrayList<>(), null);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
      int[] wanted = projects != null ? projects
          : java.util.stream.IntStream.range(0, EntityColumns.CAPTURES.size()).toArray();
      QueryControl control = QueryControl.of(root);
      boolean opening = openingOnly(wanted);
      if (!opening) {
        // Called when the plan is bound: a view's events scan carries the passes, or they
        // start beside what the query reads first; the rows below wait for them when read.
        org.scapsql.adapter.entity.EntityNeeds.willReadEnd(captures, control);
      }
      return Linq4j.asEnumerable(() -> {
        List<Object[]> rows = new ArrayList<>();
        for (Path p : captures) {
          Object[] full = opening ? opening(p) : null;
          if (full == null) {
            org.scapsql.adapter.entity.Entities e = org.scapsql.adapter.entity.EntityNeeds.endOf(p, control);
            EntityTable.warnIfCut(e, control);
            full = SmallTables.capture(p, e);
          }
          Object[] row = new Object[wanted.length];
          for (int i = 0; i < wanted.length; i++) {
            row[i] = full[wanted[i]];
          }
          rows.add(row);
        }
        return rows.iterator();
      });
    }

    private static boolean openingOnly(int[] wanted) {
      for (int c : wanted) {
        if (!OPENING.contains(EntityColumns.CAPTURES.get(c).name())) {
          return false;
        }
      }
      return true;
    }

    /** A row whose opening columns are filled (the rest NULL), or null when the capture's opening is unreadable. */
    private static Object[] opening(Path p) {
      OpeningFacts.Opening o = OpeningFacts.of(p);
      if (o == null) {
        return null;
      }
      Object[] row = new Object[EntityColumns.CAPTURES.size()];
      Object[] file = SmallTables.fileFacts(p);
      for (int i = 0; i < row.length; i++) {
        switch (EntityColumns.CAPTURES.get(i).name()) {
          case "capture" -> row[i] = p.getFileName().toString();
          case "path" -> row[i] = p.toString();
          case "size_bytes" -> row[i] = file[0];
          case "compressed" -> row[i] = file[1];
          case "dialect" -> row[i] = o.dialect();
          default -> row[i] = null;
        }
      }
      return row;
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
