package org.scapsql.adapter.entity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicLong;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.MachineInfo;
import org.scapsql.reader.SectionHeader;
import org.scapsql.reader.UserInfo;
import org.scapsql.state.ContainerInfo;

/**
 * The entity tables of a capture as the payload of its {@code .ents} file in the column
 * cache ({@link org.scapsql.adapter.cache.ColumnCache} frames, checks and places it).
 * What is stored are the finished rows of {@code processes}, {@code threads}, {@code fds}
 * and {@code connections} and the records the small tables are made of, so a file gives
 * back exactly what the pass gave, with no rule applied twice.
 *
 * <p>Layout: a format number, a table of the distinct strings (each stored once: a
 * capture's rows repeat a few hundred names), the capture's facts, the small records,
 * then each row table as a section of its own (rows, width, length), row by row inside
 * it; a section is decoded when a query first reads its table. A cell is one
 * variable-length number: a tag (null, long, int, string, true, false, milliseconds) in
 * its low three bits and the value above them. A long is stored as its difference from
 * the previous row's long in its column, so times and ids that grow row by row take a byte or
 * three, and a TIMESTAMP twin that is its nanosecond column in milliseconds (every one
 * of them) takes the tag alone. The {@code capture} column is not stored: it is the name
 * the capture is opened under now, as on the events scan.
 */
public final class EntityFile {
  /** Bumped whenever the payload's layout changes; other numbers are rejected and rebuilt. */
  static final int FORMAT = 1;

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

  /** Entities read back from a file so far (tests and the bench: whether the pass was skipped). */
  static final AtomicLong LOADS = new AtomicLong();

  private EntityFile() {}

  /** How many times a capture's entities came from its file rather than a pass. */
  public static long loads() {
    return LOADS.get();
  }

