package org.scapsql.adapter.entity;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.scapsql.adapter.QueryControl;

/**
 * A table whose rows come from the whole-pass {@link Entities} of each capture
 * (processes, threads, fds, connections, containers, users, ...).
 */
public final class EntityTable extends AbstractTable implements ScannableTable {
  private final List<Path> captures;
  private final List<? extends EntityColumns.Column<?>> columns;
  private final Function<Entities, ? extends Iterable<Object[]>> rows;
  /**
   * Whether the rows read only what the end of the capture defines (the threads alive
   * then, the capture's facts: containers, users, interfaces): an events scan of the same
   * statement then carries them without the whole pass ({@link EntityNeeds}).
   */
  private final boolean endOnly;

  public EntityTable(List<Path> captures, List<? extends EntityColumns.Column<?>> columns,
      Function<Entities, ? extends Iterable<Object[]>> rows) {
    this(captures, columns, rows, false);
  }

  public EntityTable(List<Path> captures, List<? extends EntityColumns.Column<?>> columns,
      Function<Entities, ? extends Iterable<Object[]>> rows, boolean endOnly) {
    this.captures = List.copyOf(captures);
    this.columns = columns;
    this.rows = rows;
    this.endOnly = endOnly;
  }

  public List<? extends EntityColumns.Column<?>> columns() {
    return columns;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory tf) {
    return rowType(tf, columns);
  }

  /** Row type of a column list; every column nullable. */
  public static RelDataType rowType(RelDataTypeFactory tf, List<? extends EntityColumns.Column<?>> columns) {
    return org.scapsql.adapter.ColumnDef.rowType(tf, EntityColumns.definitions(columns));
  }

  /**
   * The rows of each capture in turn, each capture's pass run (or its entities found)
   * when the scan reaches it, its rows read as they are handed out: never a table in memory.
   */
  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    QueryControl control = QueryControl.of(root);
    // Called when the plan is bound, before anything runs: the passes start as the query
    // starts reading, beside what it reads first, unless its events scan carries them.
    if (endOnly) {
      EntityNeeds.willReadEnd(captures, control);
    } else {
      EntityNeeds.willRead(captures, control);
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new Enumerator<>() {
          private int next;
          private Iterator<Object[]> rowsOfCapture = Collections.emptyIterator();
          private Object[] current;

          @Override
          public Object[] current() {
            return current;
          }

          @Override
          public boolean moveNext() {
            control.check();
            while (!rowsOfCapture.hasNext()) {
              if (next >= captures.size()) {
                return false;
              }
              Path p = captures.get(next++);
              Entities e = endOnly ? EntityNeeds.endOf(p, control) : EntityCache.get(p, control);
              warnIfCut(e, control);
              rowsOfCapture = rows.apply(e).iterator();
            }
            current = rowsOfCapture.next();
            return true;
          }

          @Override
          public void reset() {
            next = 0;
            rowsOfCapture = Collections.emptyIterator();
          }

          @Override
          public void close() {
            rowsOfCapture = Collections.emptyIterator();
          }
        };
      }
    };
  }

  /** A capture whose pass stopped early (damage, truncation) gives its rows so far and says so. */
  public static void warnIfCut(Entities e, QueryControl control) {
    if (e.warning() != null) {
      control.warn(e.warning() + "; rows of " + e.capture() + " stop there");
    }
  }
}
