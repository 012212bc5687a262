package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Event;
import org.scapsql.reader.ThreadEntry;
import org.scapsql.writer.CaptureWriter;

class StateTrackerTest {
  /**
   * libsinsp does not parse EF_SKIPPARSERESET events, but sysdig's output still
   * names their process (a page fault prints {@code sh (4532) > page_fault}), so
   * the tracker must resolve their thread, without inventing unknown ones.
   */
  @Test
  void pageFaultsShowTheirThread(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("pf.scap");
    try (CaptureWriter w = CaptureWriter.create(f)) {
      w.processList(List.of(new ThreadEntry(4532, 4532, 1, 4532, 4532, "sh", "/bin/sh", "/bin/sh", List.of(), "/",
          1024, 0, 0, 0, 100, 10, 0, 0, 0, List.of(), 4532, 4532, List.of(), "/", 0xFFFFFFFFL, 0, -1)));
      w.event(290, 3, 1_000, 4532, 0).i64(0x55D16CF1D000L).i64(0x55D16CF1DA30L).u32(26).end();
      w.event(290, 3, 2_000, 777, 0).i64(0x1000).i64(0x2000).u32(26).end();
      w.event(234, 2, 3_000, 4532, 0).i64(4).i64(5).end();
    }
    StateTracker s = new StateTracker();
    try (CaptureReader r = CaptureReader.open(f)) {
      r.listener(s);
      Event e = r.next();
      s.process(e);
      assertThat(s.thread().comm).isEqualTo("sh");
      e = r.next();
      s.process(e);
      assertThat(s.thread()).isNull();
      assertThat(s.thread(777)).isNull();
      e = r.next();
      s.process(e);
      assertThat(s.thread().tid).isEqualTo(4532);
    }
  }
}
