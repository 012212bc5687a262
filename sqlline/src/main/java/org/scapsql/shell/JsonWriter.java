package org.scapsql.shell;

import java.io.PrintStream;
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
 * (times, binary as hex).
 */
final class JsonWriter implements RowWriter {
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
      keys[i] = quote(md.getColumnLabel(i));
      types[i] = md.getColumnType(i);
    }
    out.print('[');
    long rows = 0;
    StringBuilder line = new StringBuilder();
    while (rs.next()) {
      line.setLength(0);
      line.append(rows == 0 ? "\n{" : ",\n{");
      for (int i = 1; i <= n; i++) {
        if (i > 1) {
          line.append(',');
        }
        line.append(keys[i]).append(':');
        value(line, rs, i, types[i]);
      }
      out.print(line.append('}'));
      rows++;
    }
    out.print(rows == 0 ? "]\n" : "\n]\n");
    out.flush();
    return rows;
  }

  private static void value(StringBuilder sb, ResultSet rs, int i, int type) throws SQLException {
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
          sb.append("null");
        } else if (o instanceof Double && !Double.isFinite((Double) o)
            || o instanceof Float && !Float.isFinite((Float) o)) {
          sb.append(quote(o.toString()));
        } else if (o instanceof BigDecimal) {
          String text = ((BigDecimal) o).toPlainString();
          sb.append(unsafe((BigDecimal) o) ? quote(text) : text);
        } else if (o instanceof Long || o instanceof BigInteger) {
          BigDecimal d = new BigDecimal(o.toString());
          sb.append(unsafe(d) ? quote(o.toString()) : o.toString());
        } else {
          sb.append(o);
        }
        return;
      }
      case Types.BOOLEAN:
      case Types.BIT: {
        boolean b = rs.getBoolean(i);
        sb.append(rs.wasNull() ? "null" : String.valueOf(b));
        return;
      }
      default: {
        Object o = type == Types.OTHER || type == Types.JAVA_OBJECT ? rs.getObject(i) : null;
        if (o instanceof Map) {
          sb.append('{');
          boolean first = true;
          for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
            if (!first) {
              sb.append(',');
            }
            first = false;
            sb.append(quote(String.valueOf(e.getKey()))).append(':')
                .append(e.getValue() == null ? "null" : quote(String.valueOf(e.getValue())));
          }
          sb.append('}');
          return;
        }
        String s = rs.getString(i);
        sb.append(s == null ? "null" : quote(s));
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

  private static final BigDecimal MAX_SAFE_INTEGER = BigDecimal.valueOf((1L << 53) - 1);

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }
}
