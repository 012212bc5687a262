package org.scapsql.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scapsql.Fixtures;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Dialect;
import org.scapsql.reader.Event;
import org.scapsql.state.StateTracker;

/**
 * The 2026 capture (exit-only events, new ids) against what current libsinsp
 * reports for it, file by file of {@code modern-small.expected/}.
 */
class ModernCaptureTest {
  private static final Map<String, Integer> byType = new TreeMap<>();
  private static final Map<String, Integer> byProc = new TreeMap<>();
  private static final Map<String, Integer> failed = new TreeMap<>();
  private static final TreeSet<String> opened = new TreeSet<>();
  private static final List<String> tuples = new ArrayList<>();
  private static long returned;
  private static long firstNum;
  private static Dialect dialect;

  @BeforeAll
  static void readOnce() throws IOException {
    Path f = Fixtures.capture("modern-small.scap.gz");
    StateTracker state = new StateTracker();
    SysdigFields fields = new SysdigFields(state);
    try (CaptureReader r = CaptureReader.open(f)) {
      r.listener(state);
      for (Event e; (e = r.next()) != null; ) {
        if (e.num() == 1) {
          dialect = r.dialect();
        }
        state.process(e);
        if (state.hidden()) {
          continue;
        }
        if (firstNum == 0) {
          firstNum = e.num();
        }
        returned++;
        String type = EventFormatter.type(e, Dialect.CURRENT);
        byType.merge(type, 1, Integer::sum);
        byProc.merge(String.valueOf(fields.procName()), 1, Integer::sum);
        Long raw = fields.rawres(e);
        if (raw != null && raw < 0) {
          failed.merge(type + " " + raw + " " + fields.res(e), 1, Integer::sum);
        }
        if ((type.equals("open") || type.equals("openat") || type.equals("openat2")) && raw != null && raw >= 0) {
          opened.add(fields.fdName(e));
        }
        if (type.equals("connect") || type.equals("accept") || type.equals("accept4")) {
          tuples.add(e.num() + " " + fields.procName() + " " + type + " " + nullAsNa(fields.fdName(e)) + " "
              + nullAsNa(fields.res(e)));
        }
      }
    }
  }

  private static String nullAsNa(String s) {
    return s == null ? "<NA>" : s;
  }

  private static List<String> expected(String file) throws IOException {
    Path p = Fixtures.capture("modern-small.expected/" + file);
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      if (!l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  private static Map<String, Integer> counts(String file) throws IOException {
    Map<String, Integer> m = new TreeMap<>();
    for (String l : expected(file)) {
      String t = l.strip();
      int sp = t.indexOf(' ');
      m.put(t.substring(sp + 1), Integer.parseInt(t.substring(0, sp)));
    }
    return m;
  }

  @Test
  void isReadWithCurrentRules() {
    assertThat(dialect).isEqualTo(Dialect.CURRENT);
    assertThat(firstNum).isEqualTo(72);
  }

  @Test
  void totalEvents() throws IOException {
    assertThat("Retrieved events: " + returned).isEqualTo(expected("total_events.txt").get(0));
  }

  @Test
  void countsByEventType() throws IOException {
    assertThat(byType).isEqualTo(counts("count_by_type.txt"));
  }

  @Test
  void countsByProcessName() throws IOException {
    assertThat(byProc).isEqualTo(counts("count_by_proc_name.txt"));
  }

  @Test
  void failuresByTypeAndErrno() throws IOException {
    assertThat(failed).isEqualTo(counts("failed_by_type_errno.txt"));
  }

  @Test
  void successfullyOpenedFiles() throws IOException {
    assertThat(new ArrayList<>(opened)).isEqualTo(expected("open_success_fd_names.txt"));
  }

  @Test
  void connectAndAcceptTuples() throws IOException {
    assertThat(tuples).isEqualTo(expected("connect_accept_tuples.txt"));
  }
}
