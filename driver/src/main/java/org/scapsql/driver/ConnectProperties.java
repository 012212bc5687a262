package org.scapsql.driver;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.sql.fun.SqlLibrary;

/**
 * Checks the Calcite settings a URL or {@code connect()} passes, at connect time.
 * Calcite reads most of them only when a query needs them, and some not at all
 * strictly: an unknown {@code fun} library is ignored and an unknown time zone becomes
 * GMT, so a typo would silently change answers. Here it is an error naming the value.
 */
final class ConnectProperties {
  private ConnectProperties() {}

  /** {@code props}: lower-case keys, as {@link ScapUrl} keeps them; only the {@code used} ones are checked. */
  static void check(Map<String, String> props, Set<String> used) throws SQLException {
    for (Map.Entry<String, String> e : props.entrySet()) {
      String key = e.getKey();
      if (!used.contains(key) && !key.equals("timezone")) {
        continue;
      }
      String value = e.getValue() == null ? "" : e.getValue().strip();
      if (key.equals("fun")) {
        checkFun(value);
      } else if (key.equals("timezone")) {
        checkTimeZone(value);
      } else {
        for (CalciteConnectionProperty p : CalciteConnectionProperty.values()) {
          if (p.camelName().toLowerCase(Locale.ROOT).equals(key)) {
            checkTyped(p, value);
          }
        }
      }
    }
  }

  private static void checkFun(String value) throws SQLException {
    for (String name : value.split(",")) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (n.isEmpty() || SqlLibrary.of(n) == null) {
        throw bad("fun", name.strip(), "not a function library; known: " + ScapDriver.libraryNames());
      }
    }
  }

  private static void checkTimeZone(String value) throws SQLException {
    if (value.isEmpty()) {
      throw bad("timeZone", value, "empty");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(value, ZoneId.SHORT_IDS);
    } catch (DateTimeException e) {
      throw bad("timeZone", value, "not a time zone (and only UTC is supported)");
    }
    // Another zone would make every TIMESTAMP a different instant than the capture recorded.
    if (!zone.getRules().isFixedOffset() || zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() != 0) {
      throw new SQLException("timeZone=" + value + " is not supported: scapsql's TIMESTAMP columns are instants in"
          + " UTC, and getTimestamp and getObject(column, Instant.class) return them right in any JVM time zone",
          Errors.CONNECTION);
    }
  }

  private static void checkTyped(CalciteConnectionProperty p, String value) throws SQLException {
    if (p.type() == ConnectionProperty.Type.BOOLEAN) {
      if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw bad(p.camelName(), value, "must be true or false");
      }
    } else if (p.type() == ConnectionProperty.Type.ENUM && p.valueClass() != null && p.valueClass().isEnum()) {
      Set<String> names = new TreeSet<>();
      for (Object constant : p.valueClass().getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      if (!names.contains(value.toUpperCase(Locale.ROOT)) && !names.contains(value)) {
        throw bad(p.camelName(), value, "must be one of " + String.join(", ", names));
      }
    }
  }

  private static SQLException bad(String key, String value, String why) {
    return new SQLException("bad connection property " + key + "='" + value + "': " + why, "08001");
  }
}
