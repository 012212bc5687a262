package org.scapsql.views;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.impl.ViewTable;

/**
 * One view of schema {@code inspect}: Calcite's view over the {@code .sql} file,
 * marked for {@link ContextRewrite} when it has context columns or is an event
 * source.
 */
final class InspectViewTable extends ViewTable {
  private final ViewDoc doc;

  InspectViewTable(ViewDoc doc, String sql, RelProtoDataType rowType) {
    super(Object[].class, rowType, sql, List.of(InspectViews.SCHEMA), List.of(InspectViews.SCHEMA, doc.name()));
    this.doc = doc;
  }

  ViewDoc doc() {
    return doc;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelNode rel = super.toRel(context, relOptTable);
    if (doc.source()) {
      return new ContextSourceRel(rel.getCluster(), rel.getTraitSet(), rel, doc.name());
    }
    if (!doc.context().isEmpty()) {
      Set<String> names = doc.context().keySet().stream().map(n -> n.toLowerCase(Locale.ROOT))
          .collect(Collectors.toSet());
      return new InspectViewRel(rel.getCluster(), rel.getTraitSet(), rel, doc.name(), names);
    }
    return rel;
  }
}
