package org.scapsql.driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code jdbc:scap:http://HOST:PORT}: a scapsql server reached through Avatica's
 * remote driver, with what the plain {@code jdbc:avatica:remote:} URL lacks:
 * TIMESTAMPs read in UTC (Avatica's client would read them in the JVM's zone and
 * shift every instant), {@code getObject(column, Class)}, and the primary and
 * foreign keys in {@code DatabaseMetaData} (Avatica's protocol has no request for
 * them, so the client answers them itself).
 */
final class RemoteUrl {
  private RemoteUrl() {}

  static boolean accepts(String url) {
    String rest = url.substring(ScapUrl.PREFIX.length()).toLowerCase(Locale.ROOT);
    return rest.startsWith("http://") || rest.startsWith("https://");
  }

  static Connection connect(String url) throws SQLException {
    String rest = url.substring(ScapUrl.PREFIX.length());
    int semi = rest.indexOf(';');
    String http = (semi < 0 ? rest : rest.substring(0, semi)).strip();
    if (semi >= 0 && !rest.substring(semi + 1).isBlank()) {
      throw new SQLException("a remote scapsql URL takes no properties (the server decides what it serves): " + url,
          "08001");
    }
    if (http.indexOf("//") + 2 >= http.length()) {
      throw new SQLException("no server in " + url + " (expected " + ScapUrl.PREFIX + "http://HOST:PORT)", "08001");
    }
    Properties p = new Properties();
    p.setProperty("url", http);
    p.setProperty("serialization", "protobuf");
    p.setProperty("timeZone", "UTC");
    Connection c = new org.apache.calcite.avatica.remote.Driver().connect("jdbc:avatica:remote:", p);
    if (c == null) {
      throw new SQLException("Avatica's remote driver refused " + http, "08001");
    }
    return ReadOnlyConnection.wrap(c, url, false);
  }
}
