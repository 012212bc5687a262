package org.scapsql.writer;

import java.util.List;
import org.scapsql.reader.BlockType;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.EventInfo;
import org.scapsql.reader.EventTable;
import org.scapsql.reader.ParamInfo;
import org.scapsql.reader.ParamType;

/**
 * Encodes events as EV_V2 blocks (26-byte header, 16-bit parameter lengths)
 * into a {@link BlockBuffer}:
 *
 * <pre>{@code
 * enc.begin(7, 2, ts, tid, cpu).i64(res).bytes(data, 0, n).end();
 * }</pre>
 *
 * Each parameter is checked against the event table as it is written: the
 * value must have the width of the parameter's type, strings go only where
 * the table has a string, tuples only where it has a tuple. A capture that a
 * reader decodes with the wrong widths is garbage from that event on, so the
 * encoder refuses instead. An event may carry fewer parameters than the table
 * lists (older drivers wrote a prefix of today's layout), never more.
 *
 * <p>By default only ids that sysdig 0.29.3 knows (below 336) are accepted, so
 * that everything written stays readable by the reference reader.
 */
public final class EventEncoder {
  /** Size of the EV_V2 event header. */
  public static final int HEADER_SIZE = 26;
  /** Largest body of an event block that is not a LARGE block. */
  public static final int MAX_BLOCK_BODY = 65536;

  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;

  // Parameter kinds; positive values are fixed widths in bytes.
  private static final int STRING = -1;
  private static final int TUPLE = -2;
  private static final int SOCKADDR = -3;
  private static final int OTHER_VARIABLE = -4;

  private static volatile int[][] standardKinds;

  private BlockBuffer out;
  private final EventTable table;
  private final int[][] kinds;
  private final int maxId;

  private boolean open;
  private int blockStart;
  private int eventStart;
  private int lengths;
  private int type;
  /** The parameter kinds of the current event's type. */
  private int[] row;
  private int nparams;
  private int index;
  private long encoded;
  private long encodedBytes;

  /** An encoder limited to the ids sysdig 0.29.3 reads. */
  public EventEncoder(BlockBuffer out) {
    this(out, Dialect.SYSDIG_0_29_EVENT_MAX);
  }

  /** An encoder for ids below {@code maxEventId} (at most the table's size). */
  public EventEncoder(BlockBuffer out, int maxEventId) {
    if (out == null) {
      throw new IllegalArgumentException("the encoder needs a buffer");
    }
    this.out = out;
    this.table = EventTable.standard();
    if (maxEventId < 1 || maxEventId > table.size()) {
      throw new IllegalArgumentException("maxEventId must be between 1 and " + table.size() + ", not " + maxEventId);
    }
    this.maxId = maxEventId;
    this.kinds = kinds(table);
  }

  private static int[][] kinds(EventTable table) {
    int[][] k = standardKinds;
    if (k == null) {
      k = new int[table.size()][];
      for (int id = 0; id < k.length; id++) {
        EventInfo info = table.get(id);
        if (info.has(EventInfo.EF_UNUSED) || info.largePayload()) {
          // Not writable: begin() explains why.
          continue;
        }
        List<ParamInfo> params = info.params();
        int[] row = new int[params.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = kind(params.get(i).type());
        }
        k[id] = row;
      }
      standardKinds = k;
    }
    return k;
  }

  private static int kind(ParamType t) {
    int fixed = t.fixedSize();
    if (fixed > 0) {
      return fixed;
    }
    switch (t) {
      case CHARBUF: case FSPATH: case FSRELPATH:
        return STRING;
      case SOCKTUPLE:
        return TUPLE;
      case SOCKADDR:
        return SOCKADDR;
      default:
        return OTHER_VARIABLE;
    }
  }

  /** The buffer events are encoded into. */
  public BlockBuffer buffer() {
    return out;
  }

  /**
   * Points the encoder at another buffer, so that one encoder (and its
   * counters) can serve many staging buffers.
   */
  public EventEncoder into(BlockBuffer b) {
    if (open) {
      throw new IllegalStateException("cannot change buffers in the middle of event type " + type);
    }
    if (b == null) {
      throw new IllegalArgumentException("the encoder needs a buffer");
    }
    out = b;
    return this;
  }

  /** Bytes of the event blocks completed so far, over all buffers. */
  public long encodedBytes() {
    return encodedBytes;
  }

