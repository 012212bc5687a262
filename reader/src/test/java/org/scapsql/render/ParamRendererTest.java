package org.scapsql.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.scapsql.reader.PrintFormat;

class ParamRendererTest {
  @Test
  void percentGFormatsLikeC() {
    assertThat(ParamRenderer.cG(1)).isEqualTo("1");
    assertThat(ParamRenderer.cG(0.5)).isEqualTo("0.5");
    assertThat(ParamRenderer.cG(0.000001)).isEqualTo("1e-06");
    assertThat(ParamRenderer.cG(0.0001)).isEqualTo("0.0001");
    assertThat(ParamRenderer.cG(123456789)).isEqualTo("1.23457e+08");
    assertThat(ParamRenderer.cG(100000)).isEqualTo("100000");
    assertThat(ParamRenderer.cG(1000000)).isEqualTo("1e+06");
    assertThat(ParamRenderer.cG(0.1234567)).isEqualTo("0.123457");
  }

  @Test
  void integersFollowTheirPrintFormat() {
    assertThat(ParamRenderer.integer(0x7FAD48782000L, PrintFormat.HEX, 8)).isEqualTo("7FAD48782000");
    assertThat(ParamRenderer.integer(-1, PrintFormat.HEX, 4)).isEqualTo("FFFFFFFF");
    assertThat(ParamRenderer.integer(0644, PrintFormat.OCT, 4)).isEqualTo("0644");
    assertThat(ParamRenderer.integer(0, PrintFormat.OCT, 4)).isEqualTo("0");
    assertThat(ParamRenderer.integer(-55, PrintFormat.DEC, 8)).isEqualTo("-55");
  }

  @Test
  void buffersShowPrintableBytesAndAreCutAt80() {
    StringBuilder sb = new StringBuilder();
    byte[] data = "GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII);
    ParamRenderer.appendBuffer(sb, ByteBuffer.wrap(data), 0, data.length, true);
    assertThat(sb.toString()).isEqualTo("GET / HTTP/1.1..Host: x..");
    sb.setLength(0);
    byte[] big = new byte[100];
    java.util.Arrays.fill(big, (byte) 'a');
    ParamRenderer.appendBuffer(sb, ByteBuffer.wrap(big), 0, big.length, true);
    assertThat(sb.toString()).hasSize(80).endsWith("aaa...");
  }

  @Test
  void namesLoseNonPrintableCharacters() {
    assertThat(ParamRenderer.printable("/run/sock\n")).isEqualTo("/run/sock");
    assertThat(ParamRenderer.printable("/tmp/caf\u00e9")).isEqualTo("/tmp/caf");
  }

  @Test
  void errnoNamesAsSysdigResolvesThem() {
    assertThat(Errno.name(2)).isEqualTo("ENOENT");
    assertThat(Errno.name(11)).isEqualTo("EAGAIN");
    assertThat(Errno.name(115)).isEqualTo("EINPROGRESS");
    assertThat(Errno.name(514)).isEqualTo("ERESTARTNOHAND");
    assertThat(Errno.name(516)).isEqualTo("ERESTART_RESTARTBLOCK");
    assertThat(Errno.name(41)).isNull();
    assertThat(Errno.name(126)).isNull();
    assertThat(Errno.result(0)).isEqualTo("SUCCESS");
    assertThat(Errno.result(-13)).isEqualTo("EACCES");
    assertThat(Errno.result(-200)).isEqualTo("-200");
  }
}
