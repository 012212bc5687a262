package org.scapsql.adapter.entity;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.MachineInfo;
import org.scapsql.reader.SectionHeader;
import org.scapsql.reader.UserInfo;
import org.scapsql.state.ContainerInfo;

/**
 * The entity tables of a capture as a file: written row by row while the pass runs, so
 * that neither writing nor reading holds a table in memory, only the lifetimes still open.
 * Kept in the column cache as the capture's {@code .ents} file; with the cache off the
 * pass writes the same file into the temporary folder and unlinks it once open.
 *
 * <p>Layout: an 8-byte magic, then blocks of rows as the pass finished them (the four row
 * tables' blocks interleaved), then the tail (the capture's facts, the small records and
 * each table's list of blocks: offset, length, rows, CRC-32C), then a trailer giving the
 * tail's offset, length and CRC and an end mark. A block is decoded on its own: the
 * numbers and strings it refers to start afresh in each block. A cell is one
 * variable-length number: a tag (null, long, int, string, true, false, milliseconds, wide
 * long) in its low three bits and the value above them. A long is stored as its difference
 * from the previous row's value in its column, so times and ids that grow row by row take a
 * byte or three; a TIMESTAMP twin that is its nanosecond column in milliseconds takes the
 * tag alone; a string is its place in the block's strings, or its bytes the first time. The
 * {@code capture} column is not stored (it is the name the capture is opened under now),
 * nor are the columns {@link RowContext} settles as a row is read.
 *
 * <p>Every CRC is checked when the file is opened, before anything in it is believed: a
 * file that fails is deleted and the pass runs again.
 */
public final class EntityFile {
  /** Bumped whenever the layout changes; other numbers are rejected and rebuilt. */
  static final int FORMAT = 3;

  static final byte[] MAGIC = {'S', 'C', 'A', 'P', 'E', 'N', 'T', 'S'};
  static final byte[] END_MARK = {'S', 'C', 'A', 'P', 'E', 'E', 'N', 'D'};
  /** Tail offset, tail length, tail CRC, end mark. */
  static final int TRAILER = 8 + 8 + 4 + 8;

  /** A block is closed at this many rows or bytes, whichever comes first: small enough to read whole. */
  static final int BLOCK_ROWS = 8192;
  /** {@link #BLOCK_ROWS}, lowered by tests to make many blocks of a small capture. */
  static volatile int blockRows = BLOCK_ROWS;
  static final int BLOCK_BYTES = 1 << 20;

  private static final int NULL = 0;
  private static final int LONG = 1;
  private static final int INT = 2;
  private static final int STRING = 3;
  private static final int TRUE = 4;
  private static final int FALSE = 5;
  /** A cell that is the previous column's nanoseconds as milliseconds (the TIMESTAMP twins). */
  private static final int MILLIS = 6;
  /** A long cell whose difference does not fit beside its tag: the number follows on its own. */
  private static final int WIDE = 7;
  private static final int END = 0x454E5453;

  /** The row tables, in file order; their index is the {@code table} argument of {@link Writer#add}. */
  static final List<List<? extends EntityColumns.Column<?>>> TABLES = List.of(EntityColumns.PROCESSES,
      EntityColumns.THREADS, EntityColumns.FDS, EntityColumns.CONNECTIONS);
  static final int PROCESSES = 0;
  static final int THREADS = 1;
  static final int FDS = 2;
  static final int CONNECTIONS = 3;

  /** Entities read back from a cached file so far (tests and the bench: whether the pass was skipped). */
  static final AtomicLong LOADS = new AtomicLong();

  private EntityFile() {}

  /** How many times a capture's entities came from its cached file rather than a pass. */
  public static long loads() {
    return LOADS.get();
  }

  /** Which columns of a table are stored: not the capture's name, not what is settled on reading. */
  static boolean[] stored(int table) {
    List<? extends EntityColumns.Column<?>> columns = TABLES.get(table);
    boolean[] stored = new boolean[columns.size()];
    for (int c = 0; c < stored.length; c++) {
      String name = columns.get(c).name();
      stored[c] = !name.equals("capture") && !RowContext.settles(table, name);
    }
    return stored;
  }

  /** Where one block lies and what it holds. */
  record Block(long offset, int length, int rows, int crc) {}

