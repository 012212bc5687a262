package org.scapsql.adapter.cache;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.CRC32C;
import org.scapsql.adapter.EventColumn;

/**
 * An open column-cache file: its footer read and checked when opened, its chunks read
 * on demand and each slot of a chunk checked against its CRC the first time this JVM
 * reads it. Any inconsistency (magic, trailer, CRCs, lengths, an unexpected key or
 * version) raises an {@link IOException}; one found in a chunk also marks the file
 * damaged and deletes it ({@link #damaged()}), so that no later query trusts it and the
 * next full scan builds it again.
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
  /** Per chunk, the slots already checked against their CRCs (bit per slot; {@link #TABLE} for the table). */
  private final AtomicLongArray checked;
  private static final long TABLE = 1L << 63;

  static {
    if (CacheLayout.SLOTS > 63) {
      throw new ExceptionInInitializerError("a chunk's checked slots are bits of one long: at most 63 slots");
    }
  }
  private volatile boolean damaged;
  /** Per thread code, a dense number of its thread id (the key of the thread's figures), made on first use. */
  private int[] threadKeys;
  private int threadCount;

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
    this.checked = new AtomicLongArray(chunks.size());
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
        if (c.offset() < CacheFormat.MAGIC.length || c.length() < CacheLayout.SLOTS * 8
            || c.offset() + c.length() > footerAt || c.events() <= 0 || c.events() > CacheFormat.CHUNK) {
          throw new IOException("bad chunk entry " + i);
        }
        total += c.events();
        chunks.add(c);
      }
      if (total != events) {
        throw new IOException("chunks hold " + total + " events, the footer says " + events);
      }
      return new CacheFile(path, ch, key, name, events, firstTime, firstTimeIndex, List.copyOf(warnings), dicts,
          chunks);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e instanceof IOException io ? io : new IOException(e.toString(), e);
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

  /** Whether a chunk of this file failed its check (the file is then deleted and never used again). */
  boolean damaged() {
    return damaged;
  }

  private IOException damage(String why) {
    damaged = true;
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // Another process may hold it; the flag keeps this JVM from using it, its next open checks again.
    }
    return new IOException(path + ": " + why);
  }

  /**
   * Decodes the slots marked in {@code wanted} of chunk {@code index} into {@code v}, and
   * the NULL flags of the nullable ones into {@code nulls}; the other slots are never read.
   * Only the chunk's table and the wanted slots are read. A slot is checked against its CRC the first time this
   * JVM reads it: a query that reads a few columns of a few chunks checks only those, and
   * nothing is decoded from bytes that were not checked. The thread's figures need the
   * thread slot ({@link CacheLayout#THREAD}) wanted too: they are differences per thread.
   */
  void decode(int index, boolean[] wanted, long[][] v, boolean[][] nulls) throws IOException {
    if (damaged) {
      throw new IOException(path + ": damaged");
    }
    CacheFormat.Chunk c = chunks.get(index);
    int table = CacheLayout.SLOTS * 8;
    if (table > c.length()) {
      throw damage("chunk " + index + " shorter than its table");
    }
    ByteBuffer m = read(c.offset(), table, index);
    long done = checked.get(index);
    if ((done & TABLE) == 0) {
      CRC32C crc = new CRC32C();
      crc.update(m.duplicate().limit(table));
      if ((int) crc.getValue() != c.crc()) {
        throw damage("chunk " + index + " table checksum mismatch");
      }
      done = checked.accumulateAndGet(index, TABLE, (a, b) -> a | b);
    }
    int pos = table;
    boolean perThread = false;
    for (int s = 0; s < CacheLayout.SLOTS; s++) {
      int length = m.getInt(s * 8);
      if (length < 0 || pos + length > c.length()) {
        throw damage("chunk " + index + " slot " + s + " overruns the chunk");
      }
      if (wanted[s]) {
        ByteBuffer slot = read(c.offset() + pos, length, index);
        if ((done & (1L << s)) == 0) {
          CRC32C crc = new CRC32C();
          crc.update(slot.duplicate());
          if ((int) crc.getValue() != m.getInt(s * 8 + 4)) {
            throw damage("chunk " + index + " slot " + s + " checksum mismatch");
          }
          done = checked.accumulateAndGet(index, 1L << s, (a, b) -> a | b);
        }
        try {
          Packing.decode(slot, c.events(), v[s], CacheLayout.nullable(s) ? nulls[s] : null);
        } catch (RuntimeException bad) {
          throw damage("chunk " + index + " slot " + s + ": " + bad.getMessage());
        }
        perThread |= CacheLayout.perThread(s);
      }
      pos += length;
    }
    if (perThread) {
      if (!wanted[CacheLayout.THREAD]) {
        throw new IllegalStateException("a thread's figures are decoded with the thread slot");
      }
      addUpPerThread(c.events(), wanted, v, nulls);
    }
  }

  /**
   * {@code length} bytes at {@code at}, read into the heap: a mapped file would count every
   * page a query touched in the process's resident memory, up to the whole cache file.
   */
  private ByteBuffer read(long at, int length, int index) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    long p = at;
    while (b.hasRemaining()) {
      int n = channel.read(b, p);
      if (n < 0) {
        throw damage("chunk " + index + " cut short");
      }
      p += n;
    }
    return b.flip();
  }

  /** Turns the differences of the thread's figures back into values, thread by thread from the chunk's start. */
  private void addUpPerThread(int n, boolean[] wanted, long[][] v, boolean[][] nulls) {
    int[] keys = threadKeys();
    long[] code = v[CacheLayout.THREAD];
    long[] last = new long[threadCount];
    for (int s = CacheLayout.FIRST_PER_THREAD; s < CacheLayout.SLOTS; s++) {
      if (!wanted[s]) {
        continue;
      }
      Arrays.fill(last, 0);
      long[] x = v[s];
      boolean[] isNull = nulls[s];
      for (int k = 0; k < n; k++) {
        if (!isNull[k]) {
          int t = keys[(int) code[k]];
          x[k] += last[t];
          last[t] = x[k];
        }
      }
    }
  }

  private synchronized int[] threadKeys() {
    if (threadKeys == null) {
      Object[][] dict = dictionary(1);
      int tidAt = CacheLayout.GROUPS.get(1).indexOf(EventColumn.THREAD_TID);
      Map<Object, Integer> numbers = new HashMap<>();
      int[] keys = new int[dict.length];
      for (int i = 0; i < dict.length; i++) {
        keys[i] = numbers.computeIfAbsent(dict[i][tidAt], t -> numbers.size());
      }
      threadCount = numbers.size();
      threadKeys = keys;
    }
    return threadKeys;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