  /** Events completed so far. */
  public long encoded() {
    return encoded;
  }

  /**
   * Starts an event block. {@code nparams} is the number of parameters that
   * will follow (at most the table's count for this id).
   */
  public EventEncoder begin(int type, int nparams, long ts, long tid, int cpu) {
    if (open) {
      abort();
      throw new IllegalStateException("event type " + this.type + " was not ended before event type " + type
          + " began");
    }
    if (type < 0 || type >= maxId) {
      throw new IllegalArgumentException("event type id " + type + " is outside the ids this encoder writes (0.."
          + (maxId - 1) + ")");
    }
    int[] row = kinds[type];
    if (row == null || nparams < 0 || nparams > row.length) {
      EventInfo info = table.get(type);
      if (info.has(EventInfo.EF_UNUSED)) {
        throw new IllegalArgumentException("event type id " + type + " is an unused slot of the event table");
      }
      if (info.largePayload()) {
        throw new IllegalArgumentException("event type " + type + " (" + info.name()
            + ") needs 32-bit parameter lengths, which this encoder does not write");
      }
      throw new IllegalArgumentException("event type " + type + " (" + info.name() + ") has " + info.nparams()
          + " parameters in the event table; cannot write " + nparams);
    }
    if (cpu < 0 || cpu > 0xFFFF) {
      throw new IllegalArgumentException("cpu " + cpu + " does not fit 16 bits");
    }
    int start = out.position();
    // Every slot of the length array is written by its parameter (empty() writes 0), the
    // block and event lengths by end(): reserve the whole header at once.
    out.skip(8 + 2 + HEADER_SIZE + 2 * nparams);
    blockStart = start;
    out.setU32(start, BlockType.EV_V2);
    out.setU16(start + 8, cpu);
    eventStart = start + 10;
    out.setU64(eventStart, ts);
    out.setU64(eventStart + 8, tid);
    out.setU16(eventStart + 20, type);
    out.setU32(eventStart + 22, nparams);
    lengths = eventStart + HEADER_SIZE;
    this.type = type;
    this.row = row;
    this.nparams = nparams;
    this.index = 0;
    this.open = true;
    return this;
  }

  /** Claims the next parameter slot for a value of the given kind; returns its index. */
  private int next(int kind) {
    if (!open) {
      throw new IllegalStateException("no event has begun");
    }
    int i = index;
    if (i >= nparams) {
      abort();
      throw new IllegalStateException("event type " + type + " was begun with " + nparams
          + " parameters; cannot write another");
    }
    int k = row[i];
    boolean ok = k == kind || (kind == OTHER_VARIABLE && k < 0);
    if (!ok) {
      abort();
      throw new IllegalArgumentException("event type " + type + " (" + table.get(type).name() + ") parameter " + i
          + " (" + table.get(type).params().get(i).name() + ", " + table.get(type).params().get(i).type() + ") "
          + "cannot hold " + describe(kind));
    }
    index = i + 1;
    return i;
  }

  private static String describe(int kind) {
    switch (kind) {
      case STRING: return "a string";
      case TUPLE: return "a socket tuple";
      case SOCKADDR: return "a socket address";
      case OTHER_VARIABLE: return "variable-length bytes";
      default: return "a " + kind + "-byte value";
    }
  }

  private void length(int i, int len) {
    if (len > 0xFFFF) {
      abort();
      throw new IllegalArgumentException("parameter " + i + " of event type " + type + " is " + len
          + " bytes; 16-bit lengths allow at most 65535");
    }
    out.setU16(lengths + 2 * i, len);
  }

  public EventEncoder u8(int v) {
    length(next(1), 1);
    out.u8(v);
    return this;
  }

  public EventEncoder u16(int v) {
    length(next(2), 2);
    out.u16(v);
    return this;
  }

  /** Any 4-byte parameter (signed or unsigned integers, flags, uid/gid, modes). */
  public EventEncoder u32(int v) {
    length(next(4), 4);
    out.u32(v);
    return this;
  }

  /** Any 8-byte parameter (fds, pids, errno results, 64-bit integers, times). */
  public EventEncoder i64(long v) {
    length(next(8), 8);
    out.u64(v);
    return this;
  }

  /** A string parameter; the terminating NUL is added and counted in the length. */
  public EventEncoder str(byte[] s) {
    return str(s, 0, s.length);
  }

