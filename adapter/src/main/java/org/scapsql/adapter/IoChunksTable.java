package org.scapsql.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.render.SysdigFields;
import org.scapsql.state.StateTracker;

/**
 * {@code io_chunks}: every read or write that carried data, with the bytes as
 * captured (the driver keeps only the first snaplen bytes; {@code truncated}
 * says so, and {@code evt_rawres} is what really moved).
 */
public final class IoChunksTable extends AbstractTable implements ScannableTable {
  private static final String[][] COLUMNS = {
      {"evt_num", "BIGINT", "Event number"},
      {"evt_rawtime", "BIGINT", "Event time (ns since epoch)"},
      {"evt_time", "TIMESTAMP", "Event time as a TIMESTAMP in UTC, truncated to the millisecond"},
      {"thread_tid", "BIGINT", "Thread id"},
      {"thread_lifetime", "BIGINT", "Thread lifetime id (joins threads)"},
      {"proc_pid", "BIGINT", "Process id"},
      {"proc_name", "VARCHAR", "Process name"},
      {"proc_lifetime", "BIGINT", "Process lifetime id (joins processes)"},
      {"fd_num", "BIGINT", "fd number"},
      {"fd_lifetime", "BIGINT", "fd lifetime id (joins fds and connections)"},
      {"fd_name", "VARCHAR", "fd name"},
      {"fd_type", "VARCHAR", "fd type"},
      {"io_dir", "VARCHAR", "'read' or 'write'"},
      {"evt_type", "VARCHAR", "Syscall"},
      {"evt_rawres", "BIGINT", "Bytes the call moved"},
      {"data", "VARBINARY", "Bytes as captured (at most the snaplen)"},
      {"data_len", "INTEGER", "Length of data"},
      {"truncated", "BOOLEAN", "True when the call moved more bytes than were captured"},
      {"capture", "VARCHAR", "File name of the capture"}};

  private final List<Path> captures;

  IoChunksTable(List<Path> captures) {
    this.captures = captures;
  }

  public static String[][] columns() {
    return COLUMNS;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory tf) {
    RelDataTypeFactory.Builder b = tf.builder();
    for (String[] c : COLUMNS) {
      SqlTypeName type = SqlTypeName.valueOf(c[1]);
      RelDataType t = type == SqlTypeName.TIMESTAMP ? tf.createSqlType(type, 3) : tf.createSqlType(type);
      b.add(c[0], tf.createTypeWithNullability(t, true));
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    QueryControl control = QueryControl.of(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new Scan(captures, control);
      }
    };
  }

  private static final class Scan implements Enumerator<Object[]> {
    private final QueryControl control;
    private final CaptureCursor cursor;
    private SysdigFields fields;
    private Object[] current;

    Scan(List<Path> captures, QueryControl control) {
      this.control = control;
      this.cursor = new CaptureCursor(captures, control, StateTracker::new)
          .onOpen(c -> fields = new SysdigFields(c.state()));
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      control.check();
      try {
        for (Event e; (e = cursor.next()) != null; ) {
          EventInfo info = e.info();
          boolean read = info.has(EventInfo.EF_READS_FROM_FD);
          if (info.enter() || !(read || info.has(EventInfo.EF_WRITES_TO_FD))) {
            continue;
          }
          int d = e.param("data");
          if (d < 0 || e.isEmpty(d)) {
            continue;
          }
          Long res = fields.rawres(e);
          byte[] data = e.paramBytes(d);
          current = new Object[] {e.num(), e.ts(), Math.floorDiv(e.ts(), 1_000_000L), e.tid(),
              fields.threadLifetime(), fields.procPid(), fields.procName(),
              fields.procLifetime(), fields.fdNum(), fields.fdLifetime(), fields.fdName(e),
              fields.fdType(), read ? "read" : "write", info.name(), res, new ByteString(data), data.length,
              res != null && res > data.length, cursor.captureName()};
          return true;
        }
        return false;
      } catch (IOException ex) {
        cursor.close();
        throw new UncheckedIOException(ex.getMessage(), ex);
      }
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("an io_chunks scan cannot be rewound");
    }

    @Override
    public void close() {
      cursor.close();
    }
  }
}
