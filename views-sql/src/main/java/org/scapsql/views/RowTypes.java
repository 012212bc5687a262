package org.scapsql.views;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;

/**
 * The row type of a view, found by validating its SQL with scapsql's lexical
 * settings (lower-case names unquoted). Calcite's own view macro validates with the
 * defaults, which would upper-case every name. Row types do not depend on the
 * captures, so each is computed once.
 */
final class RowTypes {
  private static final Map<String, RelDataType> CACHE = new HashMap<>();

  private RowTypes() {}

  static synchronized RelDataType of(SchemaPlus inspect, String name, String sql) {
    RelDataType t = CACHE.get(name);
    if (t != null) {
      return t;
    }
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), Casing.UNCHANGED.name());
    FrameworkConfig config = Frameworks.newConfigBuilder()
        .defaultSchema(inspect)
        .parserConfig(SqlParser.config().withUnquotedCasing(Casing.UNCHANGED).withCaseSensitive(false))
        .context(Contexts.of(new CalciteConnectionConfigImpl(p)))
        .build();
    Planner planner = Frameworks.getPlanner(config);
    try {
      SqlNode parsed = planner.parse(sql);
      t = planner.validateAndGetType(parsed).getValue();
    } catch (Exception e) {
      throw new IllegalStateException("view inspect." + name + " does not validate: " + e.getMessage(), e);
    } finally {
      planner.close();
    }
    CACHE.put(name, t);
    return t;
  }
}
