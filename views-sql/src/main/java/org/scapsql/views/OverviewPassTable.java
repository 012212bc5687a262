package org.scapsql.views;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.ScapSchema;
import org.scapsql.adapter.entity.EntityNeeds;

/**
 * {@code inspect.tile_clock} and {@code inspect.tile_totals}: the rows {@link OverviewPass}
 * computes for each capture of schema {@code scap} (their .sql files say what each
 * column means). Both come from the same reading, kept per capture file, so the overview
 * reads its capture once for the two.
 */
final class OverviewPassTable extends AbstractTable implements ScannableTable {
  private final SchemaPlus root;
  private final String name;
  private final Function<RelDataTypeFactory, RelDataType> rowType;
  private final Function<OverviewPass.Result, List<Object[]>> rows;

  private OverviewPassTable(SchemaPlus root, String name, Function<RelDataTypeFactory, RelDataType> rowType,
      Function<OverviewPass.Result, List<Object[]>> rows) {
    this.root = root;
    this.name = name;
    this.rowType = rowType;
    this.rows = rows;
  }

  /** The sampling clock: one row per native timeline sample. */
  static OverviewPassTable clock(SchemaPlus root) {
    return new OverviewPassTable(root, "tile_clock", tf -> {
      RelDataType bigint = tf.createSqlType(SqlTypeName.BIGINT);
      return tf.builder()
          .add("capture", tf.createSqlType(SqlTypeName.VARCHAR))
          .add("sample", tf.createSqlType(SqlTypeName.INTEGER))
          .add("sample_start", bigint)
          .add("sample_width", bigint)
          .add("close_time", bigint)
          .add("first_time", bigint)
          .add("last_time", bigint)
          .add("sample_period", bigint)
          .add("running_processes", tf.createSqlType(SqlTypeName.INTEGER))
          .add("processes_seen", tf.createSqlType(SqlTypeName.INTEGER))
          .build();
    }, OverviewPass.Result::clock);
  }

  /** Each event tile's total over the capture. */
  static OverviewPassTable totals(SchemaPlus root) {
    return new OverviewPassTable(root, "tile_totals", tf -> {
      RelDataType text = tf.createTypeWithNullability(tf.createSqlType(SqlTypeName.VARCHAR), true);
      return tf.builder()
          .add("capture", tf.createSqlType(SqlTypeName.VARCHAR))
          .add("tile", tf.createSqlType(SqlTypeName.VARCHAR))
          .add("item", text)
          .add("total", tf.createSqlType(SqlTypeName.BIGINT))
          .build();
    }, OverviewPass.Result::totals);
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory tf) {
    return rowType.apply(tf);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext context) {
    SchemaPlus scap = root.getSubSchema("scap");
    ScapSchema schema = scap == null ? null : scap.unwrap(ScapSchema.class);
    if (schema == null) {
      throw new IllegalStateException("inspect." + name + " needs schema scap");
    }
    QueryControl control = QueryControl.of(context);
    // Started as the plan is bound, read as its rows are: whatever the plan reads first, this pass
    // and the entity passes of the same statement run side by side.
    List<OverviewPass.Pending> pending = new ArrayList<>();
    for (Path p : schema.captures()) {
      pending.add(OverviewPass.start(p, control));
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        EntityNeeds needs = EntityNeeds.of(control);
        if (needs != null) {
          needs.settle(control);
        }
        List<Object[]> out = new ArrayList<>();
        for (OverviewPass.Pending p : pending) {
          out.addAll(rows.apply(p.await(control)));
        }
        return Linq4j.enumerator(out);
      }
    };
  }
}
