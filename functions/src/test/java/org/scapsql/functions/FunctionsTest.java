package org.scapsql.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;

class FunctionsTest {
  private static Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "false");
    Connection c = DriverManager.getConnection("jdbc:calcite:", p);
    Functions.register(c.unwrap(CalciteConnection.class).getRootSchema());
    return c;
  }

  private static String value(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      String v = rs.getString(1);
      assertThat(rs.next()).as(sql + " gives one row").isFalse();
      return v;
    }
  }

  @Test
  void everyDocumentedExampleGivesItsDocumentedAnswer() throws SQLException {
    try (Connection c = connect()) {
      assertThat(Functions.entries()).hasSizeGreaterThanOrEqualTo(18);
      for (Functions.Entry e : Functions.entries()) {
        assertThat(e.doc().example()).as(e.name()).contains(e.name() + "(");
        assertThat(value(c, e.doc().example())).as(e.doc().example()).isEqualTo(e.doc().result());
      }
    }
  }

  @Test
  void theReferencePageIsUpToDate() throws Exception {
    String root = System.getProperty("scapsql.root", "..");
    Path page = Path.of(root, "docs", "functions.md");
    assertThat(Files.readString(page)).as("regenerate with Functions.main").isEqualTo(Functions.markdown());
  }

  @Test
  void timestampsAreUtcWhateverTheJvmZone() throws SQLException {
    TimeZone saved = TimeZone.getDefault();
    try {
      for (String zone : new String[] {"UTC", "America/Los_Angeles", "Asia/Kolkata", "Europe/Berlin"}) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (Connection c = connect()) {
          assertThat(value(c, "SELECT ns_to_timestamp(1470327477881801607)")).as(zone)
              .isEqualTo("2016-08-04 16:17:57.881");
          assertThat(value(c, "SELECT timestamp_to_ns(ns_to_timestamp(1470327477881801607))")).as(zone)
              .isEqualTo("1470327477881000000");
          // A summer instant, where a zone's DST offset differs from its winter one.
          assertThat(value(c, "SELECT timestamp_to_ns(ns_to_timestamp(1562711470564872802))")).as(zone)
              .isEqualTo("1562711470564000000");
        }
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void nullInNullOut() throws SQLException {
    try (Connection c = connect()) {
      for (Functions.Entry e : Functions.entries()) {
        StringBuilder call = new StringBuilder("SELECT ").append(e.name()).append('(');
        Class<?>[] types = e.method().getParameterTypes();
        for (int i = 0; i < types.length; i++) {
          call.append(i > 0 ? ", " : "").append("CAST(NULL AS ").append(sqlType(types[i])).append(')');
        }
        assertThat(value(c, call.append(')').toString())).as(call.toString()).isNull();
      }
    }
  }

  private static String sqlType(Class<?> t) {
    if (t == Long.class) {
      return "BIGINT";
    }
    if (t == Integer.class) {
      return "INTEGER";
    }
    if (t == String.class) {
      return "VARCHAR";
    }
    if (t == java.sql.Timestamp.class) {
      return "TIMESTAMP";
    }
    return "VARBINARY";
  }

  @Test
  void badArgumentsAreClearErrors() throws SQLException {
    try (Connection c = connect()) {
      assertThatThrownBy(() -> value(c, "SELECT time_bucket(5, 0)"))
          .hasMessageContaining("time_bucket: the width must be a positive number of nanoseconds, got 0");
      assertThatThrownBy(() -> value(c, "SELECT ip_in_subnet('example.com', '10.0.0.1', 8)"))
          .hasMessageContaining("ip_in_subnet: 'example.com' is not an IPv4 or IPv6 address");
      assertThatThrownBy(() -> value(c, "SELECT ip_in_subnet('10.0.0.300', '10.0.0.1', 8)"))
          .hasMessageContaining("is not an IPv4 or IPv6 address");
      assertThatThrownBy(() -> value(c, "SELECT ip_in_subnet('10.0.0.3', '10.0.0.1', 33)"))
          .hasMessageContaining("prefix_bits must be between 0 and 32, got 33");
    }
  }

  @Test
  void bucketsFloorBeforeTheirOrigin() {
    assertThat(ScapFunctions.time_bucket(-1L, 10L)).isEqualTo(-10L);
    assertThat(ScapFunctions.time_bucket(99L, 10L, 5L)).isEqualTo(95L);
    assertThat(ScapFunctions.time_bucket(4L, 10L, 5L)).isEqualTo(-5L);
  }

  @Test
  void durationsFollowCsysdigAtEveryStep() {
    assertThat(Durations.format(0)).isEqualTo("0ns");
    assertThat(Durations.format(999)).isEqualTo("999ns");
    assertThat(Durations.format(1_000)).isEqualTo("1.00us");
    assertThat(Durations.format(4_159)).isEqualTo("4.15us");
    assertThat(Durations.format(9_999)).isEqualTo("9.99us");
    assertThat(Durations.format(13_999)).isEqualTo("13us");
    assertThat(Durations.format(1_240_000)).isEqualTo("1.24ms");
    assertThat(Durations.format(1_050_000)).isEqualTo("1.05ms");
    assertThat(Durations.format(21_999_999)).isEqualTo("21ms");
    assertThat(Durations.format(1_999_999_999)).isEqualTo("1.99s");
    assertThat(Durations.format(15_460_000_000L)).isEqualTo("15.46s");
    assertThat(Durations.format(61_000_000_000L)).isEqualTo("1:1");
    assertThat(Durations.format(3_723_000_000_000L)).isEqualTo("01:02:03");
  }

  @Test
  void bytesForPeople() {
    assertThat(ScapFunctions.format_bytes(0L)).isEqualTo("0 B");
    assertThat(ScapFunctions.format_bytes(1023L)).isEqualTo("1023 B");
    assertThat(ScapFunctions.format_bytes(1024L)).isEqualTo("1.0 KiB");
    assertThat(ScapFunctions.format_bytes(5L << 30)).isEqualTo("5.0 GiB");
    assertThat(ScapFunctions.format_bytes(-2048L)).isEqualTo("-2.0 KiB");
    assertThat(ScapFunctions.format_bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
  }

  @Test
  void bufferRenderings() {
    byte[] http = "HTTP/1.1 200 OK\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(BufferText.dotted(http)).isEqualTo("HTTP/1.1 200 OK..Host: x....");
    assertThat(BufferText.printable(http)).isEqualTo("HTTP/1.1 200 OK\nHost: x\n");
    // A newline that opens the buffer is dropped; a lone CR is a line break; tabs vanish.
    assertThat(BufferText.printable(new byte[] {'\n', 'a', '\r', 'b', '\t', 'c', '\n'})).isEqualTo("a\nbc");
    // Line breaks before the first printable byte vanish, however they were written.
    assertThat(BufferText.printable(new byte[] {'\r', '\n', 0x1b, 'x', '\r'})).isEqualTo("x");
    assertThat(BufferText.printable(new byte[] {0, '\r', '\n', 'x', '\r', 'y', '\r', '\r'})).isEqualTo("x\ny\n");
    assertThat(BufferText.hex(new byte[] {0x18})).isEqualTo("\t0x0000: 18" + " ".repeat(35) + "  .");
    byte[] seventeen = new byte[17];
    seventeen[16] = 'A';
    assertThat(BufferText.hex(seventeen)).isEqualTo(
        "\t0x0000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n"
        + "\t0x0010: 41" + " ".repeat(35) + "  A");
    assertThat(BufferText.hex(new byte[0])).isEmpty();
    assertThat(BufferText.dotted(new byte[0])).isEmpty();
  }

  @Test
  void everyProtocolOfTheOverviewTable() {
    assertThat(Ports.protocol(80)).isEqualTo("HTTP");
    assertThat(Ports.protocol(8080)).isEqualTo("HTTP");
    assertThat(Ports.protocol(22)).isEqualTo("SSH");
    assertThat(Ports.protocol(9200)).isEqualTo("elasticsearch");
    assertThat(Ports.protocol(9400)).isEqualTo("elasticsearch");
    assertThat(Ports.protocol(9401)).isNull();
    assertThat(Ports.protocol(9000)).isEqualTo("hadoop");
    assertThat(Ports.protocol(12345)).isNull();
  }
}