  /** What a pass learns besides the rows: written at the end of the file. */
  public record Facts(List<ContainerInfo> containers, List<String> containerIdsSeen, List<UserInfo> users,
      List<GroupInfo> groups, List<InterfaceInfo> interfaces, SectionHeader header, MachineInfo machine,
      long events, Long firstTs, Long lastTs, String dialect, String warning) {}

  // ---------------------------------------------------------------- writing

  /** Writes an entity file row by row; {@link #finish} makes it whole. */
  public static final class Writer implements Closeable {
    private final FileChannel ch;
    private long position;
    private final Rows[] open = new Rows[TABLES.size()];
    private final List<List<Block>> blocks = new ArrayList<>();
    private final long[] rows = new long[TABLES.size()];

    /** Starts {@code file} (a temporary file of the caller's: its contents are replaced). */
    public Writer(Path file) throws IOException {
      ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING);
      write(ByteBuffer.wrap(MAGIC));
      for (int t = 0; t < TABLES.size(); t++) {
        open[t] = new Rows(t);
        blocks.add(new ArrayList<>());
      }
    }

    private void write(ByteBuffer b) throws IOException {
      while (b.hasRemaining()) {
        position += ch.write(b);
      }
    }

    /** Appends a row (every column, in the table's order) to table {@code table}. */
    public void add(int table, Object[] row) throws IOException {
      Rows r = open[table];
      r.add(row);
      rows[table]++;
      if (r.rows >= blockRows || r.out.size >= BLOCK_BYTES) {
        flush(table);
      }
    }

    private void flush(int table) throws IOException {
      Rows r = open[table];
      if (r.rows == 0) {
        return;
      }
      r.out.raw(END);
      CRC32C crc = new CRC32C();
      crc.update(r.out.buf, 0, r.out.size);
      blocks.get(table).add(new Block(position, r.out.size, r.rows, (int) crc.getValue()));
      write(ByteBuffer.wrap(r.out.buf, 0, r.out.size));
      open[table] = new Rows(table);
    }

    /** Rows added to {@code table} so far. */
    public long rows(int table) {
      return rows[table];
    }

