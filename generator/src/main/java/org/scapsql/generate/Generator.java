package org.scapsql.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.scapsql.reader.FdEntry;
import org.scapsql.writer.CaptureWriter;

/**
 * Writes a synthetic but consistent capture of a busy little web host (see
 * docs/generated-capture.md for the story it tells). Deterministic: the same
 * options give the same bytes. {@link #VERSION} changes whenever the output
 * for the same options changes, so cached captures can be told apart.
 */
public final class Generator {
  /** Bumped whenever the same options would give different bytes. */
  public static final int VERSION = 1;

  private final GeneratorOptions options;

  public Generator(GeneratorOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options are required");
    }
    this.options = options;
  }

  /**
   * What was written. {@code droppedArrivals} counts visitors turned away because the
   * servers were too far behind (only when the duration asks for more than they can serve).
   */
  public record Stats(long bytes, long events, long firstTs, long lastTs, long webRequests, long pidWraps,
      long droppedArrivals) {
    public long spanNanos() {
      return lastTs - firstTs;
    }
  }

  /** Writes the capture to {@code out} (gzip when the name ends in .gz); a failed run leaves no file. */
  public Stats generate(Path out) throws IOException {
    boolean ok = false;
    try (CaptureWriter w = CaptureWriter.create(out)) {
      Stats s = generate(w);
      ok = true;
      return s;
    } finally {
      if (!ok) {
        Files.deleteIfExists(out);
      }
    }
  }

  public Stats generate(CaptureWriter w) throws IOException {
    Rng rng = new Rng(options.seed());
    Pids pids = new Pids(4_200 + rng.nextInt(600));
    Sim sim = new Sim(rng, pids, Host.START);
    Host host = new Host(sim);
    w.machineInfo(Host.machine());
    w.interfaces(Host.interfaces());
    w.users(Host.users(), Host.groups());
    w.processList(host.threads);
    for (Map.Entry<Long, List<FdEntry>> e : host.fds.entrySet()) {
      w.fdList(e.getKey(), e.getValue());
    }
    // libsinsp writes what it knows about containers first; sysdig reads these before the first event it shows.
    w.event(272, 1, Host.START, -1, 0).str(host.containerJson().getBytes(StandardCharsets.UTF_8)).end();

    Timeline time = new Timeline(Host.START, options.durationNanos());
    Syscalls sys = new Syscalls(sim);
    Kernel kernel = new Kernel(sim, sys);
    Postgres pg = new Postgres(host, sys, rng);
    Traffic traffic = new Traffic(host, sim, sys, kernel, new Site(), pg, time, options.sizeBytes());
    sim.push(traffic);
    sim.push(new Session(host, sys, kernel, rng, time));
    sim.push(new CronJob(host, sys, kernel, rng, time));
    sim.push(new ContainerJob(host, sys, kernel, rng, time));
    sim.push(pg.new Checkpointer(time));
    sim.push(pg.new WalWriter(time));
    sim.run(w, options.sizeBytes());
    return new Stats(w.position(), w.eventCount(), Host.START, sim.now, traffic.webRequests(), pids.wraps(),
        traffic.dropped());
  }
}
