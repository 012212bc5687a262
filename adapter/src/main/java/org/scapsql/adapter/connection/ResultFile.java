package org.scapsql.adapter.connection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.util.ByteString;

/**
 * The bytes of a kept result on disk, so that a query asked again by another process
 * (a second {@code bin/scapsql -e}, a server restarted) is answered without a scan:
 * the key it was kept under, what JDBC needs to describe its columns, the warnings of
 * the run that made it, its rows, and a CRC of all that.
 *
 * <p>Layout: magic {@code SCAPROWS}, format version, key, columns (each Avatica's own
 * protobuf form), cursor factory, statement type, warnings, rows (a count, a width or
 * -1 for rows of one bare value, then each value with a one-byte tag), CRC-32 of
 * everything before it. Only values of the classes the adapter's rows hold are written
 * (numbers, strings, booleans, bytes); a result with anything else is not kept on disk.
 */
final class ResultFile {
  static final int VERSION = 1;
  private static final byte[] MAGIC = "SCAPROWS".getBytes(StandardCharsets.US_ASCII);

  private static final int NULL = 0;
  private static final int BOOLEAN = 1;
  private static final int BYTE = 2;
  private static final int SHORT = 3;
  private static final int INT = 4;
  private static final int LONG = 5;
  private static final int FLOAT = 6;
  private static final int DOUBLE = 7;
  private static final int STRING = 8;
  private static final int DECIMAL = 9;
  private static final int BYTES = 10;
  private static final int BYTE_STRING = 11;

  private ResultFile() {}

  /** What a result file holds. */
  record Contents(String key, List<ColumnMetaData> columns, Meta.CursorFactory cursorFactory,
      Meta.StatementType statementType, List<String> warnings, List<Object> rows) {}

  /**
   * The bytes of {@code c}, or null when it cannot be written: a value of another class,
   * or a cursor that names a Java class.
   */
  static byte[] write(Contents c) {
    if (c.cursorFactory.style != Meta.Style.ARRAY && c.cursorFactory.style != Meta.Style.OBJECT) {
      return null;
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(MAGIC);
      out.writeInt(VERSION);
      writeString(out, c.key);
      out.writeInt(c.columns.size());
      for (ColumnMetaData m : c.columns) {
        writeBytes(out, m.toProto().toByteArray());
      }
      writeBytes(out, c.cursorFactory.toProto().toByteArray());
      writeString(out, c.statementType.name());
      out.writeInt(c.warnings.size());
      for (String w : c.warnings) {
        writeString(out, w);
      }
      out.writeInt(c.rows.size());
      int width = c.cursorFactory.style == Meta.Style.ARRAY ? c.columns.size() : -1;
      out.writeInt(width);
      for (Object row : c.rows) {
        if (width < 0) {
          if (!writeValue(out, row)) {
            return null;
          }
        } else {
          if (!(row instanceof Object[]) || ((Object[]) row).length != width) {
            return null;
          }
          for (Object v : (Object[]) row) {
            if (!writeValue(out, v)) {
              return null;
            }
          }
        }
      }
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
  }

  /**
   * The contents of {@code data} if it is a whole result file for {@code key}; null when it
   * is not (damaged, cut, another key or format).
   */
  static Contents read(byte[] data, String key) {
    if (data.length < MAGIC.length + 12) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(data, 0, data.length - 8);
    long stored = 0;
    for (int i = data.length - 8; i < data.length; i++) {
      stored = (stored << 8) | (data[i] & 0xFF);
    }
    if (stored != crc.getValue()) {
      return null;
    }
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, data.length - 8));
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!java.util.Arrays.equals(magic, MAGIC) || in.readInt() != VERSION || !readString(in).equals(key)) {
        return null;
      }
      int n = in.readInt();
      List<ColumnMetaData> columns = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        columns.add(ColumnMetaData.fromProto(Common.ColumnMetaData.parseFrom(readBytes(in))));
      }
      Meta.CursorFactory cursor = Meta.CursorFactory.fromProto(Common.CursorFactory.parseFrom(readBytes(in)));
      Meta.StatementType type = Meta.StatementType.valueOf(readString(in));
      int w = in.readInt();
      List<String> warnings = new ArrayList<>(w);
      for (int i = 0; i < w; i++) {
        warnings.add(readString(in));
      }
      int count = in.readInt();
      int width = in.readInt();
      List<Object> rows = new ArrayList<>(count);
      for (int r = 0; r < count; r++) {
        if (width < 0) {
          rows.add(readValue(in));
        } else {
          Object[] row = new Object[width];
          for (int i = 0; i < width; i++) {
            row[i] = readValue(in);
          }
          rows.add(row);
        }
      }
      return new Contents(key, columns, cursor, type, warnings, rows);
    } catch (IOException | RuntimeException e) {
      // A CRC that matches over bytes that do not parse: written by another layout.
      return null;
    }
  }

  private static boolean writeValue(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Boolean) {
      out.writeByte(BOOLEAN);
      out.writeBoolean((Boolean) v);
    } else if (v instanceof Byte) {
      out.writeByte(BYTE);
      out.writeByte((Byte) v);
    } else if (v instanceof Short) {
      out.writeByte(SHORT);
      out.writeShort((Short) v);
    } else if (v instanceof Integer) {
      out.writeByte(INT);
      out.writeInt((Integer) v);
    } else if (v instanceof Long) {
      out.writeByte(LONG);
      out.writeLong((Long) v);
    } else if (v instanceof Float) {
      out.writeByte(FLOAT);
      out.writeFloat((Float) v);
    } else if (v instanceof Double) {
      out.writeByte(DOUBLE);
      out.writeDouble((Double) v);
    } else if (v instanceof String) {
      out.writeByte(STRING);
      writeString(out, (String) v);
    } else if (v instanceof BigDecimal) {
      out.writeByte(DECIMAL);
      writeString(out, v.toString());
    } else if (v instanceof byte[]) {
      out.writeByte(BYTES);
      writeBytes(out, (byte[]) v);
    } else if (v instanceof ByteString) {
      out.writeByte(BYTE_STRING);
      writeBytes(out, ((ByteString) v).getBytes());
    } else {
      return false;
    }
    return true;
  }

  private static Object readValue(DataInputStream in) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case NULL:
        return null;
      case BOOLEAN:
        return in.readBoolean();
      case BYTE:
        return in.readByte();
      case SHORT:
        return in.readShort();
      case INT:
        return in.readInt();
      case LONG:
        return in.readLong();
      case FLOAT:
        return in.readFloat();
      case DOUBLE:
        return in.readDouble();
      case STRING:
        return readString(in);
      case DECIMAL:
        return new BigDecimal(readString(in));
      case BYTES:
        return readBytes(in);
      case BYTE_STRING:
        return new ByteString(readBytes(in));
      default:
        throw new IOException("unknown value tag " + tag);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("length " + n + " past the end");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
