package org.scapsql.reader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The current event of a {@link CaptureReader}: a view over the block buffer,
 * valid until the next call to {@code next()}. The header is decoded eagerly;
 * parameter values are read only when asked for, straight from the buffer.
 * Call {@link #copy()} to keep an event.
 */
public final class Event {
  /** Events never have more parameters than this (PPM_MAX_EVENT_PARAMS is 32; room for growth). */
  public static final int MAX_PARAMS = 64;

  /** EVF dump flag: apply to the state, do not show. */
  public static final int DF_STATE_ONLY = 1;

  private ByteBuffer bb;
  private long num;
  private long offset;
  private int blockType;
  private int cpu;
  private int dumpFlags;
  private long ts;
  private long tid;
  private int len;
  private int type;
  private int nparams;
  private EventInfo info;
  private final int[] poff = new int[MAX_PARAMS];
  private final int[] plen = new int[MAX_PARAMS];

  Event() {}

  /**
   * Decodes the header and parameter lengths of the event block at the front of
   * {@code buf}; returns false when the event type is not in {@code table} below
   * {@code maxId} (the caller skips it, as libscap does).
   */
  boolean decode(String file, long blockOffset, int btype, ByteBuffer buf, int blockLength, EventTable table,
      int maxId) throws CaptureFormatException {
    bb = buf;
    offset = blockOffset;
    blockType = btype;
    boolean withFlags = btype == BlockType.EVF || btype == BlockType.EVF_V2 || btype == BlockType.EVF_V2_LARGE;
    boolean v1 = btype == BlockType.EV || btype == BlockType.EVF;
    int headerSize = v1 ? 22 : 26;
    int bodyEnd = blockLength - 4;
    int p = 8;
    int prefix = withFlags ? 6 : 2;
    if (bodyEnd - p < prefix + headerSize) {
      throw new CaptureFormatException(file, blockOffset, "event block of " + blockLength
          + " bytes is too short for an event header");
    }
    cpu = buf.getShort(p) & 0xFFFF;
    dumpFlags = withFlags ? buf.getInt(p + 2) : 0;
    int base = p + prefix;
    ts = buf.getLong(base);
    tid = buf.getLong(base + 8);
    long elen = Integer.toUnsignedLong(buf.getInt(base + 16));
    type = buf.getShort(base + 20) & 0xFFFF;
    info = type < maxId ? table.get(type) : null;
    if (info == null) {
      return false;
    }
    int lenSize = info.largePayload() ? 4 : 2;
    if (v1 && (type == 280 || type == 286)) {
      // Old writers stored a length three bytes too large for these two types.
      elen -= 3;
    }
    if (elen < headerSize || elen > bodyEnd - base) {
      throw new CaptureFormatException(file, blockOffset + base + 16, "event length " + elen
          + " does not fit its block (header " + headerSize + " bytes, room " + (bodyEnd - base) + ")");
    }
    len = (int) elen;
    int n;
    if (v1) {
      n = recoverParamCount(file, buf, base, lenSize);
    } else {
      long declared = Integer.toUnsignedLong(buf.getInt(base + 22));
      if (declared > MAX_PARAMS || headerSize + declared * lenSize > len) {
        throw new CaptureFormatException(file, blockOffset + base + 22, "event of type " + type + " declares "
            + declared + " parameters, which do not fit its length of " + len);
      }
      n = (int) declared;
    }
    nparams = n;
    int arr = base + headerSize;
    int val = arr + n * lenSize;
    int end = base + len;
    for (int i = 0; i < n; i++) {
      int l = lenSize == 2 ? buf.getShort(arr + 2 * i) & 0xFFFF : buf.getInt(arr + 4 * i);
      if (l < 0 || l > end - val) {
        throw new CaptureFormatException(file, blockOffset + arr + i * lenSize, "parameter " + i + " of event type "
            + type + " (" + info.name() + ") declares " + Integer.toUnsignedLong(l) + " bytes but only "
            + (end - val) + " remain in the event");
      }
      poff[i] = val;
      plen[i] = l;
      val += l;
    }
    return true;
  }

  /** V1 headers have no parameter count: find the count whose lengths add up to the event length. */
  private int recoverParamCount(String file, ByteBuffer buf, int base, int lenSize) throws CaptureFormatException {
    int arr = base + 22;
    for (int n = Math.min(info.nparams(), MAX_PARAMS); n >= 0; n--) {
      if (22L + (long) lenSize * n > len) {
        continue;
      }
      long sum = 0;
      for (int i = 0; i < n; i++) {
        sum += lenSize == 2 ? buf.getShort(arr + 2 * i) & 0xFFFF : Integer.toUnsignedLong(buf.getInt(arr + 4 * i));
      }
      long total = 22L + (long) lenSize * n + sum;
      if (total == len) {
        return n;
      }
      if (total < len) {
        break;
      }
    }
    throw new CaptureFormatException(file, offset + base, "the parameter lengths of event type " + type + " ("
        + info.name() + ") do not add up to its length of " + len);
  }

  void setNum(long n) {
    num = n;
  }

  /** Sequence number from 1, counting every event read (sysdig's evt.num). */
  public long num() {
    return num;
  }

  /** Offset of the event's block in the uncompressed stream. */
  public long offset() {
    return offset;
  }

  public int blockType() {
    return blockType;
  }

  public int cpu() {
    return cpu;
  }

  public int dumpFlags() {
    return dumpFlags;
  }

  public boolean stateOnly() {
    return (dumpFlags & DF_STATE_ONLY) != 0;
  }

  /** Nanoseconds since the epoch. */
  public long ts() {
    return ts;
  }

  public long tid() {
    return tid;
  }

  public int type() {
    return type;
  }

  public EventInfo info() {
    return info;
  }

  public boolean isEnter() {
    return info.enter();
  }

  /** Parameters stored for this event; may be fewer than the table has. */
  public int nparams() {
    return nparams;
  }

  /** Total event length, header included. */
  public int length() {
    return len;
  }

  /** True when parameter i is absent (beyond nparams) or stored with length 0. */
  public boolean isEmpty(int i) {
    return i < 0 || i >= nparams || plen[i] == 0;
  }

  public boolean has(int i) {
    return i >= 0 && i < nparams;
  }

  public int paramLength(int i) {
    return plen[i];
  }

  public int paramOffset(int i) {
    return poff[i];
  }

  public ByteBuffer buffer() {
    return bb;
  }

  /** Integer parameter, sign-extended from its stored width. */
  public long paramLong(int i) {
    int o = poff[i];
    switch (plen[i]) {
      case 1: return bb.get(o);
      case 2: return bb.getShort(o);
      case 4: return bb.getInt(o);
      case 8: return bb.getLong(o);
      default: return 0;
    }
  }

  /** Integer parameter, zero-extended from its stored width. */
  public long paramUnsigned(int i) {
    int o = poff[i];
    switch (plen[i]) {
      case 1: return bb.get(o) & 0xFFL;
      case 2: return bb.getShort(o) & 0xFFFFL;
      case 4: return bb.getInt(o) & 0xFFFFFFFFL;
      case 8: return bb.getLong(o);
      default: return 0;
    }
  }

  /** Parameter i by name (table name), or -1 when the type has no such parameter stored. */
  public int param(String name) {
    int i = info.indexOf(name);
    return i < nparams ? i : -1;
  }

  public byte[] paramBytes(int i) {
    byte[] b = new byte[plen[i]];
    bb.get(poff[i], b, 0, b.length);
    return b;
  }

  /** A string parameter up to its first NUL. */
  public String paramString(int i) {
    if (isEmpty(i)) {
      return "";
    }
    int o = poff[i];
    int n = 0;
    int l = plen[i];
    while (n < l && bb.get(o + n) != 0) {
      n++;
    }
    byte[] b = new byte[n];
    bb.get(o, b, 0, n);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** A parameter holding NUL-terminated strings (args, env, cgroups), split. */
  public java.util.List<String> paramStrings(int i) {
    return isEmpty(i) ? java.util.List.of() : MetadataParser.split(paramBytes(i));
  }

  /** A detached copy that stays valid after the reader moves on. */
  public Event copy() {
    Event e = new Event();
    int start = poff[0];
    int end = start;
    for (int i = 0; i < nparams; i++) {
      end = Math.max(end, poff[i] + plen[i]);
      start = Math.min(start, poff[i]);
    }
    if (nparams == 0) {
      start = end = 0;
    }
    ByteBuffer copy = ByteBuffer.allocate(end - start).order(bb.order());
    for (int k = start; k < end; k++) {
      copy.put(k - start, bb.get(k));
    }
    e.bb = copy;
    e.num = num;
    e.offset = offset;
    e.blockType = blockType;
    e.cpu = cpu;
    e.dumpFlags = dumpFlags;
    e.ts = ts;
    e.tid = tid;
    e.len = len;
    e.type = type;
    e.nparams = nparams;
    e.info = info;
    for (int i = 0; i < nparams; i++) {
      e.poff[i] = poff[i] - start;
      e.plen[i] = plen[i];
    }
    return e;
  }
}
