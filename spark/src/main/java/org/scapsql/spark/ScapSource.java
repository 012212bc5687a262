package org.scapsql.spark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code scap} data source: {@code spark.read.format("scap").load("/captures/*.scap.gz")}
 * reads the {@code events} table of the captures, {@code .option("table", "processes")}
 * another table of schema {@code scap}. Spark finds it by its short name through
 * {@code META-INF/services/org.apache.spark.sql.sources.DataSourceRegister}.
 */
public final class ScapSource implements TableProvider, DataSourceRegister {
  @Override
  public String shortName() {
    return "scap";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return ScapOptions.of(options).schema();
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new ScapTable(ScapOptions.of(new CaseInsensitiveStringMap(properties)));
  }
}
