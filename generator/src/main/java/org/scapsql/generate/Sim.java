package org.scapsql.generate;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.scapsql.writer.BlockBuffer;
import org.scapsql.writer.CaptureWriter;
import org.scapsql.writer.EventEncoder;

/**
 * The simulation clock and the merge of everything into one time-ordered
 * stream. Actors stage events on threads, each thread in its own order; a
 * binary heap keyed by time picks the earliest of all thread heads and actor
 * wake-ups, so the capture comes out sorted by time without sorting it. An
 * actor only stages events at or after the current time, which is what makes
 * emitting the heap's minimum safe.
 */
final class Sim {
  final Rng rng;
  /** One encoder for all threads; its byte count tells how much has been staged. */
  final EventEncoder enc = new EventEncoder(new BlockBuffer(64));
  final Pids pids;
  long now;
  private Source[] heap = new Source[256];
  private final ArrayDeque<BlockBuffer> spare = new ArrayDeque<>();
  private int size;

  Sim(Rng rng, Pids pids, long start) {
    this.rng = rng;
    this.pids = pids;
    this.now = start;
  }

  /** Bytes of events staged so far (written or still waiting in a thread). */
  long stagedBytes() {
    return enc.encodedBytes();
  }

  /** A staging buffer for a thread: one a finished thread gave back, or a new one. */
  BlockBuffer borrowBuffer() {
    BlockBuffer b = spare.poll();
    return b != null ? b : new BlockBuffer(16_384);
  }

  void push(Source s) {
    if (s.heapIndex >= 0) {
      throw new IllegalStateException("already scheduled");
    }
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = s;
    s.heapIndex = size;
    size++;
    siftUp(s.heapIndex);
  }

  /**
   * Runs until the capture holds at least {@code limit} bytes (stopping after
   * the first whole block past it) or nothing is left to do.
   */
  void run(CaptureWriter out, long limit) throws IOException {
    while (size > 0 && out.position() < limit) {
      Source s = heap[0];
      if (s instanceof Track) {
        Track t = (Track) s;
        BlockBuffer b = t.buf;
        int h = t.head;
        int len = b.getU32(h + 4);
        now = t.key;
        out.eventBlock(b.array(), h, len);
        h += len;
        t.head = h;
        if (h == b.position()) {
          b.clear();
          t.head = 0;
          removeAt(0);
          if (t.exited) {
            // A thread that has ended stages nothing more; its buffer serves the next new thread.
            t.buf = null;
            spare.push(b);
          }
        } else {
          // The event's time stamp sits after the block header (8 bytes) and the cpu (2).
          t.key = b.getU64(h + 10);
          siftDown(0);
        }
      } else {
        Actor a = (Actor) s;
        now = a.key;
        a.act();
        if (a.key < now) {
          throw new IllegalStateException(a.getClass().getSimpleName() + " scheduled itself in the past");
        }
        if (a.key == Actor.DONE) {
          removeAt(a.heapIndex);
        } else {
          siftDown(a.heapIndex);
        }
      }
    }
  }

  private void removeAt(int i) {
    Source s = heap[i];
    size--;
    Source last = heap[size];
    heap[size] = null;
    s.heapIndex = -1;
    if (i < size) {
      heap[i] = last;
      last.heapIndex = i;
      siftDown(i);
      siftUp(last.heapIndex);
    }
  }

  private void siftUp(int i) {
    Source s = heap[i];
    long k = s.key;
    while (i > 0) {
      int p = (i - 1) >>> 1;
      Source ps = heap[p];
      if (ps.key <= k) {
        break;
      }
      heap[i] = ps;
      ps.heapIndex = i;
      i = p;
    }
    heap[i] = s;
    s.heapIndex = i;
  }

  private void siftDown(int i) {
    Source s = heap[i];
    long k = s.key;
    int half = size >>> 1;
    while (i < half) {
      int c = 2 * i + 1;
      Source cs = heap[c];
      int r = c + 1;
      if (r < size && heap[r].key < cs.key) {
        c = r;
        cs = heap[r];
      }
      if (k <= cs.key) {
        break;
      }
      heap[i] = cs;
      cs.heapIndex = i;
      i = c;
    }
    heap[i] = s;
    s.heapIndex = i;
  }
}