  public EventEncoder str(byte[] s, int off, int len) {
    int i = next(STRING);
    length(i, len + 1);
    out.bytes(s, off, len);
    out.u8(0);
    return this;
  }

  /** Raw bytes for any variable-length parameter (data buffers, NUL-separated lists, fd lists). */
  public EventEncoder bytes(byte[] b, int off, int len) {
    int i = next(OTHER_VARIABLE);
    length(i, len);
    out.bytes(b, off, len);
    return this;
  }

  /** A length-0 parameter: "absent" in any position. */
  public EventEncoder empty() {
    if (!open) {
      throw new IllegalStateException("no event has begun");
    }
    if (index >= nparams) {
      abort();
      throw new IllegalStateException("event type " + type + " was begun with " + nparams
          + " parameters; cannot write another");
    }
    out.setU16(lengths + 2 * index, 0);
    index++;
    return this;
  }

  /** An IPv4 socket tuple: addresses are 4 network-order bytes, ports are numbers. */
  public EventEncoder tuple4(byte[] sip, int sport, byte[] dip, int dport) {
    int i = next(TUPLE);
    checkAddress(sip, 4);
    checkAddress(dip, 4);
    length(i, 13);
    out.u8(AF_INET);
    out.bytes(sip, 0, 4);
    out.u16(sport);
    out.bytes(dip, 0, 4);
    out.u16(dport);
    return this;
  }

  /** An IPv6 socket tuple: addresses are 16 network-order bytes. */
  public EventEncoder tuple6(byte[] sip, int sport, byte[] dip, int dport) {
    int i = next(TUPLE);
    checkAddress(sip, 16);
    checkAddress(dip, 16);
    length(i, 37);
    out.u8(AF_INET6);
    out.bytes(sip, 0, 16);
    out.u16(sport);
    out.bytes(dip, 0, 16);
    out.u16(dport);
    return this;
  }

  /** An IPv4 socket address. */
  public EventEncoder sockaddr4(byte[] ip, int port) {
    int i = next(SOCKADDR);
    checkAddress(ip, 4);
    length(i, 7);
    out.u8(AF_INET);
    out.bytes(ip, 0, 4);
    out.u16(port);
    return this;
  }

  /** A poll-style fd list: {@code count} pairs of fd and {@code PPM_POLL*} flags. */
  public EventEncoder fdList(long[] fds, int[] flags, int count) {
    int i = next(OTHER_VARIABLE);
    if (count < 0 || count > fds.length || count > flags.length) {
      abort();
      throw new IllegalArgumentException("fd list of " + count + " entries does not match its arrays");
    }
    length(i, 2 + 10 * count);
    out.u16(count);
    for (int k = 0; k < count; k++) {
      out.u64(fds[k]);
      out.u16(flags[k]);
    }
    return this;
  }

  private void checkAddress(byte[] a, int n) {
    if (a == null || a.length != n) {
      abort();
      throw new IllegalArgumentException("address must be " + n + " bytes, not " + (a == null ? "null" : a.length));
    }
  }

  /** Completes the block (length, padding, trailer); returns its total length. */
  public int end() {
    if (!open) {
      throw new IllegalStateException("no event has begun");
    }
    if (index != nparams) {
      abort();
      throw new IllegalStateException("event type " + type + " was begun with " + nparams + " parameters but "
          + index + " were written");
    }
    int eventLength = out.position() - eventStart;
    out.setU32(eventStart + 16, eventLength);
    out.pad4();
    out.u32(0);
    int blockLength = out.position() - blockStart;
    if (blockLength - 8 > MAX_BLOCK_BODY) {
      abort();
      throw new IllegalArgumentException("event type " + type + " needs a block of " + blockLength
          + " bytes; event blocks that are not LARGE hold at most " + MAX_BLOCK_BODY + " bytes of body");
    }
    out.setU32(blockStart + 4, blockLength);
    out.setU32(out.position() - 4, blockLength);
    open = false;
    encoded++;
    encodedBytes += blockLength;
    return blockLength;
  }

  /** Throws away a half-written event so the buffer holds only whole blocks. */
  public void abort() {
    if (open) {
      out.truncate(blockStart);
      open = false;
    }
  }

  public boolean isOpen() {
    return open;
  }
}
