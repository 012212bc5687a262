package org.scapsql.generate;

import java.nio.charset.StandardCharsets;
import org.scapsql.writer.BlockBuffer;
import org.scapsql.writer.EventEncoder;

/**
 * One thread of the simulated host and the events staged for it. A thread is
 * sequential, so its events are staged in time order; the {@link Sim} merges
 * the threads' streams into the capture. {@link #clock} is where the thread's
 * next event goes.
 */
final class Track extends Source {
  private static final int COMPACT_AT = 1 << 16;
  private static final long MIN_GAP = 180;

  final Sim sim;
  final int tid;
  final int vtid;
  final Proc proc;
  final int cpu;
  long clock;
  /** Staged event blocks; borrowed from the simulation while the thread has any. */
  BlockBuffer buf;
  int head;
  private long lastTs = Long.MIN_VALUE;
  boolean exited;

  Track(Sim sim, int tid, int vtid, Proc proc, int cpu, long clock) {
    this.sim = sim;
    this.tid = tid;
    this.vtid = vtid;
    this.proc = proc;
    this.cpu = cpu;
    this.clock = clock;
  }

  /** Starts an event of this thread at its clock. */
  EventEncoder ev(int type, int nparams) {
    if (clock < lastTs + MIN_GAP) {
      // Even back-to-back events of one thread are a few hundred nanoseconds apart.
      clock = lastTs + MIN_GAP + (lastTs & 0x7F);
    }
    long ts = clock;
    if (ts < sim.now) {
      // The merge has already written events up to now: this one would come out of order.
      throw new IllegalStateException("thread " + tid + " (" + new String(proc.comm, StandardCharsets.UTF_8)
          + "): event type " + type + " staged at " + ts + ", before the simulation's now " + sim.now);
    }
    if (exited) {
      throw new IllegalStateException("thread " + tid + " has exited; event type " + type + " cannot follow");
    }
    lastTs = ts;
    if (heapIndex < 0) {
      if (buf == null) {
        buf = sim.borrowBuffer();
      }
      buf.clear();
      head = 0;
      key = ts;
      sim.push(this);
    } else if (head >= COMPACT_AT && head > buf.position() / 2) {
      buf.discardBefore(head);
      head = 0;
    }
    return sim.enc.into(buf).begin(type, nparams, ts, tid, cpu);
  }

  /** Advances the thread's clock by a pause in user space. */
  Track think(long typicalNs) {
    clock += sim.rng.gap(typicalNs);
    return this;
  }

  /** Makes the thread wait until {@code t} (if it is not there yet). */
  Track until(long t) {
    if (t > clock) {
      clock = t;
    }
    return this;
  }
}
