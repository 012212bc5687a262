package org.scapsql.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.scapsql.adapter.Captures;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Event;
import org.scapsql.reader.MachineInfo;

/**
 * What places a capture's rows in the partitioned layout: the host it was taken on
 * (its machine-info block) and the UTC date of its first timed event (state events
 * some writers put first carry time 0; the capture table's {@code first_rawtime} skips them too). Either may be
 * unknown (no machine block; no event), which Hive's layout writes as its default
 * partition.
 */
public record CaptureFacts(Path capture, String host, LocalDate date) {
  /** Reads the capture only up to its first timed event. */
  public static CaptureFacts read(Path capture) throws IOException {
    try (CaptureReader r = Captures.open(capture)) {
      Event e = r.next();
      while (e != null && e.ts() == 0) {
        e = r.next();
      }
      MachineInfo m = r.machineInfo();
      String host = m == null || m.hostname() == null || m.hostname().isEmpty() ? null : m.hostname();
      LocalDate date = e == null ? null
          : LocalDate.ofInstant(Instant.ofEpochSecond(0, e.ts()), ZoneOffset.UTC);
      return new CaptureFacts(capture, host, date);
    }
  }

  /** {@code host=web-1/date=2026-11-28}. */
  public String partition() {
    return "host=" + Partitions.escape(host) + "/date=" + (date == null ? Partitions.DEFAULT : date.toString());
  }
}
