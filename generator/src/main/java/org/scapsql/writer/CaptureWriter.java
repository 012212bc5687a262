package org.scapsql.writer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.Deflater;
import org.scapsql.reader.BlockType;
import org.scapsql.reader.FdEntry;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.MachineInfo;
import org.scapsql.reader.ThreadEntry;
import org.scapsql.reader.UserInfo;

/**
 * Writes a capture in the layout current libscap writes and sysdig 0.29.3
 * reads: a section header (version 1.2), then optional metadata blocks (machine
 * info, IL_V2, UL_V2, PL_V9, one FDL_V2 per thread), then EV_V2 event blocks.
 * The file is gzip-compressed when its name ends in {@code .gz}.
 *
 * <pre>{@code
 * try (CaptureWriter w = CaptureWriter.create(path)) {
 *   w.machineInfo(...);
 *   w.processList(...);
 *   w.event(293, 20, ts, tid, cpu).i64(0).str(exe)...end();
 * }
 * }</pre>
 *
 * Blocks are assembled in one reused buffer and handed to the file in large
 * chunks, so writing allocates nothing per event. A capture is only valid with
 * at least one event (libscap rejects one without); the writer leaves that to
 * its caller and reports {@link #eventCount()}.
 */
public final class CaptureWriter implements Closeable {
  public static final int MAJOR_VERSION = 1;
  public static final int MINOR_VERSION = 2;

  private static final int FLUSH_AT = 1 << 20;
  private static final int HOSTNAME_SIZE = 128;
  // Limits libscap's reader enforces on metadata strings.
  private static final int PATH_MAX = 1024;
  private static final int ARGS_MAX = 4096;
  private static final int USER_MAX = 256;

  private final String name;
  private final OutputStream out;
  private final Flusher flusher;
  private final Thread flushThread;
  private BlockBuffer buf = new BlockBuffer(FLUSH_AT + (1 << 17));
  private final EventEncoder encoder = new EventEncoder(buf);
  private long flushed;
  private long copiedEvents;
  private boolean closed;

  /**
   * Writes the uncompressed block stream to {@code out}; {@code name} is used
   * in error messages.
   */
  public CaptureWriter(String name, OutputStream out) throws IOException {
    if (out == null) {
      throw new IllegalArgumentException("the writer needs an output stream");
    }
    this.name = name;
    this.out = out;
    this.flusher = new Flusher(out);
    this.flushThread = new Thread(flusher, "scapsql-capture-writer");
    flushThread.setDaemon(true);
    flushThread.start();
    sectionHeader();
  }

  /**
   * Hands full buffers to the output stream on a thread of its own, so that
   * writing (and compressing) the last megabyte overlaps with building the
   * next: on a two-core machine that is most of the cost of a gzip capture.
   */
  private static final class Flusher implements Runnable {
    private static final int BUFFERS = 3;
    private final OutputStream out;
    private final ArrayBlockingQueue<BlockBuffer> full = new ArrayBlockingQueue<>(BUFFERS);
    private final ArrayBlockingQueue<BlockBuffer> empty = new ArrayBlockingQueue<>(BUFFERS);
    /** Marks the end of the stream in {@link #full}. */
    private final BlockBuffer end = new BlockBuffer(16);
    private volatile IOException failure;

    Flusher(OutputStream out) {
      this.out = out;
      for (int i = 1; i < BUFFERS; i++) {
        empty.add(new BlockBuffer(FLUSH_AT + (1 << 17)));
      }
    }

