package org.scapsql.shell;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

/**
 * A JSON array with one object per row, one row per line, keyed by column label.
 * Numbers and booleans keep their type, except integers beyond 2^53 - 1 (nanosecond
 * times), which are strings so that readers parsing numbers as doubles keep every
 * digit; maps become objects, everything else is the text {@code getString} gives
 * (times, binary as hex). Jackson's streaming generator does the escaping, so
 * rows stream out without being held.
 */
final class JsonWriter implements RowWriter {
  // Rows are framed by hand (one per line inside the array); the caller owns the stream.
  private static final JsonFactory FACTORY = new JsonFactoryBuilder()
      .rootValueSeparator((String) null)
      .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();
  private static final BigDecimal MAX_SAFE_INTEGER = BigDecimal.valueOf((1L << 53) - 1);
  private final PrintStream out;

  JsonWriter(PrintStream out) {
    this.out = out;
  }

  @Override
  public long write(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] keys = new String[n + 1];
    int[] types = new int[n + 1];
    for (int i = 1; i <= n; i++) {
      keys[i] = md.getColumnLabel(i);
      types[i] = md.getColumnType(i);
    }
    long rows = 0;
    try {
      JsonGenerator g = FACTORY.createGenerator(out);
      g.writeRaw('[');
      while (rs.next()) {
        g.writeRaw(rows == 0 ? "\n" : ",\n");
        g.writeStartObject();
        for (int i = 1; i <= n; i++) {
          g.writeFieldName(keys[i]);
          value(g, rs, i, types[i]);
        }
        g.writeEndObject();
        g.flush();
        rows++;
      }
      g.writeRaw(rows == 0 ? "]\n" : "\n]\n");
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static void value(JsonGenerator g, ResultSet rs, int i, int type) throws SQLException, IOException {
    switch (type) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.DECIMAL:
      case Types.NUMERIC:
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE: {
        Object o = rs.getObject(i);
        if (o == null) {
          g.writeNull();
        } else if (o instanceof Double && !Double.isFinite((Double) o)
            || o instanceof Float && !Float.isFinite((Float) o)) {
          g.writeString(o.toString());
        } else if (o instanceof BigDecimal) {
          BigDecimal d = (BigDecimal) o;
          if (unsafe(d)) {
            g.writeString(d.toPlainString());
          } else {
            g.writeNumber(d.toPlainString());
          }
        } else if (o instanceof Long || o instanceof BigInteger) {
          if (unsafe(new BigDecimal(o.toString()))) {
            g.writeString(o.toString());
          } else {
            g.writeNumber(o.toString());
          }
        } else {
          g.writeNumber(o.toString());
        }
        return;
      }
      case Types.BOOLEAN:
      case Types.BIT: {
        boolean b = rs.getBoolean(i);
        if (rs.wasNull()) {
          g.writeNull();
        } else {
          g.writeBoolean(b);
        }
        return;
      }
      default: {
        Object o = type == Types.OTHER || type == Types.JAVA_OBJECT ? rs.getObject(i) : null;
        if (o instanceof Map) {
          g.writeStartObject();
          for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
            g.writeFieldName(String.valueOf(e.getKey()));
            if (e.getValue() == null) {
              g.writeNull();
            } else {
              g.writeString(String.valueOf(e.getValue()));
            }
          }
          g.writeEndObject();
          return;
        }
        String s = rs.getString(i);
        if (s == null) {
          g.writeNull();
        } else {
          g.writeString(s);
        }
      }
    }
  }

  /**
   * Whether a reader that parses JSON numbers as doubles (JavaScript, jq, many
   * others) would lose digits: integers beyond 2^53 - 1, such as nanosecond times,
   * are written as strings so they stay exact.
   */
  private static boolean unsafe(BigDecimal d) {
    return d.abs().compareTo(MAX_SAFE_INTEGER) > 0 && d.stripTrailingZeros().scale() <= 0;
  }
}
