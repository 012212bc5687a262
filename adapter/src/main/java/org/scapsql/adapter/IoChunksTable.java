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
  /** The columns, in row order (see {@link Scan#moveNext} for the values). */
  static final List<ColumnDef> COLUMNS = List.of(
      new ColumnDef("evt_num", SqlTypeName.BIGINT, true, "Event number"),
      new ColumnDef("evt_rawtime", SqlTypeName.BIGINT, true, "Event time (ns since epoch)"),
      new ColumnDef("evt_time", SqlTypeName.TIMESTAMP, true,
          "Event time as a TIMESTAMP in UTC, truncated to the millisecond"),
      new ColumnDef("thread_tid", SqlTypeName.BIGINT, true, "Thread id"),
      new ColumnDef("thread_lifetime", SqlTypeName.BIGINT, true, "Thread lifetime id (joins threads)"),
      new ColumnDef("proc_pid", SqlTypeName.BIGINT, true, "Process id"),
      new ColumnDef("proc_name", SqlTypeName.VARCHAR, true, "Process name"),
      new ColumnDef("proc_lifetime", SqlTypeName.BIGINT, true, "Process lifetime id (joins processes)"),
      new ColumnDef("fd_num", SqlTypeName.BIGINT, true, "fd number"),
      new ColumnDef("fd_lifetime", SqlTypeName.BIGINT, true, "fd lifetime id (joins fds and connections)"),
      new ColumnDef("fd_name", SqlTypeName.VARCHAR, true, "fd name"),
      new ColumnDef("fd_type", SqlTypeName.VARCHAR, true, "fd type"),
      new ColumnDef("io_dir", SqlTypeName.VARCHAR, true, "'read' or 'write'"),
      new ColumnDef("evt_type", SqlTypeName.VARCHAR, true, "Syscall"),
      new ColumnDef("evt_rawres", SqlTypeName.BIGINT, true, "Bytes the call moved"),
      new ColumnDef("data", SqlTypeName.VARBINARY, true, "Bytes as captured (at most the snaplen)"),
      new ColumnDef("data_len", SqlTypeName.INTEGER, true, "Length of data"),
      new ColumnDef("truncated", SqlTypeName.BOOLEAN, true, "True when the call moved more bytes than were captured"),
      new ColumnDef("capture", SqlTypeName.VARCHAR, true, "File name of the capture"));

  private final List<Path> captures;

  public IoChunksTable(List<Path> captures) {
    this.captures = captures;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory tf) {
    return ColumnDef.rowType(tf, COLUMNS);
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
