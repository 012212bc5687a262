package org.scapsql.adapter.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;
import org.scapsql.adapter.EventColumn;
import org.scapsql.adapter.EventScan;
import org.scapsql.adapter.QueryControl;
import org.scapsql.adapter.QueryWarnings;
import org.scapsql.adapter.ScanSpec;

/**
 * Writes one capture's column-cache file: one pass of the ordinary events scan (reader
 * and state tracker, so every value is the one a query over the capture gets), its rows
 * split into the per-event numbers, the thread's figures and the four group codes of
 * {@link CacheLayout}, a chunk of {@link CacheFormat#CHUNK} events at a time. Memory
 * holds one chunk and the dictionaries, never the capture; a build whose dictionaries
 * crowd the heap gives up ({@link HeapGuard}).
 */
final class CacheWriter {
  private final Path capture;
  private final String key;
  private final AtomicBoolean cancel;

  CacheWriter(Path capture, String key, AtomicBoolean cancel) {
    this.capture = capture;
    this.key = key;
    this.cancel = cancel;
  }

  /** Writes the cache of the capture into {@code out} (a new file); returns the events written. */
  long write(Path out) throws IOException {
    // Before the chunk buffers (several MiB) are taken: a heap already tight is not made tighter.
    if (HeapGuard.tight()) {
      throw new IOException("not enough heap to build the column cache of " + capture);
    }
    int[] columns = CacheLayout.builtColumns();
    QueryWarnings warnings = QueryWarnings.detached();
    EventScan scan = new EventScan(List.of(capture), ScanSpec.ALL.withColumns(columns),
        QueryControl.background(cancel, warnings));
    List<Map<List<Object>, Integer>> codes = new ArrayList<>();
    List<List<Object[]>> tuples = new ArrayList<>();
    int[] groupStart = new int[CacheLayout.GROUPS.size()];
    int perThreadAt = 4;
    int at = perThreadAt + CacheLayout.PER_THREAD.size();
    for (int g = 0; g < CacheLayout.GROUPS.size(); g++) {
      codes.add(new HashMap<>());
      tuples.add(new ArrayList<>());
      groupStart[g] = at;
      at += CacheLayout.GROUPS.get(g).size();
    }
    @SuppressWarnings("unchecked")
    Map<Long, Integer>[] lastCode = new Map[CacheLayout.GROUPS.size()];
    for (int g = 0; g < lastCode.length; g++) {
      lastCode[g] = new HashMap<>();
    }
    long[][] v = new long[CacheLayout.SLOTS][CacheFormat.CHUNK];
    boolean[][] nulls = new boolean[CacheLayout.SLOTS][];
    for (int s = 0; s < CacheLayout.SLOTS; s++) {
      nulls[s] = CacheLayout.nullable(s) ? new boolean[CacheFormat.CHUNK] : null;
    }
    // Each thread's last value of each of its figures in this chunk (a chunk decodes on its own).
    Map<Long, long[]> lastOfThread = new HashMap<>();
    int tidAt = groupStart[1] + CacheLayout.GROUPS.get(1).indexOf(EventColumn.THREAD_TID);
    ByteBuffer buf = ByteBuffer.allocate(CacheLayout.SLOTS * (8 + Packing.maxBytes(CacheFormat.CHUNK)))
        .order(ByteOrder.LITTLE_ENDIAN);
    List<CacheFormat.Chunk> chunks = new ArrayList<>();
    long firstTime = Long.MIN_VALUE;
    long firstTimeIndex = Long.MAX_VALUE;
    long events = 0;
    String captureName = capture.getFileName().toString();
    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
      ch.write(ByteBuffer.wrap(CacheFormat.MAGIC));
      int n = 0;
      while (true) {
        boolean more = scan.moveNext();
        if (more) {
          Object[] r = scan.current();
          long num = (Long) r[0];
          long ts = (Long) r[1];
          if (firstTime == Long.MIN_VALUE && ts != 0) {
            firstTime = ts;
            firstTimeIndex = events;
          }
          v[CacheLayout.NUM][n] = num;
          v[CacheLayout.TIME][n] = ts;
          nulls[CacheLayout.RAWRES][n] = r[2] == null;
          v[CacheLayout.RAWRES][n] = r[2] == null ? 0 : (Long) r[2];
          nulls[CacheLayout.LATENCY][n] = r[3] == null;
          v[CacheLayout.LATENCY][n] = r[3] == null ? 0 : (Long) r[3];
          long[] figures = lastOfThread.computeIfAbsent((Long) r[tidAt], t -> new long[CacheLayout.PER_THREAD.size()]);
          for (int j = 0; j < figures.length; j++) {
            Object x = r[perThreadAt + j];
            int slot = CacheLayout.FIRST_PER_THREAD + j;
            nulls[slot][n] = x == null;
            if (x == null) {
              v[slot][n] = 0;
            } else {
              long value = (Long) x;
              v[slot][n] = value - figures[j];
              figures[j] = value;
            }
          }
          for (int g = 0; g < groupStart.length; g++) {
            int width = CacheLayout.GROUPS.get(g).size();
            int from = groupStart[g];
            // A thread's next event mostly has the tuple of its last: compare before hashing.
            int last = lastCode[g].getOrDefault((Long) r[tidAt], -1);
            if (last >= 0 && Arrays.equals(tuples.get(g).get(last), 0, width, r, from, from + width)) {
              v[CacheLayout.GROUP_SLOTS[g]][n] = last;
              continue;
            }
            Object[] t = Arrays.copyOfRange(r, from, from + width);
            List<Object> k = Arrays.asList(t);
            Integer code = codes.get(g).get(k);
            if (code == null) {
              code = tuples.get(g).size();
              codes.get(g).put(k, code);
              tuples.get(g).add(t);
            }
            lastCode[g].put((Long) r[tidAt], code);
            v[CacheLayout.GROUP_SLOTS[g]][n] = code;
          }
          n++;
          events++;
        }
        if (n == CacheFormat.CHUNK || (!more && n > 0)) {
          chunks.add(writeChunk(ch, buf, v, nulls, n));
          n = 0;
          lastOfThread.clear();
          if (HeapGuard.tight()) {
            throw new IOException("not enough heap to hold the cache's dictionaries of " + capture);
          }
        }
        if (!more) {
          break;
        }
      }
      ByteArrayOutputStream footer = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(footer);
      d.writeInt(CacheFormat.VERSION);
      d.writeUTF(key);
      d.writeUTF(captureName);
      d.writeLong(events);
      d.writeLong(firstTime);
      d.writeLong(firstTimeIndex);
      List<String> w = warnings.list();
      d.writeInt(w.size());
      for (String s : w) {
        d.writeUTF(s);
      }
      for (int g = 0; g < tuples.size(); g++) {
        ByteArrayOutputStream dict = new ByteArrayOutputStream();
        DataOutputStream dd = new DataOutputStream(dict);
        CacheFormat.writeTuples(dd, tuples.get(g), CacheLayout.GROUPS.get(g).size());
        dd.flush();
        d.writeInt(dict.size());
        dict.writeTo(d);
      }
      d.writeInt(chunks.size());
      for (CacheFormat.Chunk c : chunks) {
        d.writeLong(c.offset());
        d.writeInt(c.length());
        d.writeInt(c.events());
        d.writeInt(c.crc());
        d.writeLong(c.minTime());
        d.writeLong(c.maxTime());
        d.writeLong(c.minNum());
        d.writeLong(c.maxNum());
      }
      d.flush();
      byte[] f = footer.toByteArray();
      long footerAt = ch.position();
      ch.write(ByteBuffer.wrap(f));
      CRC32C crc = new CRC32C();
      crc.update(f);
      ByteBuffer trailer = ByteBuffer.allocate(CacheFormat.TRAILER).order(ByteOrder.LITTLE_ENDIAN);
      trailer.putLong(footerAt).putInt(f.length).putInt((int) crc.getValue()).put(CacheFormat.END).flip();
      ch.write(trailer);
    } finally {
      scan.close();
    }
    return events;
  }

  /**
   * Writes one chunk: a table of each slot's length and CRC, then the slots, so that a
   * query reads and checks only the slots it needs.
   */
  private static CacheFormat.Chunk writeChunk(FileChannel ch, ByteBuffer buf, long[][] v, boolean[][] nulls, int n)
      throws IOException {
    buf.clear();
    int table = CacheLayout.SLOTS * 8;
    buf.position(table);
    int[] lengths = new int[CacheLayout.SLOTS];
    int[] crcs = new int[CacheLayout.SLOTS];
    for (int s = 0; s < CacheLayout.SLOTS; s++) {
      int start = buf.position();
      Packing.encode(v[s], nulls[s], n, buf);
      lengths[s] = buf.position() - start;
      CRC32C crc = new CRC32C();
      crc.update(buf.duplicate().position(start).limit(buf.position()));
      crcs[s] = (int) crc.getValue();
    }
    int end = buf.position();
    buf.position(0);
    for (int s = 0; s < CacheLayout.SLOTS; s++) {
      buf.putInt(lengths[s]);
      buf.putInt(crcs[s]);
    }
    buf.position(0).limit(end);
    CRC32C crc = new CRC32C();
    crc.update(buf.duplicate().limit(table));
    long offset = ch.position();
    int length = buf.remaining();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    long minNum = Long.MAX_VALUE;
    long maxNum = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      minTime = Math.min(minTime, v[CacheLayout.TIME][i]);
      maxTime = Math.max(maxTime, v[CacheLayout.TIME][i]);
      minNum = Math.min(minNum, v[CacheLayout.NUM][i]);
      maxNum = Math.max(maxNum, v[CacheLayout.NUM][i]);
    }
    return new CacheFormat.Chunk(offset, length, n, (int) crc.getValue(), minTime, maxTime, minNum, maxNum);
  }
}
