package org.scapsql.adapter.cache;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An open column-cache file: its footer read and checked, its chunks read on demand.
 * Any inconsistency (magic, trailer, CRCs, lengths, an unexpected key or version)
 * raises an {@link IOException}: the caller then deletes the file and reads the capture.
 */
final class CacheFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  final String key;
  final String captureName;
  final long events;
  final long firstTime;
  final long firstTimeIndex;
  final List<String> warnings;
  /** Per group, its tuples by code, decoded on first use (a query needs one or two groups). */
  private final byte[][] rawDictionaries;
  private final Object[][][] dictionaries;
  final List<CacheFormat.Chunk> chunks;

  private CacheFile(Path path, FileChannel channel, String key, String captureName, long events, long firstTime,
      long firstTimeIndex, List<String> warnings, byte[][] rawDictionaries, List<CacheFormat.Chunk> chunks) {
    this.path = path;
    this.channel = channel;
    this.key = key;
    this.captureName = captureName;
    this.events = events;
    this.firstTime = firstTime;
    this.firstTimeIndex = firstTimeIndex;
    this.warnings = warnings;
    this.rawDictionaries = rawDictionaries;
    this.dictionaries = new Object[rawDictionaries.length][][];
    this.chunks = chunks;
  }

  /** Opens and checks the file built for {@code key}. */
  static CacheFile open(Path path, String key) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      long size = ch.size();
      if (size < CacheFormat.MAGIC.length + CacheFormat.TRAILER) {
        throw new IOException("too short");
      }
      ByteBuffer magic = read(ch, 0, CacheFormat.MAGIC.length);
      if (!Arrays.equals(magic.array(), CacheFormat.MAGIC)) {
        throw new IOException("not a column cache");
      }
      ByteBuffer t = read(ch, size - CacheFormat.TRAILER, CacheFormat.TRAILER).order(ByteOrder.LITTLE_ENDIAN);
      long footerAt = t.getLong();
      int footerLength = t.getInt();
      int footerCrc = t.getInt();
      byte[] end = new byte[8];
      t.get(end);
      if (!Arrays.equals(end, CacheFormat.END) || footerAt < CacheFormat.MAGIC.length || footerLength < 0
          || footerAt + footerLength != size - CacheFormat.TRAILER) {
        throw new IOException("bad trailer (an unfinished or damaged file)");
      }
      byte[] footer = read(ch, footerAt, footerLength).array();
      CRC32C crc = new CRC32C();
      crc.update(footer);
      if ((int) crc.getValue() != footerCrc) {
        throw new IOException("footer checksum mismatch");
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(footer));
      int version = in.readInt();
      if (version != CacheFormat.VERSION) {
        throw new IOException("cache format " + version + ", this scapsql writes " + CacheFormat.VERSION);
      }
      String builtFor = in.readUTF();
      if (!builtFor.equals(key)) {
        throw new IOException("built for another capture or version");
      }
      String name = in.readUTF();
      long events = in.readLong();
      long firstTime = in.readLong();
      long firstTimeIndex = in.readLong();
      int nw = in.readInt();
      if (nw < 0 || nw > 1000) {
        throw new IOException("bad warning count");
      }
      List<String> warnings = new ArrayList<>();
      for (int i = 0; i < nw; i++) {
        warnings.add(in.readUTF());
      }
      byte[][] dicts = new byte[CacheLayout.GROUPS.size()][];
      for (int g = 0; g < dicts.length; g++) {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
          throw new IOException("bad dictionary length " + n);
        }
        dicts[g] = new byte[n];
        in.readFully(dicts[g]);
      }
      int nc = in.readInt();
      if (nc < 0 || (long) nc * 48 > footerLength) {
        throw new IOException("bad chunk count");
      }
      List<CacheFormat.Chunk> chunks = new ArrayList<>(nc);
      long total = 0;
      for (int i = 0; i < nc; i++) {
        CacheFormat.Chunk c = new CacheFormat.Chunk(in.readLong(), in.readInt(), in.readInt(), in.readInt(),
            in.readLong(), in.readLong(), in.readLong(), in.readLong());
        if (c.offset() < CacheFormat.MAGIC.length || c.length() < 0 || c.offset() + c.length() > footerAt
            || c.events() <= 0 || c.events() > CacheFormat.CHUNK) {
          throw new IOException("bad chunk entry " + i);
        }
        total += c.events();
        chunks.add(c);
      }
      if (total != events) {
        throw new IOException("chunks hold " + total + " events, the footer says " + events);
      }
      verify(ch, chunks);
      return new CacheFile(path, ch, key, name, events, firstTime, firstTimeIndex, List.copyOf(warnings), dicts,
          chunks);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e instanceof IOException io ? io : new IOException(e.toString(), e);
    }
  }

  /**
   * Checks every slot of every chunk against its CRC once, when the file is opened (a
   * JVM opens a file once): a damaged cache is then found before a query has used any
   * of it, and rebuilt instead of answering wrongly halfway through.
   */
  private static void verify(FileChannel ch, List<CacheFormat.Chunk> chunks) throws IOException {
    int table = CacheLayout.SLOTS * 8;
    for (int i = 0; i < chunks.size(); i++) {
      CacheFormat.Chunk c = chunks.get(i);
      if (c.length() < table) {
        throw new IOException("chunk " + i + " is too short");
      }
      ByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, c.offset(), c.length()).order(ByteOrder.LITTLE_ENDIAN);
      CRC32C crc = new CRC32C();
      crc.update(m.duplicate().limit(table));
      if ((int) crc.getValue() != c.crc()) {
        throw new IOException("chunk " + i + " table checksum mismatch");
      }
      int pos = table;
      for (int s = 0; s < CacheLayout.SLOTS; s++) {
        int length = m.getInt(s * 8);
        if (length < 0 || pos + length > c.length()) {
          throw new IOException("chunk " + i + " slot " + s + " overruns the chunk");
        }
        CRC32C check = new CRC32C();
        check.update(m.slice(pos, length));
        if ((int) check.getValue() != m.getInt(s * 8 + 4)) {
          throw new IOException("chunk " + i + " slot " + s + " checksum mismatch");
        }
        pos += length;
      }
    }
  }

  /** The tuples of group {@code g} by code. */
  synchronized Object[][] dictionary(int g) {
    if (dictionaries[g] == null) {
      try {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(rawDictionaries[g]));
        dictionaries[g] = CacheFormat.readTuples(in, CacheLayout.GROUPS.get(g).size()).toArray(new Object[0][]);
        rawDictionaries[g] = null;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(path + ": damaged dictionary " + g + ": " + e.getMessage(), e);
      }
    }
    return dictionaries[g];
  }

  private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    b.flip();
    return b;
  }

  /**
   * Decodes the slots marked in {@code wanted} of chunk {@code index} into {@code v} (and
   * the NULL flags of the result and latency; their CRCs were checked when the file was
   * opened); the other slots are never read. The chunk is mapped, not copied.
   */
  void decode(int index, boolean[] wanted, long[][] v, boolean[] resNull, boolean[] latNull) throws IOException {
    CacheFormat.Chunk c = chunks.get(index);
    ByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, c.offset(), c.length()).order(ByteOrder.LITTLE_ENDIAN);
    int pos = CacheLayout.SLOTS * 8;
    for (int s = 0; s < CacheLayout.SLOTS; s++) {
      int length = m.getInt(s * 8);
      if (length < 0 || pos + length > c.length()) {
        throw new IOException(path + ": chunk " + index + " slot " + s + " overruns the chunk");
      }
      if (wanted[s]) {
        boolean[] nulls = s == CacheLayout.RAWRES ? resNull : s == CacheLayout.LATENCY ? latNull : null;
        try {
          Packing.decode(m.slice(pos, length).order(ByteOrder.LITTLE_ENDIAN), c.events(), v[s], nulls);
        } catch (RuntimeException bad) {
          throw new IOException(path + ": chunk " + index + " slot " + s + ": " + bad.getMessage(), bad);
        }
      }
      pos += length;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
