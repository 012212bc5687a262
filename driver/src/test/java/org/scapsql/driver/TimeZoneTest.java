package org.scapsql.driver;

import org.scapsql.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A TIMESTAMP is one instant whatever the JVM's time zone: checked in a JVM whose
 * zone is America/New_York (four or five hours from UTC), locally and through the
 * server, with every getter a tool uses. Before, getTimestamp(evt_time).toInstant()
 * was off by the zone's offset and getObject(column, LocalDateTime.class) threw.
 */
class TimeZoneTest {
  @Test
  void timestampsAreTheSameInstantInAJvmOfAnotherZone() throws Exception {
    Path capture = Fixtures.capture("cat_write.scap");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-Xmx256m", "-Duser.timezone=America/New_York", "-cp",
        System.getProperty("java.class.path"), ZoneProbe.class.getName(), capture.toString());
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the probe did not finish within two minutes:\n" + out);
    }
    assertThat(p.exitValue()).as(out).isZero();
    // Event 131 is cat's execve, at 1470327477881730713 ns (sysdig: 16:17:57.881730713 UTC).
    String instant = "2016-08-04T16:17:57.881Z";
    List<String> want = new ArrayList<>(List.of("zone America/New_York"));
    for (String where : new String[] {"local", "remote"}) {
      want.addAll(List.of(
          where + " getTimestamp " + instant,
          where + " getTimestamp(label) " + instant,
          where + " getString 2016-08-04 16:17:57.881",
          where + " getLong(raw) 1470327477881730713",
          where + " Instant " + instant,
          where + " OffsetDateTime " + instant,
          where + " ZonedDateTime " + instant,
          where + " LocalDateTime 2016-08-04T16:17:57.881",
          where + " LocalDate 2016-08-04",
          where + " Timestamp " + instant,
          where + " Date " + instant,
          where + " Long(raw) 1470327477881730713"));
    }
    // Avatica's own driver reads TIMESTAMPs in the JVM's zone unless told UTC, as connect.md says.
    want.addAll(List.of("avatica-utc getTimestamp " + instant, "avatica-utc getTimestamp(label) " + instant,
        "avatica-utc getString 2016-08-04 16:17:57.881", "avatica-utc getLong(raw) 1470327477881730713"));
    assertThat(out.lines().toList()).containsExactlyElementsOf(want);
  }
}
