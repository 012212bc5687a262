package org.scapsql.reader;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Splits a capture into blocks: handles gzip, the byte order announced by the
 * section header, the length/trailer frame and truncation. It knows nothing of
 * what blocks mean. The current block lives in one reused buffer, so reading a
 * capture allocates nothing per block once the buffer has grown to the largest
 * block.
 *
 * <p>Offsets are positions in the uncompressed block stream; for a plain file
 * they are file offsets.
 */
public final class BlockReader implements Closeable {
  /** Default bound on one block; a larger declared length is treated as corruption. */
  public static final int DEFAULT_MAX_BLOCK_BYTES = 128 << 20;
  /** Event blocks that are not LARGE never exceed 64 KiB of body (libscap's read buffer). */
  static final int MAX_SMALL_EVENT_BLOCK = 65536 + 8 + 4096;

  private static final int GZIP_BUFFER = 1 << 16;

  private final String name;
  private final InputStream source;
  /** What was read from {@link #source} and not yet handed to a block: in[inPos..inLimit). */
  private final byte[] in = new byte[1 << 18];
  private int inPos;
  private int inLimit;
  private final boolean gzip;
  private final int maxBlockBytes;
  private byte[] buf = new byte[1 << 16];
  private ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
  private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
  private long position;
  private long blockOffset;
  private int blockType;
  private int blockLength;
  private String warning;
  private boolean sawSectionHeader;

  private BlockReader(String name, InputStream in, boolean gzip, int maxBlockBytes) {
    this.name = name;
    this.source = in;
    this.gzip = gzip;
    this.maxBlockBytes = maxBlockBytes;
  }

  /** Opens a plain or gzip-compressed capture; the content decides, not the file name. */
  public static BlockReader open(Path path) throws IOException {
    return open(path, DEFAULT_MAX_BLOCK_BYTES);
  }

