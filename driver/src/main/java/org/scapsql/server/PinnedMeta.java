package org.scapsql.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.scapsql.driver.ScapDriver;
import org.scapsql.driver.ScapUrl;

/**
 * Avatica's JDBC-backed {@code Meta}, with every remote connection opened on the
 * captures the server was started with. Avatica merges what a client sends when it
 * connects (its URL's properties, user, password) into the properties it hands
 * {@link #createConnection}; those are dropped here, so no client can name another
 * file, a model, a schema factory or a different URL.
 */
final class PinnedMeta extends JdbcMeta {
  private final List<Path> captures;
  private final ScapDriver driver = new ScapDriver();

  PinnedMeta(List<Path> captures) throws SQLException {
    super(ScapUrl.of(captures), new Properties());
    this.captures = List.copyOf(captures);
  }

  @Override
  protected Connection createConnection(String url, Properties clientInfo) throws SQLException {
    return driver.connectForServer(captures);
  }
}
