package org.scapsql.spark;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.scapsql.adapter.ColumnDef;
import org.scapsql.adapter.EventScan;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.QueryWarnings;
import org.scapsql.adapter.ScanSpec;
import org.scapsql.adapter.TableDef;
import org.scapsql.adapter.entity.EntityCache;
import org.scapsql.adapter.entity.EntityTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes, on an executor, the reader of one capture: the adapter's {@link EventScan}
 * with the pushed spec for {@code events}, the table's own scan (the capture's entity
 * pass, kept by the adapter's entity cache for the executor's later tasks) for the
 * others. Travels from the driver as the table's name, the encoded spec and the
 * column positions.
 */
final class CaptureReaders implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CaptureReaders.class);

  private final String table;
  private final String spec;
  private final int[] columns;

  CaptureReaders(String table, String spec, int[] columns) {
    this.table = table;
    this.spec = spec;
    this.columns = columns.clone();
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    Path capture = Path.of(((CapturePartition) partition).path());
    TableDef def = ScapOptions.def(table);
    List<ColumnDef> all = def.columns();
    ColumnTypes.Converter[] convert = new ColumnTypes.Converter[columns.length];
    for (int i = 0; i < columns.length; i++) {
      convert[i] = ColumnTypes.converter(all.get(columns[i]));
    }
    QueryWarnings warnings = QueryWarnings.detached();
    AtomicBoolean cancel = KillWatch.watch(TaskContext.get());
    QueryControl control = QueryControl.background(cancel, warnings);
    Enumerator<Object[]> rows;
    boolean projected;
    try {
      if (spec != null) {
        rows = new EventScan(List.of(capture), ScanSpec.decode(spec), control);
        projected = true;
      } else {
        Table t = def.factory().apply(List.of(capture));
        if (t instanceof EntityTable) {
          // The capture's entity pass runs here, under this task's control (a kill stops it; its damage is
          // logged), and the table's scan below finds it in the adapter's entity cache.
          EntityTable.warnIfCut(EntityCache.get(capture, control), control);
        }
        rows = ((ScannableTable) t).scan(null).enumerator();
        projected = false;
      }
    } catch (RuntimeException e) {
      KillWatch.done(cancel);
      throw e;
    }
    return new Reader(capture, rows, projected, columns, convert, warnings, control, cancel);
  }

  /**
   * Passes Spark's kill of a task on to the adapter's cancel flag, which the scan looks
   * at every few thousand events: a task Spark kills (a cancelled job, a speculative
   * copy) stops inside a long filtered scan, not only at its next row. Spark marks a
   * killed task without calling anything of the reader, so one daemon thread looks at
   * the running readers' tasks a few times a second.
   */
  static final class KillWatch {
    private static final java.util.Map<AtomicBoolean, TaskContext> RUNNING =
        new java.util.concurrent.ConcurrentHashMap<>();

    static {
      Thread t = new Thread(() -> {
        try {
          while (true) {
            RUNNING.forEach((flag, task) -> {
              if (task.isInterrupted()) {
                flag.set(true);
              }
            });
            Thread.sleep(200);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "scapsql-spark-kill-watch");
      t.setDaemon(true);
      t.start();
    }

    private KillWatch() {}

    static AtomicBoolean watch(TaskContext task) {
      AtomicBoolean flag = new AtomicBoolean();
      if (task != null) {
        RUNNING.put(flag, task);
      }
      return flag;
    }

    static void done(AtomicBoolean flag) {
      RUNNING.remove(flag);
    }
  }

  /** Rows of one capture as Spark rows; logs the capture's warnings (damage, truncation) once read. */
  private static final class Reader implements PartitionReader<InternalRow> {
    private final Path capture;
    private final Enumerator<Object[]> rows;
    /** Whether the rows hold only the wanted columns already (the events scan builds only those). */
    private final boolean projected;
    private final int[] columns;
    private final ColumnTypes.Converter[] convert;
    private final QueryWarnings warnings;
    private final QueryControl control;
    private final AtomicBoolean cancel;
    private InternalRow current;

    Reader(Path capture, Enumerator<Object[]> rows, boolean projected, int[] columns,
        ColumnTypes.Converter[] convert, QueryWarnings warnings, QueryControl control, AtomicBoolean cancel) {
      this.capture = capture;
      this.rows = rows;
      this.projected = projected;
      this.columns = columns;
      this.convert = convert;
      this.warnings = warnings;
      this.control = control;
      this.cancel = cancel;
    }

    @Override
    public boolean next() {
      control.check();
      if (!rows.moveNext()) {
        return false;
      }
      Object[] r = rows.current();
      Object[] out = new Object[columns.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = convert[i].convert(projected ? r[i] : r[columns[i]]);
      }
      current = new GenericInternalRow(out);
      return true;
    }

    @Override
    public InternalRow get() {
      return current;
    }

    @Override
    public void close() {
      KillWatch.done(cancel);
      rows.close();
      for (Iterator<String> it = warnings.list().iterator(); it.hasNext(); ) {
        LOG.warn("{}: {}", capture, it.next());
      }
    }
  }
}
