package org.scapsql.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Result sets whose {@code getObject(column, Class)} works. Avatica's accessors
 * (behind both Calcite's local result sets and the remote client's) refuse every
 * class there, which breaks tools that ask for {@code LocalDateTime} or
 * {@code Instant} (JDBC 4.2). Here the common classes are answered from the typed
 * getters; a TIMESTAMP, which scapsql connections read in UTC, becomes the instant
 * it stands for ({@code Instant}, {@code OffsetDateTime} and {@code ZonedDateTime}
 * at UTC, {@code LocalDateTime} as the UTC wall clock, the same text {@code getString}
 * gives).
 */
final class TypedResults implements InvocationHandler {
  private final ResultSet target;

  private TypedResults(ResultSet target) {
    this.target = target;
  }

  static ResultSet wrap(ResultSet rs) {
    if (rs == null) {
      return null;
    }
    return (ResultSet) Proxy.newProxyInstance(TypedResults.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        new TypedResults(rs));
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    Object identity = Delegation.identity(self, target, method.getName(), args);
    if (identity != Delegation.NOT_IDENTITY) {
      return identity;
    }
    if (method.getName().equals("getObject") && args != null && args.length == 2 && args[1] instanceof Class) {
      int column = args[0] instanceof Integer ? (Integer) args[0] : target.findColumn((String) args[0]);
      return convert(column, (Class<?>) args[1]);
    }
    return Delegation.call(target, method, args);
  }

  private Object convert(int column, Class<?> type) throws SQLException {
    if (type == null) {
      throw new SQLException("getObject needs a class to convert to");
    }
    if (isTimeClass(type) && target.getMetaData().getColumnType(column) == Types.TIMESTAMP) {
      return time(column, type);
    }
    Object v;
    if (type == String.class) {
      v = target.getString(column);
    } else if (type == Long.class) {
      long x = target.getLong(column);
      v = target.wasNull() ? null : x;
    } else if (type == Integer.class) {
      int x = target.getInt(column);
      v = target.wasNull() ? null : x;
    } else if (type == Short.class) {
      short x = target.getShort(column);
      v = target.wasNull() ? null : x;
    } else if (type == Byte.class) {
      byte x = target.getByte(column);
      v = target.wasNull() ? null : x;
    } else if (type == Double.class) {
      double x = target.getDouble(column);
      v = target.wasNull() ? null : x;
    } else if (type == Float.class) {
      float x = target.getFloat(column);
      v = target.wasNull() ? null : x;
    } else if (type == Boolean.class) {
      boolean x = target.getBoolean(column);
      v = target.wasNull() ? null : x;
    } else if (type == BigDecimal.class) {
      v = target.getBigDecimal(column);
    } else if (type == byte[].class) {
      v = target.getBytes(column);
    } else {
      v = target.getObject(column);
      if (v != null && !type.isInstance(v)) {
        throw new SQLException("column " + column + " (" + target.getMetaData().getColumnTypeName(column)
            + ") cannot be read as " + type.getName());
      }
    }
    return v == null ? null : type.cast(v);
  }

  private static boolean isTimeClass(Class<?> type) {
    return type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class
        || type == LocalDateTime.class || type == LocalDate.class || type == Timestamp.class
        || type == java.util.Date.class;
  }

  /** A TIMESTAMP as one of the time classes; null for NULL. */
  private Object time(int column, Class<?> type) throws SQLException {
    Timestamp ts = target.getTimestamp(column);
    if (ts == null) {
      return null;
    }
    Instant instant = ts.toInstant();
    if (type == Instant.class) {
      return instant;
    }
    if (type == OffsetDateTime.class) {
      return instant.atOffset(ZoneOffset.UTC);
    }
    if (type == ZonedDateTime.class) {
      return instant.atZone(ZoneOffset.UTC);
    }
    if (type == LocalDateTime.class) {
      return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    if (type == LocalDate.class) {
      return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toLocalDate();
    }
    if (type == java.util.Date.class) {
      return new java.util.Date(ts.getTime());
    }
    return ts;
  }
}