  /** The column of each row table that is not stored (the capture's name). */
  private static int captureColumn(List<? extends EntityColumns.Column<?>> columns) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals("capture")) {
        return i;
      }
    }
    return -1;
  }

  private static final List<List<? extends EntityColumns.Column<?>>> TABLES = List.of(EntityColumns.PROCESSES,
      EntityColumns.THREADS, EntityColumns.FDS, EntityColumns.CONNECTIONS);

  private static List<List<Object[]>> tables(Entities e) {
    return List.of(e.processes(), e.threads(), e.fds(), e.connections());
  }

  // ---------------------------------------------------------------- writing

  /** The payload for {@code e}. */
  public static byte[] encode(Entities e) {
    Out body = new Out();
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
    }
    body.count(e.containerIdsSeen().size());
    for (String id : e.containerIdsSeen()) {
      body.string(id);
    }
    List<List<Object[]>> rows = tables(e);
    for (int t = 0; t < TABLES.size(); t++) {
      List<Object[]> table = rows.get(t);
      int width = TABLES.get(t).size();
      int skip = captureColumn(TABLES.get(t));
      Out section = new Out(body);
      long[] previous = new long[width];
      for (Object[] r : table) {
        if (r.length != width) {
          throw new IllegalArgumentException("a row of " + r.length + " values, expected " + width);
        }
        for (int c = 0; c < width; c++) {
          Object v = r[c];
          if (c == skip) {
            continue;
          } else if (v instanceof Long l) {
            if (c > 0 && r[c - 1] instanceof Long nanos && l == Times.millis(nanos.longValue())) {
              section.count(MILLIS);
            } else {
              long z = zigzag(l - previous[c]);
              if (z >>> 60 == 0) {
                section.count(z << 3 | LONG);
              } else {
                section.count(WIDE);
                section.count(z);
              }
              previous[c] = l;
            }
          } else {
            section.cell(v);
          }
        }
      }
      section.raw(END);
      body.count(table.size());
      body.count(width);
      body.count(section.size);
      body.put(Arrays.copyOf(section.buf, section.size));
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
    byte[] out = Arrays.copyOf(head.buf, head.size + body.size);
    System.arraycopy(body.buf, 0, out, head.size, body.size);
    return out;
  }

  /** A growing buffer of tagged values, with the table of the strings it refers to. */
  private static final class Out {
    byte[] buf = new byte[1 << 16];
    int size;
    final Map<String, Integer> codes;
    final List<String> strings;

    Out() {
      codes = new HashMap<>();
      strings = new ArrayList<>();
    }

    /** A buffer whose strings go into {@code shared}'s table. */
    Out(Out shared) {
      codes = shared.codes;
      strings = shared.strings;
    }

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

    /** A signed number, zigzag so that small negatives stay short. */
    void varlong(long v) {
      count(zigzag(v));
    }

    /**
     * A cell of a row table other than a long: its tag in the low three bits of one
     * number, with the string's code or the int above it (a cell is mostly one byte).
     */
    void cell(Object v) {
      if (v == null) {
        count(NULL);
      } else if (v instanceof Integer i) {
        count(zigzag(i) << 3 | INT);
      } else if (v instanceof String s) {
        count(code(s) << 3 | STRING);
      } else if (v instanceof Boolean b) {
        count(b ? TRUE : FALSE);
      } else {
        throw new IllegalArgumentException("an entity file cannot hold a " + v.getClass().getSimpleName());
      }
    }

    void longValue(long v) {
      varlong(v);
    }

    void nullableLong(Long v) {
      if (v == null) {
        tag(NULL);
      } else {
        tag(LONG);
        varlong(v);
      }
    }

    void bool(boolean b) {
      tag(b ? TRUE : FALSE);
    }

    /** A string as 0 (null) or its place in the string table plus one. */
    void string(String s) {
      if (s == null) {
        count(0);
        return;
      }
      count(code(s) + 1L);
    }

    long code(String s) {
      Integer code = codes.get(s);
      if (code == null) {
        code = strings.size();
        codes.put(s, code);
        strings.add(s);
      }
      return code;
    }

    void bytes(byte[] b) {
      if (b == null) {
        count(0);
        return;
      }
      count(b.length + 1L);
      put(b);
    }

    void count(int n) {
      count((long) n);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * The entities a payload holds, for the capture now named {@code capture}. Any
   * inconsistency (format number, a bad tag, a count past the end, a row table of the
   * wrong width) is an {@link IOException}: the file is then deleted and the pass run.
   */
  public static Entities decode(ByteBuffer payload, String capture) throws IOException {
    try {
      In in = new In(payload.duplicate().order(ByteOrder.LITTLE_ENDIAN));
      int format = in.raw();
      if (format != FORMAT) {
        throw new IOException("entity format " + format + ", this scapsql reads " + FORMAT);
      }
      int ns = in.count();
      String[] strings = new String[ns];
      for (int i = 0; i < ns; i++) {
        int n = in.count();
        strings[i] = new String(in.take(n), StandardCharsets.UTF_8);
      }
      in.strings = strings;
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
        containers.add(new ContainerInfo(in.string(), in.string(), in.string(), (int) in.varlong()));
      }
      List<String> seen = new ArrayList<>();
      for (int i = in.count(); i > 0; i--) {
        seen.add(in.string());
      }
      List<List<Object[]>> tables = new ArrayList<>();
      for (List<? extends EntityColumns.Column<?>> columns : TABLES) {
        int rows = in.count();
        int width = in.count();
        int length = in.count();
        if (width != columns.size()) {
          throw new IOException("a table of " + width + " columns, expected " + columns.size());
        }
        // Each value takes a byte at least: a count past that is damage, not a reason to allocate.
        if (length > in.b.remaining() || rows > length) {
          throw new IOException("bad table of " + rows + " rows in " + length + " bytes");
        }
        ByteBuffer section = in.b.slice(in.b.position(), length).order(ByteOrder.LITTLE_ENDIAN);
        in.b.position(in.b.position() + length);
        tables.add(new LazyRows(section, strings, rows, columns, capture));
      }
      if (in.raw() != END || in.b.hasRemaining()) {
        throw new IOException("bad end of entity tables");
      }
      LOADS.incrementAndGet();
      return new Entities(capture, tables.get(0), tables.get(1), tables.get(2), tables.get(3), containers, seen,
          users, groups, interfaces, header, machine, events, first, last, dialect, warning);
    } catch (RuntimeException bad) {
      throw new IOException("damaged entity tables: " + bad, bad);
    }
  }

  /**
   * The rows of one table, decoded when a query first reads them: a query on
   * {@code processes} does not pay for the {@code fds} it never reads. The whole file's
   * CRC was checked before this was made, so decoding meets exactly the bytes the writer
   * wrote; if it still fails (a writer's bug), the query fails with the reason rather
   * than answering from half a table.
   */
  private static final class LazyRows extends AbstractList<Object[]> implements RandomAccess {
    private final int rows;
    private final List<? extends EntityColumns.Column<?>> columns;
    private final String capture;
    private ByteBuffer section;
    private String[] strings;
    private volatile Object[][] decoded;

    LazyRows(ByteBuffer section, String[] strings, int rows, List<? extends EntityColumns.Column<?>> columns,
        String capture) {
      this.section = section;
      this.strings = strings;
      this.rows = rows;
      this.columns = columns;
      this.capture = capture;
    }

    @Override
    public int size() {
      return rows;
    }

    @Override
    public Object[] get(int index) {
      return table()[index];
    }

    private Object[][] table() {
      Object[][] t = decoded;
      if (t == null) {
        synchronized (this) {
          t = decoded;
          if (t == null) {
            try {
              t = decodeTable(new In(section, strings), rows, columns, capture);
            } catch (IOException | RuntimeException e) {
              throw new IllegalStateException("the entity cache of " + capture + " does not decode (" + e.getMessage()
                  + "); run with -Dscapsql.columnCache=off, or delete the cache directory's columns folder", e);
            }
            decoded = t;
            section = null;
            strings = null;
          }
        }
      }
      return t;
    }
  }

  private static Object[][] decodeTable(In in, int rows, List<? extends EntityColumns.Column<?>> columns,
      String capture) throws IOException {
    int width = columns.size();
    Object[][] table = new Object[rows][];
    int skip = captureColumn(columns);
    long[] previous = new long[width];
    for (int i = 0; i < rows; i++) {
      table[i] = decodeRow(in, width, skip, capture, previous);
    }
    if (in.raw() != END || in.b.hasRemaining()) {
      throw new IOException("bad end of a table");
    }
    return table;
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** One row: a method of its own, called once a row, so that it is compiled early. */
  private static Object[] decodeRow(In in, int width, int skip, String capture, long[] previous) throws IOException {
    Object[] r = new Object[width];
    String[] strings = in.strings;
    for (int c = 0; c < width; c++) {
      if (c == skip) {
        r[c] = capture;
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
          if (payload >= strings.length) {
            throw new IOException("bad string " + payload);
          }
          r[c] = strings[(int) payload];
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
    return r;
  }

  /** Reads what {@link Out} wrote; running past the end throws (BufferUnderflowException). */
  private static final class In {
    final ByteBuffer b;
    String[] strings;

    In(ByteBuffer b) {
      this.b = b;
    }

    In(ByteBuffer b, String[] strings) {
      this.b = b;
      this.strings = strings;
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
