package org.scapsql.adapter.entity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
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
  private final Function<Entities, List<Object[]>> rows;

  public EntityTable(List<Path> captures, List<? extends EntityColumns.Column<?>> columns,
      Function<Entities, List<Object[]>> rows) {
    this.captures = List.copyOf(captures);
    this.columns = columns;
    this.rows = rows;
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

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    QueryControl control = QueryControl.of(root);
    List<Object[]> all = new ArrayList<>();
    for (Path p : captures) {
      Entities e = EntityCache.get(p, control);
      warnIfCut(e, control);
      all.addAll(rows.apply(e));
    }
    return watched(all, control);
  }

  /** Rows handed out one by one, each after a look at the statement's cancel flag and deadline. */
  public static Enumerable<Object[]> watched(List<Object[]> rows, QueryControl control) {
    return new org.apache.calcite.linq4j.AbstractEnumerable<>() {
      @Override
      public org.apache.calcite.linq4j.Enumerator<Object[]> enumerator() {
        org.apache.calcite.linq4j.Enumerator<Object[]> e = Linq4j.enumerator(rows);
        return new org.apache.calcite.linq4j.Enumerator<>() {
          @Override
          public Object[] current() {
            return e.current();
          }

          @Override
          public boolean moveNext() {
            control.check();
            return e.moveNext();
          }

          @Override
          public void reset() {
            e.reset();
          }

          @Override
          public void close() {
            e.close();
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
