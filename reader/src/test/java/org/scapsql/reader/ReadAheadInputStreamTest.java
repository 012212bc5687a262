package org.scapsql.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A reader thread hands bytes to the parser: a lost wake-up would hang, so each test has a tight bound. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadAheadInputStreamTest {
  private static byte[] random(int n) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt();
    }
    return b;
  }

  @Test
  void deliversTheSourceBytesExactly() throws IOException {
    byte[] data = random((5 << 20) + 12345);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), "test")) {
      byte[] buf = new byte[7777];
      for (int n; (n = in.read(buf, 0, buf.length)) > 0; ) {
        out.write(buf, 0, n);
      }
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(out.toByteArray()).isEqualTo(data);
  }

  @Test
  void aFailureArrivesAfterTheBytesBeforeIt() throws IOException {
    byte[] data = random(3_000_000);
    EOFException cut = new EOFException("Unexpected end of ZLIB input stream");
    InputStream failing = new InputStream() {
      private int pos;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (pos == data.length) {
          throw cut;
        }
        int n = Math.min(len, data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
      }
    };
    try (InputStream in = new ReadAheadInputStream(failing, "test")) {
      byte[] got = in.readNBytes(data.length);
      assertThat(got).isEqualTo(data);
      assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isSameAs(cut);
    }
  }

  @Test
  void closingAnUnreadStreamDoesNotHang() throws Exception {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 0;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return len;
      }
    };
    ReadAheadInputStream in = new ReadAheadInputStream(endless, "test");
    assertThat(in.read(new byte[100], 0, 100)).isEqualTo(100);
    in.close();
  }
}