    /** Writes the last blocks, the facts and the trailer; the file is whole once this returns. */
    public void finish(String key, Facts facts) throws IOException {
      for (int t = 0; t < TABLES.size(); t++) {
        flush(t);
      }
      Out body = new Out();
      body.string(key);
      encodeFacts(body, facts);
      for (int t = 0; t < TABLES.size(); t++) {
        body.count(TABLES.get(t).size());
        body.count(rows[t]);
        body.count(blocks.get(t).size());
        for (Block b : blocks.get(t)) {
          body.count(b.offset());
          body.count(b.length());
          body.count(b.rows());
          body.raw(b.crc());
        }
      }
      body.raw(END);
      Out head = new Out();
      head.raw(FORMAT);
      head.count(body.strings.size());
      for (String s : body.strings) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        head.count(b.length);
        head.put(b);
      }
      head.put(Arrays.copyOf(body.buf, body.size));
      CRC32C crc = new CRC32C();
      crc.update(head.buf, 0, head.size);
      long tailAt = position;
      write(ByteBuffer.wrap(head.buf, 0, head.size));
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
      trailer.putLong(tailAt).putLong(head.size).putInt((int) crc.getValue()).put(END_MARK).flip();
      write(trailer);
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }

  /** The open block of one table: its bytes so far, and what its next row's cells are coded against. */
  private static final class Rows {
    final Out out = new Out();
    final boolean[] stored;
    final long[] previous;
    int rows;

    Rows(int table) {
      stored = stored(table);
      previous = new long[stored.length];
    }

    void add(Object[] r) {
      if (r.length != stored.length) {
        throw new IllegalArgumentException("a row of " + r.length + " values, expected " + stored.length);
      }
      for (int c = 0; c < stored.length; c++) {
        if (!stored[c]) {
          continue;
        }
        Object v = r[c];
        if (v instanceof Long l) {
          if (c > 0 && r[c - 1] instanceof Long nanos && l == Times.millis(nanos.longValue())) {
            out.count(MILLIS);
          } else {
            long z = zigzag(l - previous[c]);
            if (z >>> 60 == 0) {
              out.count(z << 3 | LONG);
            } else {
              out.count(WIDE);
              out.count(z);
            }
            previous[c] = l;
          }
        } else if (v instanceof String s) {
          Integer code = out.codes.get(s);
          if (code == null) {
            out.codes.put(s, out.codes.size());
            out.count(STRING);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.count(b.length);
            out.put(b);
          } else {
            out.count((code + 1L) << 3 | STRING);
          }
        } else if (v == null) {
          out.count(NULL);
        } else if (v instanceof Integer i) {
          out.count(zigzag(i) << 3 | INT);
        } else if (v instanceof Boolean b) {
          out.count(b ? TRUE : FALSE);
        } else {
          throw new IllegalArgumentException("an entity file cannot hold a " + v.getClass().getSimpleName());
        }
      }
      rows++;
    }
  }

  private static void encodeFacts(Out body, Facts e) {
    body.longValue(e.events());
    body.nullableLong(e.firstTs());
    body.nullableLong(e.lastTs());
    body.string(e.dialect());
    body.string(e.warning());
    SectionHeader h = e.header();
    body.bool(h != null);
    if (h != null) {
      body.longValue(h.majorVersion());
      body.longValue(h.minorVersion());
      body.longValue(h.sectionLength());
      body.bool(h.byteOrder() == ByteOrder.BIG_ENDIAN);
      body.longValue(h.offset());
    }
    MachineInfo m = e.machine();
    body.bool(m != null);
    if (m != null) {
      body.longValue(m.numCpus());
      body.longValue(m.memorySizeBytes());
      body.longValue(m.maxPid());
      body.string(m.hostname());
      body.longValue(m.bootTimeEpochNanos());
      body.longValue(m.flags());
    }
    body.count(e.interfaces().size());
    for (InterfaceInfo i : e.interfaces()) {
      body.string(i.name());
      body.longValue(i.family());
      body.bytes(i.address());
      body.bytes(i.netmask());
      body.bytes(i.broadcast());
      body.longValue(i.linkSpeed());
    }
    body.count(e.users().size());
    for (UserInfo u : e.users()) {
      body.longValue(u.uid());
      body.longValue(u.gid());
      body.string(u.name());
      body.string(u.homedir());
      body.string(u.shell());
      body.string(u.containerId());
    }
    body.count(e.groups().size());
    for (GroupInfo g : e.groups()) {
      body.longValue(g.gid());
      body.string(g.name());
      body.string(g.containerId());
    }
    body.count(e.containers().size());
    for (ContainerInfo c : e.containers()) {
      body.string(c.id());
      body.string(c.name());
      body.string(c.image());
      body.longValue(c.type());
      body.string(c.ip());
    }
    body.count(e.containerIdsSeen().size());
    for (String id : e.containerIdsSeen()) {
      body.string(id);
    }
  }

  /** A growing buffer of tagged values, with the table of the strings it refers to. */
  private static final class Out {
    byte[] buf = new byte[1 << 12];
    int size;
    final Map<String, Integer> codes = new HashMap<>();
    final List<String> strings = new ArrayList<>();

    private void room(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    void put(byte[] b) {
      room(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
    }

    void tag(int t) {
      room(1);
      buf[size++] = (byte) t;
    }

    void raw(int v) {
      room(4);
      for (int i = 0; i < 4; i++) {
        buf[size++] = (byte) (v >>> (8 * i));
      }
    }

    /** An unsigned number in 7-bit groups, low first. */
    void count(long v) {
      room(10);
      while ((v & ~0x7FL) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    void longValue(long v) {
      count(zigzag(v));
    }

    void nullableLong(Long v) {
      if (v == null) {
        tag(NULL);
      } else {
        tag(LONG);
        longValue(v);
      }
    }

    void bool(boolean b) {
      tag(b ? TRUE : FALSE);
    }

    /** A string of the facts as 0 (null) or its place in the tail's string table plus one. */
    void string(String s) {
      if (s == null) {
        count(0);
        return;
      }
      Integer code = codes.get(s);
      if (code == null) {
        code = strings.size();
        codes.put(s, code);
        strings.add(s);
      }
      count(code + 1L);
    }

    void bytes(byte[] b) {
      if (b == null) {
        count(0);
        return;
      }
      count(b.length + 1L);
      put(b);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * The entities in {@code file}, read through {@code ch} (which the result keeps: the
   * rows are read from it when a query asks for them), for the capture now named
   * {@code capture}. Every CRC is checked first; any inconsistency (format number,
   * key, a bad tag, a block outside the file, a table of the wrong width) is an
   * {@link IOException}.
   */
  static Entities read(FileChannel ch, String key, String capture) throws IOException {
    try {
      long size = ch.size();
      if (size < MAGIC.length + TRAILER) {
        throw new IOException("bad size " + size);
      }
      ByteBuffer magic = readAt(ch, 0, MAGIC.length);
      if (!Arrays.equals(magic.array(), MAGIC)) {
        throw new IOException("not a scapsql entity file");
      }
      ByteBuffer t = readAt(ch, size - TRAILER, TRAILER).order(ByteOrder.LITTLE_ENDIAN);
      long tailAt = t.getLong();
      long tailLength = t.getLong();
      int tailCrc = t.getInt();
      byte[] end = new byte[END_MARK.length];
      t.get(end);
      if (!Arrays.equals(end, END_MARK) || tailAt < MAGIC.length || tailLength < 0
          || tailAt + tailLength != size - TRAILER || tailLength > Integer.MAX_VALUE - 16) {
        throw new IOException("bad trailer (an unfinished or damaged file)");
      }
      ByteBuffer tail = readAt(ch, tailAt, (int) tailLength).order(ByteOrder.LITTLE_ENDIAN);
      CRC32C crc = new CRC32C();
      crc.update(tail.duplicate());
      if ((int) crc.getValue() != tailCrc) {
        throw new IOException("checksum mismatch in the tail");
      }
      In in = new In(tail);
      int format = in.raw();
      if (format != FORMAT) {
        throw new IOException("entity format " + format + ", this scapsql reads " + FORMAT);
      }
      int ns = in.count();
      String[] strings = new String[ns];
      for (int i = 0; i < ns; i++) {
        strings[i] = new String(in.take(in.count()), StandardCharsets.UTF_8);
      }
      in.strings = strings;
      if (!key.equals(in.string())) {
        throw new IOException("written for another capture or build");
      }
      Facts facts = decodeFacts(in);
      List<List<Block>> blocks = new ArrayList<>();
      long[] rows = new long[TABLES.size()];
      for (int table = 0; table < TABLES.size(); table++) {
        int width = in.count();
        if (width != TABLES.get(table).size()) {
          throw new IOException("a table of " + width + " columns, expected " + TABLES.get(table).size());
        }
        rows[table] = in.countLong();
        List<Block> list = new ArrayList<>();
        long sum = 0;
        for (int n = in.count(); n > 0; n--) {
          Block b = new Block(in.countLong(), in.count(), in.count(), in.raw());
          // Each row takes a byte at least: a count past that is damage, not a reason to allocate.
          if (b.offset() < MAGIC.length || b.offset() + b.length() > tailAt || b.rows() > b.length()) {
            throw new IOException("bad block of " + b.rows() + " rows at " + b.offset());
          }
          sum += b.rows();
          list.add(b);
        }
        if (sum != rows[table]) {
          throw new IOException("a table of " + rows[table] + " rows in blocks of " + sum);
        }
        blocks.add(list);
      }
      if (in.raw() != END || in.b.hasRemaining()) {
        throw new IOException("bad end of the tail");
      }
      verify(ch, blocks);
      RowContext context = new RowContext(facts);
      List<EntityRows> tables = new ArrayList<>();
      for (int table = 0; table < TABLES.size(); table++) {
        tables.add(new EntityRows(new BlockSource(ch, table, blocks.get(table), capture, context), rows[table]));
      }
      context.processes(tables.get(PROCESSES));
      return new Entities(capture, tables.get(PROCESSES), tables.get(THREADS), tables.get(FDS),
          tables.get(CONNECTIONS), facts);
    } catch (RuntimeException bad) {
      throw new IOException("damaged entity tables: " + bad, bad);
    }
  }

  /** Checks every block's CRC, reading the file once in order. */
  private static void verify(FileChannel ch, List<List<Block>> tables) throws IOException {
    List<Block> all = new ArrayList<>();
    tables.forEach(all::addAll);
    all.sort((a, b) -> Long.compare(a.offset(), b.offset()));
    ByteBuffer buf = ByteBuffer.allocate(BLOCK_BYTES + (1 << 16));
    CRC32C crc = new CRC32C();
    for (Block b : all) {
      if (b.length() > buf.capacity()) {
        buf = ByteBuffer.allocate(b.length());
      }
      buf.clear().limit(b.length());
      fill(ch, buf, b.offset());
      buf.flip();
      crc.reset();
      crc.update(buf);
      if ((int) crc.getValue() != b.crc()) {
        throw new IOException("checksum mismatch in the block at " + b.offset());
      }
    }
  }

  private static ByteBuffer readAt(FileChannel ch, long at, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    fill(ch, b, at);
    b.flip();
    return b;
  }

  private static void fill(FileChannel ch, ByteBuffer b, long at) throws IOException {
    long p = at;
    while (b.hasRemaining()) {
      int n = ch.read(b, p);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + p);
      }
      p += n;
    }
  }

  private static Facts decodeFacts(In in) throws IOException {
    long events = in.varlong();
    Long first = in.nullableLong();
    Long last = in.nullableLong();
    String dialect = in.string();
    String warning = in.string();
    SectionHeader header = null;
    if (in.bool()) {
      header = new SectionHeader((int) in.varlong(), (int) in.varlong(), in.varlong(),
          in.bool() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, in.varlong());
    }
    MachineInfo machine = null;
    if (in.bool()) {
      machine = new MachineInfo((int) in.varlong(), in.varlong(), in.varlong(), in.string(), in.varlong(),
          in.varlong());
    }
    List<InterfaceInfo> interfaces = new ArrayList<>();
    for (int i = in.count(); i > 0; i--) {
      interfaces.add(new InterfaceInfo(in.string(), (int) in.varlong(), in.bytes(), in.bytes(), in.bytes(),
          in.varlong()));
    }
    List<UserInfo> users = new ArrayList<>();
    for (int i = in.count(); i > 0; i--) {
      users.add(new UserInfo(in.varlong(), in.varlong(), in.string(), in.string(), in.string(), in.string()));
    }
    List<GroupInfo> groups = new ArrayList<>();
    for (int i = in.count(); i > 0; i--) {
      groups.add(new GroupInfo(in.varlong(), in.string(), in.string()));
    }
    List<ContainerInfo> containers = new ArrayList<>();
    for (int i = in.count(); i > 0; i--) {
      containers.add(new ContainerInfo(in.string(), in.string(), in.string(), (int) in.varlong(), in.string()));
    }
    List<String> seen = new ArrayList<>();
    for (int i = in.count(); i > 0; i--) {
      seen.add(in.string());
    }
    return new Facts(containers, seen, users, groups, interfaces, header, machine, events, first, last, dialect,
        warning);
  }

  /** The rows of one table of an open file, block after block; each block is read when reached. */
  static final class BlockSource implements EntityRows.Source {
    private final FileChannel ch;
    private final int table;
    private final List<Block> blocks;
    private final String capture;
    private final RowContext context;
    private final boolean[] stored;
    private final int captureAt;

    BlockSource(FileChannel ch, int table, List<Block> blocks, String capture, RowContext context) {
      this.ch = ch;
      this.table = table;
      this.blocks = blocks;
      this.capture = capture;
      this.context = context;
      this.stored = stored(table);
      this.captureAt = captureColumn(table);
    }

    @Override
    public java.util.Iterator<Object[]> iterator() {
      return new java.util.Iterator<>() {
        private int next;
        private In in;
        private long[] previous;
        private List<String> strings;
        private int left;

        @Override
        public boolean hasNext() {
          while (left == 0) {
            if (in != null) {
              end();
            }
            if (next >= blocks.size()) {
              return false;
            }
            open(blocks.get(next++));
          }
          return true;
        }

        @Override
        public Object[] next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          try {
            Object[] row = decodeRow(in, stored, captureAt, capture, previous, strings);
            left--;
            context.settle(table, row);
            return row;
          } catch (IOException | RuntimeException e) {
            throw broken(e);
          }
        }

        private void open(Block b) {
          try {
            in = new In(readAt(ch, b.offset(), b.length()).order(ByteOrder.LITTLE_ENDIAN));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException("the entity tables of " + capture + " could not be read: "
                + e.getMessage(), e);
          }
          previous = new long[stored.length];
          strings = new ArrayList<>();
          left = b.rows();
        }

        private void end() {
          try {
            if (in.raw() != END || in.b.hasRemaining()) {
              throw new IOException("bad end of a block");
            }
          } catch (IOException | RuntimeException e) {
            throw broken(e);
          }
          in = null;
        }
      };
    }

    /**
     * The CRCs were checked at open, so decoding meets exactly the bytes the writer
     * wrote; if it still fails (a writer's bug), the query fails with the reason rather
     * than answering from half a table.
     */
    private IllegalStateException broken(Exception e) {
      return new IllegalStateException("the entity cache of " + capture + " does not decode (" + e.getMessage()
          + "); run with -Dscapsql.columnCache=off, or delete the cache directory's columns folder", e);
    }
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** One row: a method of its own, called once a row, so that it is compiled early. */
  private static Object[] decodeRow(In in, boolean[] stored, int captureAt, String capture, long[] previous,
      List<String> strings) throws IOException {
    Object[] r = new Object[stored.length];
    for (int c = 0; c < stored.length; c++) {
      if (!stored[c]) {
        continue;
      }
      long v = in.countLong();
      long payload = v >>> 3;
      switch ((int) v & 7) {
        case LONG:
          previous[c] += unzigzag(payload);
          r[c] = previous[c];
          break;
        case WIDE:
          previous[c] += unzigzag(in.countLong());
          r[c] = previous[c];
          break;
        case MILLIS:
          if (c == 0 || !(r[c - 1] instanceof Long nanos)) {
            throw new IOException("milliseconds of no time");
          }
          r[c] = Times.millis(nanos.longValue());
          break;
        case STRING:
          if (payload == 0) {
            String s = new String(in.take(in.count()), StandardCharsets.UTF_8);
            strings.add(s);
            r[c] = s;
          } else if (payload > strings.size()) {
            throw new IOException("bad string " + payload);
          } else {
            r[c] = strings.get((int) payload - 1);
          }
          break;
        case INT:
          r[c] = (int) unzigzag(payload);
          break;
        case NULL:
          r[c] = null;
          break;
        case TRUE:
          r[c] = Boolean.TRUE;
          break;
        case FALSE:
          r[c] = Boolean.FALSE;
          break;
        default:
          throw new IOException("bad cell " + v);
      }
    }
    if (captureAt >= 0) {
      r[captureAt] = capture;
    }
    return r;
  }

  /** Where a table's {@code capture} column is, or -1. */
  static int captureColumn(int table) {
    List<? extends EntityColumns.Column<?>> columns = TABLES.get(table);
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).name().equals("capture")) {
        return c;
      }
    }
    return -1;
  }

  /** Reads what {@link Out} wrote; running past the end throws (BufferUnderflowException). */
  private static final class In {
    final ByteBuffer b;
    String[] strings;

    In(ByteBuffer b) {
      this.b = b;
    }

    int raw() {
      return b.getInt();
    }

    int tag() {
      return b.get();
    }

    long countLong() throws IOException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte x = b.get();
        v |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          return v;
        }
      }
      throw new IOException("bad number");
    }

    int count() throws IOException {
      long v = countLong();
      if (v > Integer.MAX_VALUE) {
        throw new IOException("bad count " + v);
      }
      return (int) v;
    }

    long varlong() throws IOException {
      return unzigzag(countLong());
    }

    Long nullableLong() throws IOException {
      int tag = tag();
      if (tag == NULL) {
        return null;
      }
      if (tag != LONG) {
        throw new IOException("bad tag " + tag);
      }
      return varlong();
    }

    boolean bool() throws IOException {
      int tag = tag();
      if (tag != TRUE && tag != FALSE) {
        throw new IOException("bad tag " + tag);
      }
      return tag == TRUE;
    }

    String string() throws IOException {
      int code = count();
      if (code > strings.length) {
        throw new IOException("bad string " + code);
      }
      return code == 0 ? null : strings[code - 1];
    }

    byte[] take(int n) throws IOException {
      if (n > b.remaining()) {
        throw new IOException("bad length " + n);
      }
      byte[] out = new byte[n];
      b.get(out);
      return out;
    }

    byte[] bytes() throws IOException {
      int n = count();
      return n == 0 ? null : take(n - 1);
    }
  }
}
