package org.scapsql.driver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TimeZone;
import org.scapsql.server.ScapServer;

/**
 * Run by {@link TimeZoneTest} in a JVM of another time zone: reads a TIMESTAMP
 * every way JDBC offers, locally, through the server with the scapsql driver, and
 * through the server with Avatica's own driver, and prints one line per way.
 */
public final class ZoneProbe {
  private ZoneProbe() {}

  public static void main(String[] args) throws Exception {
    Path capture = Path.of(args[0]);
    System.out.println("zone " + TimeZone.getDefault().getID());
    try (ScapServer server = ScapServer.start(List.of(capture), ScapServer.LOOPBACK, 0)) {
      probe("local", "jdbc:scap:" + capture);
      probe("remote", server.scapUrl());
      probe("avatica-utc", server.url() + ";timeZone=UTC");
    }
  }

  private static void probe(String where, String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT e.evt_time, e.evt_time AS stamp, e.evt_rawtime FROM events e"
             + " WHERE e.evt_num = 131")) {
      rs.next();
      System.out.println(where + " getTimestamp " + rs.getTimestamp(1).toInstant());
      System.out.println(where + " getTimestamp(label) " + rs.getTimestamp("stamp").toInstant());
      System.out.println(where + " getString " + rs.getString(1));
      System.out.println(where + " getLong(raw) " + rs.getLong(3));
      if (where.startsWith("avatica")) {
        return;
      }
      System.out.println(where + " Instant " + rs.getObject(1, Instant.class));
      System.out.println(where + " OffsetDateTime " + rs.getObject(1, OffsetDateTime.class));
      System.out.println(where + " ZonedDateTime " + rs.getObject(1, ZonedDateTime.class));
      System.out.println(where + " LocalDateTime " + rs.getObject(1, LocalDateTime.class));
      System.out.println(where + " LocalDate " + rs.getObject("evt_time", LocalDate.class));
      System.out.println(where + " Timestamp " + rs.getObject(1, Timestamp.class).toInstant());
      System.out.println(where + " Date " + rs.getObject(1, java.util.Date.class).toInstant());
      System.out.println(where + " Long(raw) " + rs.getObject(3, Long.class));
    }
  }
}
