package org.scapsql.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.Fixtures;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Event;
import org.scapsql.render.SysdigFields;

/**
 * Every state-derived field of every event, against sysdig 0.29.3's
 * {@code -p '*%evt.num|%proc.name|...'} output of each fixture.
 */
class StateFieldsTest {
  /** The -p format the expected files were made with (see the file's first line). */
  static final String FORMAT = "*%evt.num|%proc.name|%proc.pid|%proc.ppid|%thread.tid|%fd.num|%fd.name|%fd.type"
      + "|%user.name|%container.id|%container.name|%evt.latency|%evt.rawres|%evt.failed|%evt.res|%proc.exe"
      + "|%proc.args|%proc.cwd|%user.uid|%fd.typechar|%evt.category";

  static List<String> lines(Path f) throws IOException {
    return visibleLines(f, (e, x) -> String.join("|", String.valueOf(e.num()), na(x.procName()), na(x.procPid()),
        na(x.procPpid()),
            na(x.threadTid(e)), na(x.fdNum()),
            na(x.fdName(e) == null ? null : org.scapsql.render.ParamRenderer.printable(x.fdName(e))), na(x.fdType()),
            na(x.userName()), na(x.containerId()),
            na(x.containerName()), na(x.latency(e)), na(x.rawres(e)), String.valueOf(x.failed(e)), na(x.res(e)),
            na(x.procExe()), na(x.procArgs()), na(x.procCwd()), na(x.userUid()), na(x.fdTypechar(e)),
            x.category(e)));
  }

  /**
   * One line per event that sysdig shows (the state tracker's hidden events left out), made
   * by {@code line} from the event and the sysdig fields as they stand after it.
   */
  static List<String> visibleLines(Path f, java.util.function.BiFunction<Event, SysdigFields, String> line)
      throws IOException {
    List<String> out = new ArrayList<>();
    StateTracker state = new StateTracker();
    SysdigFields x = new SysdigFields(state);
    try (CaptureReader r = CaptureReader.open(f)) {
      r.listener(state);
      for (Event e; (e = r.next()) != null; ) {
        state.process(e);
        if (!state.hidden()) {
          out.add(line.apply(e, x));
        }
      }
    }
    return out;
  }

  private static String na(Object o) {
    return o == null ? "<NA>" : o.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void fieldsEqualSysdig(String name) throws IOException {
    List<String> actual = lines(Fixtures.capture(name + ".scap"));
    List<String> expected;
    expected = Fixtures.expected(name + ".fields.txt").lines().skip(1).toList();
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      assertThat(actual.get(i)).as(name + " line " + (i + 1)).isEqualTo(expected.get(i));
    }
    assertThat(actual).hasSameSizeAs(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cat_write", "connect_localhost", "open-multiple-files", "ping_sendto", "syscall",
      "run_as_user_0_container"})
  void fieldsEqualLiveSysdigWhenInstalled(String name) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/sysdig")),
        "sysdig is not installed");
    Path f = Fixtures.capture(name + ".scap");
    ProcessBuilder pb = new ProcessBuilder("sysdig", "-D", "-r", f.toString(), "-p", FORMAT);
    pb.environment().put("TZ", "UTC");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(lines(f)).isEqualTo(out.lines().toList());
  }
}