    @Override
    public void run() {
      try {
        for (BlockBuffer b; (b = full.take()) != end; ) {
          if (failure == null) {
            try {
              out.write(b.array(), 0, b.position());
            } catch (IOException e) {
              // Reported to the producer at its next flush; keep draining so it never blocks.
              failure = e;
            }
          }
          b.clear();
          empty.put(b);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Creates (or replaces) the file; gzip when the name ends in {@code .gz}. */
  public static CaptureWriter create(Path path) throws IOException {
    String fileName = path.getFileName() == null ? "" : path.getFileName().toString();
    OutputStream raw = Files.newOutputStream(path);
    try {
      OutputStream o = fileName.endsWith(".gz") ? new GzipOutput(raw, Deflater.BEST_SPEED) : raw;
      return new CaptureWriter(path.toString(), o);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  public String name() {
    return name;
  }

  private void sectionHeader() {
    int start = beginBlock(BlockType.SHB);
    buf.u32(0x1A2B3C4D);
    buf.u16(MAJOR_VERSION);
    buf.u16(MINOR_VERSION);
    buf.u64(-1L);
    endBlock(start);
  }

  private int beginBlock(int type) {
    int start = buf.position();
    buf.u32(type);
    buf.u32(0);
    return start;
  }

  private void endBlock(int start) {
    buf.pad4();
    buf.u32(0);
    int length = buf.position() - start;
    buf.setU32(start + 4, length);
    buf.setU32(buf.position() - 4, length);
  }

  private void beforeMetadata(String what) throws IOException {
    if (closed) {
      throw new IllegalStateException(name + ": writer is closed");
    }
    if (eventCount() > 0) {
      throw new IllegalStateException(name + ": the " + what + " must be written before the first event");
    }
    maybeFlush();
  }

  /** The machine-info block (a fixed 180-byte record). */
  public void machineInfo(MachineInfo m) throws IOException {
    beforeMetadata("machine info");
    byte[] host = utf8(m.hostname());
    if (host.length >= HOSTNAME_SIZE) {
      throw new IllegalArgumentException("host name '" + m.hostname() + "' is longer than 127 bytes");
    }
    int start = beginBlock(BlockType.MI);
    buf.u32(m.numCpus());
    buf.u64(m.memorySizeBytes());
    buf.u64(m.maxPid());
    buf.bytes(host);
    buf.zeros(HOSTNAME_SIZE - host.length);
    buf.u64(m.bootTimeEpochNanos());
    buf.u64(m.flags());
    buf.u64(0);
    buf.u64(0);
    endBlock(start);
  }

  /** The interface list (IL_V2: each entry's length excludes its own length field). */
  public void interfaces(List<InterfaceInfo> list) throws IOException {
    beforeMetadata("interface list");
    int start = beginBlock(BlockType.IL_V2);
    for (InterfaceInfo i : list) {
      int n = i.family() == InterfaceInfo.IPV4 ? 4 : i.family() == InterfaceInfo.IPV6 ? 16 : -1;
      if (n < 0) {
        throw new IllegalArgumentException("interface " + i.name() + ": family must be IPV4 or IPV6");
      }
      byte[] nm = utf8(i.name());
      if (nm.length >= PATH_MAX) {
        throw new IllegalArgumentException("interface name '" + i.name() + "' is too long");
      }
      require(i.address(), n, "address of interface " + i.name());
      require(i.netmask(), n, "netmask of interface " + i.name());
      require(i.broadcast(), n, "broadcast address of interface " + i.name());
      int lenAt = buf.position();
      buf.u32(0);
      buf.u16(n == 4 ? 1 : 2);
      buf.u16(nm.length);
      buf.bytes(i.address());
      buf.bytes(i.netmask());
      buf.bytes(i.broadcast());
      buf.u64(i.linkSpeed());
      buf.bytes(nm);
      buf.setU32(lenAt, buf.position() - lenAt - 4);
    }
    endBlock(start);
  }

  /** The user and group list (UL_V2): all users, then all groups. */
  public void users(List<UserInfo> users, List<GroupInfo> groups) throws IOException {
    beforeMetadata("user list");
    int start = beginBlock(BlockType.UL_V2);
    for (UserInfo u : users) {
      int lenAt = buf.position();
      buf.u32(0);
      buf.u8(0);
      buf.u32((int) u.uid());
      buf.u32((int) u.gid());
      userString(u.name(), "user name");
      userString(u.homedir(), "home directory of " + u.name());
      userString(u.shell(), "shell of " + u.name());
      buf.setU32(lenAt, buf.position() - lenAt);
    }
    for (GroupInfo g : groups) {
      int lenAt = buf.position();
      buf.u32(0);
      buf.u8(1);
      buf.u32((int) g.gid());
      userString(g.name(), "group name");
      buf.setU32(lenAt, buf.position() - lenAt);
    }
    endBlock(start);
  }

  private void userString(String s, String what) {
    byte[] b = utf8(s);
    if (b.length >= USER_MAX) {
      throw new IllegalArgumentException(what + " '" + s + "' is longer than " + (USER_MAX - 1) + " bytes");
    }
    buf.str16(b);
  }

  /**
   * The process list (PL_V9), one entry per thread. The entry ends with
   * {@code loginuid}, the layout sysdig 0.29.3's reader expects; the record's
   * {@code tty} and {@code pgid} belong to a later layout and are not written.
   */
  public void processList(List<ThreadEntry> threads) throws IOException {
    beforeMetadata("process list");
    int start = beginBlock(BlockType.PL_V9);
    for (ThreadEntry t : threads) {
      int lenAt = buf.position();
      buf.u32(0);
      buf.u64(t.tid());
      buf.u64(t.pid());
      buf.u64(t.ptid());
      buf.u64(t.sid());
      buf.u64(t.vpgid());
      limited(utf8(t.comm()), PATH_MAX, "comm of thread " + t.tid());
      limited(utf8(t.exe()), PATH_MAX, "exe of thread " + t.tid());
      limited(utf8(t.exepath()), PATH_MAX, "exepath of thread " + t.tid());
      limited(nulList(t.args()), ARGS_MAX, "args of thread " + t.tid());
      limited(utf8(t.cwd()), PATH_MAX, "cwd of thread " + t.tid());
      buf.u64(t.fdlimit());
      buf.u32(t.flags());
      buf.u32((int) t.uid());
      buf.u32((int) t.gid());
      buf.u32((int) t.vmsizeKb());
      buf.u32((int) t.vmrssKb());
      buf.u32((int) t.vmswapKb());
      buf.u64(t.pfmajor());
      buf.u64(t.pfminor());
      limited(nulList(t.env()), ARGS_MAX, "env of thread " + t.tid());
      buf.u64(t.vtid());
      buf.u64(t.vpid());
      limited(nulList(t.cgroups()), ARGS_MAX, "cgroups of thread " + t.tid());
      limited(utf8(t.root()), PATH_MAX, "root of thread " + t.tid());
      buf.u32((int) t.loginuid());
      buf.setU32(lenAt, buf.position() - lenAt);
    }
    endBlock(start);
  }

  /** The fd list of one thread (FDL_V2; each entry's length includes itself). */
  public void fdList(long tid, List<FdEntry> fds) throws IOException {
    beforeMetadata("fd list");
    int start = beginBlock(BlockType.FDL_V2);
    buf.u64(tid);
    for (FdEntry f : fds) {
      int lenAt = buf.position();
      buf.u32(0);
      buf.u64(f.fd());
      buf.u64(f.ino());
      buf.u8(f.scapType());
      switch (f.scapType()) {
        case FdEntry.IPV4_SOCK:
        case FdEntry.IPV6_SOCK: {
          int n = f.scapType() == FdEntry.IPV4_SOCK ? 4 : 16;
          require(f.sourceIp(), n, "source address of fd " + f.fd());
          require(f.destIp(), n, "destination address of fd " + f.fd());
          buf.bytes(f.sourceIp());
          buf.bytes(f.destIp());
          buf.u16(f.sourcePort());
          buf.u16(f.destPort());
          buf.u8(f.l4proto());
          break;
        }
        case FdEntry.IPV4_SERVSOCK:
        case FdEntry.IPV6_SERVSOCK: {
          int n = f.scapType() == FdEntry.IPV4_SERVSOCK ? 4 : 16;
          require(f.sourceIp(), n, "bound address of fd " + f.fd());
          buf.bytes(f.sourceIp());
          buf.u16(f.sourcePort());
          buf.u8(f.l4proto());
          break;
        }
        case FdEntry.UNIX_SOCK:
          buf.u64(f.sourceSocket());
          buf.u64(f.destSocket());
          limited(utf8(f.name()), PATH_MAX - 1, "name of fd " + f.fd());
          break;
        case FdEntry.FILE_V2:
          buf.u32(f.openFlags());
          limited(utf8(f.name()), PATH_MAX - 1, "name of fd " + f.fd());
          break;
        case FdEntry.UNKNOWN:
          break;
        default:
          if (f.scapType() < 0 || f.scapType() > FdEntry.PIDFD) {
            throw new IllegalArgumentException("fd " + f.fd() + " has unknown scap fd type " + f.scapType());
          }
          limited(utf8(f.name()), PATH_MAX - 1, "name of fd " + f.fd());
      }
      buf.setU32(lenAt, buf.position() - lenAt);
    }
    endBlock(start);
  }

  private void limited(byte[] b, int max, String what) {
    if (b.length > max) {
      throw new IllegalArgumentException(what + " is " + b.length + " bytes; readers accept at most " + max);
    }
    buf.str16(b);
  }

  private static void require(byte[] a, int n, String what) {
    if (a == null || a.length != n) {
      throw new IllegalArgumentException(what + " must be " + n + " bytes");
    }
  }

  private static byte[] utf8(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }

  /** NUL-terminated strings back to back, as the args, env and cgroups fields hold them. */
  static byte[] nulList(List<String> items) {
    int n = 0;
    byte[][] parts = new byte[items.size()][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = utf8(items.get(i));
      n += parts[i].length + 1;
    }
    byte[] out = new byte[n];
    int p = 0;
    for (byte[] b : parts) {
      System.arraycopy(b, 0, out, p, b.length);
      p += b.length + 1;
    }
    return out;
  }

  /**
   * Starts an event; write its parameters on the returned encoder and call
   * {@link EventEncoder#end()}.
   */
  public EventEncoder event(int type, int nparams, long ts, long tid, int cpu) throws IOException {
    if (closed) {
      throw new IllegalStateException(name + ": writer is closed");
    }
    if (!encoder.isOpen()) {
      maybeFlush();
    }
    return encoder.begin(type, nparams, ts, tid, cpu);
  }

  /**
   * Appends one event block that was encoded elsewhere (by an
   * {@link EventEncoder} on another buffer); {@code len} is its total length.
   */
  public void eventBlock(byte[] src, int off, int len) throws IOException {
    if (encoder.isOpen()) {
      throw new IllegalStateException(name + ": an event is being written");
    }
    maybeFlush();
    buf.bytes(src, off, len);
    copiedEvents++;
  }

  /** Events written so far. */
  public long eventCount() {
    return encoder.encoded() + copiedEvents;
  }

  /** Bytes of the uncompressed capture written so far (whole blocks). */
  public long position() {
    return flushed + buf.position();
  }

  private void maybeFlush() throws IOException {
    if (buf.position() >= FLUSH_AT) {
      flush();
    }
  }

  private void flush() throws IOException {
    failed();
    int n = buf.position();
    if (n == 0) {
      return;
    }
    try {
      flusher.full.put(buf);
      buf = flusher.empty.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing " + name);
    }
    encoder.into(buf);
    flushed += n;
  }

  private void failed() throws IOException {
    IOException e = flusher.failure;
    if (e != null) {
      throw new IOException("cannot write " + name + ": " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    encoder.abort();
    try {
      try {
        flush();
      } finally {
        try {
          flusher.full.put(flusher.end);
          flushThread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while finishing " + name);
        }
      }
      failed();
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        throw new IOException("cannot write " + name + ": " + reason(e), e);
      }
    }
  }
}
