package org.scapsql.generate;

/**
 * PostgreSQL 14's file activity: backends read table and index pages and,
 * for an order, append to the write-ahead log and flush it; the checkpointer
 * writes dirty pages once a cycle and fsyncs every file it wrote, a few of
 * those fsyncs taking hundreds of milliseconds; the WAL writer flushes in the
 * background. Knows which data files each backend has open.
 */
final class Postgres {
  static final String DATA = "/var/lib/postgresql/14/main";
  static final byte[] WAL_SEGMENT = Bytes.ascii(DATA + "/pg_wal/000000010000000000000042");
  /** products, products_pkey, orders, orders_pkey. */
  static final byte[][] FILES = {
      Bytes.ascii(DATA + "/base/16384/16397"), Bytes.ascii(DATA + "/base/16384/16403"),
      Bytes.ascii(DATA + "/base/16384/16410"), Bytes.ascii(DATA + "/base/16384/16416")};
  /** What the checkpointer writes back: the tables above plus catalogs. */
  static final byte[][] CHECKPOINT_FILES = {
      FILES[0], FILES[1], FILES[2], FILES[3], Bytes.ascii(DATA + "/base/16384/2619"),
      Bytes.ascii(DATA + "/base/16384/1259"), Bytes.ascii(DATA + "/base/16384/2608"),
      Bytes.ascii(DATA + "/base/16384/16420")};
  static final byte[] PG_CONTROL = Bytes.ascii(DATA + "/global/pg_control");
  static final int PAGE = 8192;
  static final long SEGMENT = 16L << 20;

  private final Host host;
  private final Syscalls sys;
  private final Rng rng;
  private final long[][] open = new long[Host.PG_BACKENDS][FILES.length + 1];
  private final byte[] pageHead = new byte[Syscalls.SNAPLEN];
  private final byte[] walHead = new byte[Syscalls.SNAPLEN];
  private long walPos = 0x5A2000;
  int ordersSinceFlush;

  Postgres(Host host, Syscalls sys, Rng rng) {
    this.host = host;
    this.sys = sys;
    this.rng = rng;
    for (long[] row : open) {
      java.util.Arrays.fill(row, -1);
    }
    // A heap page header: LSN, checksum, flags, lower, upper, special, version, prune xid; then line pointers.
    byte[] h = {0, 0, 0, 0, 0x48, 0x21, 0x5A, 0x01, 0x3C, (byte) 0xA2, 0, 0, 0x44, 0x01, (byte) 0xB0, 0x0B, 0, 0x20,
        4, 0x20, 0, 0, 0, 0};
    System.arraycopy(h, 0, pageHead, 0, h.length);
    for (int i = h.length; i < pageHead.length; i += 4) {
      pageHead[i] = (byte) (0xE0 - i);
      pageHead[i + 1] = (byte) 0x9F;
      pageHead[i + 2] = 0x38;
      pageHead[i + 3] = 0;
    }
    // A WAL page header: magic 0xD10E, info, timeline 1, page address.
    byte[] w = {0x0E, (byte) 0xD1, 5, 0, 1, 0, 0, 0, 0, 0x20, 0x5A, 0x42, 0, 0, 0, 0, 0x38, 0, 0, 0};
    System.arraycopy(w, 0, walHead, 0, w.length);
    for (int i = w.length; i < walHead.length; i++) {
      walHead[i] = (byte) (i * 29 + 7);
    }
  }

  private long fileFd(Track b, int backend, int file) {
    long fd = open[backend][file];
    if (fd < 0) {
      byte[] path = file == FILES.length ? WAL_SEGMENT : FILES[file];
      fd = sys.openat(b, path, Syscalls.O_RDWR | Syscalls.O_CLOEXEC, 0, 0, rng.lat(12_000));
      open[backend][file] = fd;
    }
    return fd;
  }

