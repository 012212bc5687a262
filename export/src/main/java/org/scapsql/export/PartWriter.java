package org.scapsql.export;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * One Parquet file being written. Rows go to a hidden file beside the target, which is
 * renamed into place by {@link #commit}: an engine listing the folder never sees a
 * half-written part, and an export that fails leaves no part behind ({@link #close}
 * without commit deletes it).
 */
public final class PartWriter implements Closeable {
  private final Path target;
  private final Path temp;
  private final ParquetWriter<Object[]> writer;
  private long rows;
  private boolean done;

  public PartWriter(Path target, String table, List<ExportColumn> columns, ParquetSettings settings,
      Map<String, String> metadata) throws IOException {
    this.target = target;
    this.temp = target.resolveSibling("." + target.getFileName() + ".writing");
    Files.createDirectories(target.getParent());
    Files.deleteIfExists(temp);
    RowWriteSupport support = new RowWriteSupport(table, columns, metadata);
    this.writer = new Builder(new LocalOutputFile(temp), support)
        .withConf(new PlainParquetConfiguration())
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .withCompressionCodec(settings.compression())
        .withRowGroupSize(settings.rowGroupBytes())
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .build();
  }

  public void write(Object[] row) throws IOException {
    writer.write(row);
    rows++;
  }

  public long rows() {
    return rows;
  }

  /** Finishes the file and moves it to its name; returns its size in bytes. */
  public long commit() throws IOException {
    writer.close();
    done = true;
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return Files.size(target);
  }

  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      try {
        writer.close();
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** parquet-hadoop's builder over a plain local file and our row support. */
  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final RowWriteSupport support;

    Builder(OutputFile file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }
}
