package org.scapsql.views;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.scapsql.adapter.ScapSchema;
import org.scapsql.functions.Functions;

/**
 * A plain Calcite connection with what a scapsql driver connection has for SQL:
 * schema {@code scap} over the captures, the functions, schema {@code inspect}, and
 * the lexical settings. For tests and the documentation generator; users go
 * through the driver.
 */
public final class InspectConnection {
  private InspectConnection() {}

  public static Connection open(List<Path> captures) throws SQLException {
    Properties p = new Properties();
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "false");
    Connection c = DriverManager.getConnection("jdbc:calcite:", p);
    try {
      CalciteConnection cc = c.unwrap(CalciteConnection.class);
      SchemaPlus root = cc.getRootSchema();
      root.add("scap", new ScapSchema(captures));
      Functions.register(root);
      InspectViews.register(root);
      cc.setSchema("scap");
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }
}