  /** A backend's work for one query, after it has received it. */
  void execute(Track b, int backend, boolean order, int id) {
    if (order) {
      long heap = fileFd(b, backend, 2);
      sys.pread(b.think(15_000), heap, PAGE, (long) (id % 64) * PAGE, pageHead, pageHead.length, rng.lat(9_000));
      long idx = fileFd(b, backend, 3);
      sys.pread(b.think(4_000), idx, PAGE, PAGE, pageHead, pageHead.length, rng.lat(7_000));
      long wal = fileFd(b, backend, FILES.length);
      walPos = (walPos + PAGE) % SEGMENT;
      sys.pwrite(b.think(20_000), wal, PAGE, walPos, walHead, walHead.length, rng.lat(14_000));
      sys.generic(b, Sc.FDATASYNC, rng.lat(1_400_000));
      ordersSinceFlush++;
    } else {
      long idx = fileFd(b, backend, 1);
      sys.pread(b.think(8_000), idx, PAGE, (long) (1 + id % 3) * PAGE, pageHead, pageHead.length, rng.lat(6_000));
      long heap = fileFd(b, backend, 0);
      sys.pread(b.think(3_000), heap, PAGE, (long) (id % 40) * PAGE, pageHead, pageHead.length, rng.lat(6_000));
    }
    b.think(25_000);
  }

  /** The checkpointer's pass: write, fsync every file (some slowly), update pg_control, log. */
  final class Checkpointer extends Actor {
    private final Timeline time;
    private final Bytes log = new Bytes(256);
    private long k;

    Checkpointer(Timeline time) {
      this.time = time;
      key = time.at(0, 38.0);
    }

    @Override
    void act() {
      Track c = host.pgCheckpointer;
      c.until(key);
      sys.epollWaitExit(c, 0);
      int n = CHECKPOINT_FILES.length;
      long[] fds = new long[n];
      int buffers = 0;
      for (int i = 0; i < n; i++) {
        fds[i] = sys.openat(c.think(20_000), CHECKPOINT_FILES[i], Syscalls.O_RDWR | Syscalls.O_CLOEXEC, 0, 0,
            rng.lat(10_000));
        int pages = rng.between(2, 9);
        for (int p = 0; p < pages; p++) {
          sys.pwrite(c.think(6_000), fds[i], PAGE, (long) rng.nextInt(200) * PAGE, pageHead, pageHead.length,
              rng.lat(11_000));
        }
        buffers += pages;
      }
      // One or two files hit a disk that is busy: their fsync takes a quarter of a second or more.
      int slow1 = rng.nextInt(n);
      int slow2 = rng.chance(0.5) ? rng.nextInt(n) : -1;
      long longest = 0;
      long total = 0;
      for (int i = 0; i < n; i++) {
        long lat = i == slow1 || i == slow2 ? 250_000_000L + rng.exp(450_000_000.0) : rng.lat(3_500_000);
        sys.genericEnter(c.think(4_000), Sc.FSYNC);
        if (lat > 50_000_000L) {
          sys.switchOut(c);
        }
        c.clock += lat;
        sys.genericExit(c, Sc.FSYNC);
        longest = Math.max(longest, lat);
        total += lat;
        sys.close(c, fds[i]);
      }
      long ctl = sys.openat(c.think(10_000), PG_CONTROL, Syscalls.O_RDWR, 0, 0, rng.lat(9_000));
      sys.pwrite(c, ctl, PAGE, 0, pageHead, pageHead.length, rng.lat(12_000));
      sys.generic(c, Sc.FSYNC, rng.lat(2_000_000));
      sys.close(c, ctl);
      log.clear().add("LOG:  checkpoint complete: wrote ").num(buffers).add(" buffers; sync files=").num(n)
          .add(", longest=").num(longest / 1_000_000).add(" ms, average=").num(total / n / 1_000_000).add(" ms\n");
      sys.write(c, 2, log.len, log.buf, log.len, rng.lat(9_000));
      sys.epollWaitEnter(c);
      sys.switchOut(c);
      k++;
      key = Math.max(time.at(k, 38.0), c.clock + 1);
    }
  }

  /** The WAL writer: wakes every 200 ms and flushes what the backends' commits left behind. */
  final class WalWriter extends Actor {
    private final Timeline time;

    WalWriter(Timeline time) {
      this.time = time;
      key = time.start + rng.nextInt(200_000_000);
    }

    @Override
    void act() {
      Track w = host.pgWalWriter;
      w.until(key);
      if (ordersSinceFlush > 0) {
        sys.epollWaitExit(w, 0);
        walPos = (walPos + PAGE) % SEGMENT;
        sys.pwrite(w.think(8_000), Host.PG_WAL, PAGE, walPos, walHead, walHead.length, rng.lat(12_000));
        sys.generic(w, Sc.FDATASYNC, rng.lat(900_000));
        ordersSinceFlush = 0;
        sys.epollWaitEnter(w);
        sys.switchOut(w);
      }
      key = Math.max(key + (long) (200_000_000L * Math.max(time.scale, 0.05)), w.clock + 1);
    }
  }
}
