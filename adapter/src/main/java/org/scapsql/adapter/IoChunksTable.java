package org.scapsql.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
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
  /** What one row is read from: an I/O exit event with data, on the capture's tracker. */
  private record Chunk(Event e, SysdigFields fields, boolean read, Long res, byte[] data, String capture) {}

  /** A column and the rule that reads its value from the chunk. */
  private record Column(ColumnDef def, Function<Chunk, Object> value) {}

  private static Column column(String name, SqlTypeName type, String description, Function<Chunk, Object> value) {
    return new Column(new ColumnDef(name, type, true, description), value);
  }

  /** The columns, in row order, each declared once with its value rule. */
  private static final List<Column> RULES = List.of(
      column("evt_num", SqlTypeName.BIGINT, "Event number", c -> c.e().num()),
      column("evt_rawtime", SqlTypeName.BIGINT, "Event time (ns since epoch)", c -> c.e().ts()),
      column("evt_time", SqlTypeName.TIMESTAMP, "Event time as a TIMESTAMP in UTC, truncated to the millisecond",
          c -> Math.floorDiv(c.e().ts(), 1_000_000L)),
      column("thread_tid", SqlTypeName.BIGINT, "Thread id", c -> c.e().tid()),
      column("thread_lifetime", SqlTypeName.BIGINT, "Thread lifetime id (joins threads)",
          c -> c.fields().threadLifetime()),
      column("proc_pid", SqlTypeName.BIGINT, "Process id", c -> c.fields().procPid()),
      column("proc_name", SqlTypeName.VARCHAR, "Process name", c -> c.fields().procName()),
      column("proc_lifetime", SqlTypeName.BIGINT, "Process lifetime id (joins processes)",
          c -> c.fields().procLifetime()),
      column("fd_num", SqlTypeName.BIGINT, "fd number", c -> c.fields().fdNum()),
      column("fd_lifetime", SqlTypeName.BIGINT, "fd lifetime id (joins fds and connections)",
          c -> c.fields().fdLifetime()),
      column("fd_name", SqlTypeName.VARCHAR, "fd name", c -> c.fields().fdName(c.e())),
      column("fd_type", SqlTypeName.VARCHAR, "fd type", c -> c.fields().fdType()),
      column("io_dir", SqlTypeName.VARCHAR, "'read' or 'write'", c -> c.read() ? "read" : "write"),
      column("evt_type", SqlTypeName.VARCHAR, "Syscall", c -> c.e().info().name()),
      column("evt_rawres", SqlTypeName.BIGINT, "Bytes the call moved", Chunk::res),
      column("data", SqlTypeName.VARBINARY, "Bytes as captured (at most the snaplen)", c -> new ByteString(c.data())),
      column("data_len", SqlTypeName.INTEGER, "Length of data", c -> c.data().length),
      column("truncated", SqlTypeName.BOOLEAN, "True when the call moved more bytes than were captured",
          c -> c.res() != null && c.res() > c.data().length),
      column("capture", SqlTypeName.VARCHAR, "File name of the capture", Chunk::capture));

  /** The columns as the schema and the documentation read them. */
  static final List<ColumnDef> COLUMNS = RULES.stream().map(Column::def).toList();

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
          Chunk chunk = new Chunk(e, fields, read, fields.rawres(e), e.paramBytes(d), cursor.captureName());
          current = new Object[RULES.size()];
          for (int i = 0; i < current.length; i++) {
            current[i] = RULES.get(i).value().apply(chunk);
          }
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
