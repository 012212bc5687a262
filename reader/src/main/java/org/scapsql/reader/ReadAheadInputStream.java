package org.scapsql.reader;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the inflater of a gzip capture on its own thread, a few megabytes ahead
 * of the parser, so that decompression and decoding use both cores. A failure
 * of the source (a truncated or corrupt gzip stream) reaches the reader at the
 * byte where it happened, as the same exception.
 */
final class ReadAheadInputStream extends InputStream {
  private static final int CHUNK = 1 << 20;
  private static final int AHEAD = 4;

  /** A filled buffer, or the end of the stream (len -1, with the failure if there was one). */
  private record Chunk(byte[] data, int len, IOException failure) {}

  private final InputStream source;
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(AHEAD);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(AHEAD + 2);
  private final Thread worker;
  private volatile boolean closed;
  private Chunk current;
  private int pos;

  ReadAheadInputStream(InputStream source, String name) {
    this.source = source;
    for (int i = 0; i < AHEAD + 2; i++) {
      free.add(new byte[CHUNK]);
    }
    worker = new Thread(this::fill, "scapsql-inflate " + name);
    worker.setDaemon(true);
    worker.start();
  }

  private void fill() {
    try {
      while (!closed) {
        byte[] buf = free.take();
        int n = 0;
        IOException failure = null;
        try {
          while (n < buf.length) {
            int r = source.read(buf, n, buf.length - n);
            if (r < 0) {
              break;
            }
            n += r;
          }
        } catch (IOException e) {
          failure = e;
        }
        if (n > 0) {
          full.put(new Chunk(buf, n, null));
        }
        if (n < buf.length || failure != null) {
          full.put(new Chunk(null, -1, failure));
          return;
        }
      }
    } catch (InterruptedException e) {
      // Closed while waiting: nobody reads any more.
    } catch (RuntimeException e) {
      try {
        full.put(new Chunk(null, -1, new IOException(e.getMessage(), e)));
      } catch (InterruptedException ignored) {
        // closed
      }
    }
  }

  /** The next chunk with bytes left, or the end marker; null only when closed. */
  private Chunk chunk() throws IOException {
    if (current != null && (current.len < 0 || pos < current.len)) {
      return current;
    }
    if (current != null && current.data != null) {
      free.offer(current.data);
    }
    try {
      current = full.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the capture");
    }
    pos = 0;
    return current;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    Chunk c = chunk();
    if (c.len < 0) {
      if (c.failure != null) {
        throw c.failure;
      }
      return -1;
    }
    int n = Math.min(len, c.len - pos);
    System.arraycopy(c.data, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    worker.interrupt();
    source.close();
  }
}
