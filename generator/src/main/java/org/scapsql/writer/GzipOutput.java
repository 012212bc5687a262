package org.scapsql.writer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A single-member gzip stream with a chosen deflate level.
 * {@link java.util.zip.GZIPOutputStream} always uses the default level, which
 * is several times slower than level 1 on capture data and hardly smaller. The
 * header carries no time stamp and no name, so equal input gives equal bytes.
 */
final class GzipOutput extends OutputStream {
  private static final int OS_UNIX = 3;

  private final OutputStream raw;
  private final Deflater deflater;
  private final CRC32 crc = new CRC32();
  private final byte[] chunk = new byte[1 << 16];
  private long total;
  private boolean finished;

  GzipOutput(OutputStream raw, int level) throws IOException {
    this.raw = raw;
    this.deflater = new Deflater(level, true);
    int xfl = level == Deflater.BEST_SPEED ? 4 : level == Deflater.BEST_COMPRESSION ? 2 : 0;
    raw.write(new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, (byte) xfl, OS_UNIX});
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (finished) {
      throw new IOException("gzip stream already finished");
    }
    if (len == 0) {
      return;
    }
    crc.update(b, off, len);
    total += len;
    deflater.setInput(b, off, len);
    while (!deflater.needsInput()) {
      int n = deflater.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH);
      if (n > 0) {
        raw.write(chunk, 0, n);
      }
    }
  }

  /** Writes the rest of the compressed data and the trailer; the underlying stream stays open. */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    deflater.finish();
    while (!deflater.finished()) {
      int n = deflater.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH);
      if (n > 0) {
        raw.write(chunk, 0, n);
      }
    }
    long c = crc.getValue();
    raw.write(new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), (byte) total,
        (byte) (total >>> 8), (byte) (total >>> 16), (byte) (total >>> 24)});
  }

  @Override
  public void flush() throws IOException {
    raw.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      deflater.end();
      raw.close();
    }
  }
}