  public static BlockReader open(Path path, int maxBlockBytes) throws IOException {
    String name = path.toString();
    // FileInputStream, unlike Files.newInputStream, also reads pipes and FIFOs (no seeking).
    if (Files.isDirectory(path)) {
      throw new CaptureFormatException(name, 0, "is a directory, not a capture file");
    }
    InputStream raw = new BufferedInputStream(new java.io.FileInputStream(path.toFile()), GZIP_BUFFER);
    try {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gz = b0 == 0x1F && b1 == 0x8B;
      InputStream in = gz ? new ReadAheadInputStream(new GZIPInputStream(raw, GZIP_BUFFER), name) : raw;
      return new BlockReader(name, in, gz, maxBlockBytes);
    } catch (ZipException e) {
      raw.close();
      throw new CaptureFormatException(name, 0, "corrupt gzip header: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Reads a capture from a stream that is already uncompressed (tests, pipes). */
  public static BlockReader of(String name, InputStream uncompressed) {
    return new BlockReader(name, uncompressed, false, DEFAULT_MAX_BLOCK_BYTES);
  }

  public String name() {
    return name;
  }

  public boolean isGzip() {
    return gzip;
  }

  public ByteOrder order() {
    return order;
  }

  /**
   * Advances to the next whole block. Returns false at the end of the stream, and
   * also when the stream ends inside a block (a capture still being written, or
   * cut short): {@link #warning()} then says where.
   *
   * @throws CaptureFormatException when the bytes cannot be a capture
   */
  public boolean next() throws IOException {
    blockOffset = position;
    int got = readFully(0, 8);
    if (got == 0) {
      if (!sawSectionHeader) {
        throw new CaptureFormatException(name, 0, "empty file, not a scap capture");
      }
      return false;
    }
    if (got < 8) {
      if (!sawSectionHeader) {
        throw new CaptureFormatException(name, 0, "not a scap capture: only " + got + " bytes");
      }
      return truncated("the stream ends inside a block header (" + got + " of 8 bytes)");
    }
    int rawType = ByteBuffer.wrap(buf, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (rawType == BlockType.SHB) {
      // The byte order is only known once the magic after the header has been read.
      int more = readFully(8, 4);
      if (more < 4) {
        if (!sawSectionHeader) {
          throw new CaptureFormatException(name, 0, "not a scap capture: only " + (8 + more) + " bytes");
        }
        return truncated("the stream ends inside a section header");
      }
      int magic = ByteBuffer.wrap(buf, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
      if (magic == 0x1A2B3C4D) {
        order = ByteOrder.LITTLE_ENDIAN;
      } else if (magic == 0x4D3C2B1A) {
        order = ByteOrder.BIG_ENDIAN;
      } else {
        throw new CaptureFormatException(name, blockOffset + 8,
            String.format("bad byte-order magic 0x%08X in section header", magic));
      }
      bb.order(order);
      sawSectionHeader = true;
    } else if (!sawSectionHeader) {
      throw new CaptureFormatException(name, 0, String.format(
          "not a scap capture: expected a section header block (0A 0D 0D 0A), found %02X %02X %02X %02X",
          buf[0] & 0xFF, buf[1] & 0xFF, buf[2] & 0xFF, buf[3] & 0xFF));
    }
    int type = BlockType.canonical(bb.getInt(0));
    long length = Integer.toUnsignedLong(bb.getInt(4));
    long limit = maxBlockBytes;
    if ((type == BlockType.EV || type == BlockType.EVF || type == BlockType.EV_V2 || type == BlockType.EVF_V2)) {
      limit = Math.min(limit, MAX_SMALL_EVENT_BLOCK);
    }
    int minimum = type == BlockType.SHB ? 28 : 12;
    if (length < minimum) {
      throw new CaptureFormatException(name, blockOffset, String.format(
          "block of type %s declares length %d, below the minimum of %d", BlockType.name(type), length, minimum));
    }
    if (length > limit) {
      throw new CaptureFormatException(name, blockOffset, String.format(
          "block of type %s declares length %d, more than the %d bytes such a block may have",
          BlockType.name(type), length, limit));
    }
    int len = (int) length;
    int have = type == BlockType.SHB ? 12 : 8;
    int rest = readFully(have, len - have);
    if (rest < len - have) {
      return truncated(String.format("the block of type %s declares %d bytes but the stream ends after %d",
          BlockType.name(type), len, have + rest));
    }
    int trailer = bb.getInt(len - 4);
    if (trailer != len) {
      throw new CaptureFormatException(name, blockOffset + len - 4, String.format(
          "block of type %s: trailing length %d does not match leading length %d",
          BlockType.name(type), Integer.toUnsignedLong(trailer), len));
    }
    blockType = type;
    blockLength = len;
    return true;
  }

  private boolean truncated(String what) {
    warning = name + ": at byte " + blockOffset + ": capture is truncated: " + what
        + "; read up to the last whole block";
    return false;
  }

  /** Reads up to n bytes into buf at off, growing buf; returns how many arrived before the end. */
  private int readFully(int off, int n) throws IOException {
    int done = 0;
    while (done < n) {
      // Grow with the data actually read, so a bogus huge length on a short stream costs nothing.
      if (off + done == buf.length) {
        int want = (int) Math.min((long) off + n, Math.max(buf.length * 2L, off + done + 1L));
        byte[] bigger = new byte[want];
        System.arraycopy(buf, 0, bigger, 0, off + done);
        buf = bigger;
        bb = ByteBuffer.wrap(buf).order(order);
      }
      if (inPos == inLimit && !fill()) {
        break;
      }
      int chunk = Math.min(Math.min(n - done, buf.length - off - done), inLimit - inPos);
      System.arraycopy(in, inPos, buf, off + done, chunk);
      inPos += chunk;
      done += chunk;
      position += chunk;
    }
    return done;
  }

  /**
   * Reads the next stretch of the stream into {@link #in}: one call per 256 KiB rather than
   * two per block (a block is about a hundred bytes), which was most of the block layer's time.
   * False at the end of the stream.
   */
  private boolean fill() throws IOException {
    int r;
    try {
      r = source.read(in, 0, in.length);
      while (r == 0) {
        r = source.read(in, 0, in.length);
      }
    } catch (EOFException e) {
      // gzip stream cut short: same as a truncated plain file.
      r = -1;
    } catch (ZipException e) {
      throw new CaptureFormatException(name, position, "corrupt gzip data: " + e.getMessage());
    }
    if (r < 0) {
      inPos = 0;
      inLimit = 0;
      return false;
    }
    inPos = 0;
    inLimit = r;
    return true;
  }

  /** Type of the current block, aliases already mapped. */
  public int blockType() {
    return blockType;
  }

  /** Total length of the current block, header and trailer included. */
  public int blockLength() {
    return blockLength;
  }

  /** Offset of the current block in the uncompressed stream. */
  public long blockOffset() {
    return blockOffset;
  }

  /** The buffer holding the current block from index 0, in the capture's byte order. */
  public ByteBuffer buffer() {
    return bb;
  }

  /** Bytes consumed so far from the uncompressed stream. */
  public long position() {
    return position;
  }

  /** Why reading stopped early, or null when the stream ended cleanly. */
  public String warning() {
    return warning;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
