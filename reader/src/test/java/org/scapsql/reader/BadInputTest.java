package org.scapsql.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapsql.Fixtures;

/**
 * Damaged, truncated and foreign files: each gives one clear error naming the
 * file and byte offset, or, when cut short, every whole block and a warning.
 */
class BadInputTest {
  @TempDir
  Path dir;

  /** Reads every event; returns how many. */
  private static long readAll(Path f) throws IOException {
    try (CaptureReader r = CaptureReader.open(f)) {
      while (r.next() != null) {
        // just count
      }
      return r.eventCount();
    }
  }

  private static CaptureReader drain(Path f) throws IOException {
    CaptureReader r = CaptureReader.open(f);
    while (r.next() != null) {
      // consume
    }
    r.close();
    return r;
  }

  @Test
  void aTextFileIsNotACapture() throws IOException {
    Path f = CaptureBytes.write(dir, "notes.txt",
        "hello world, this is not a capture\n".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessage(f + ": at byte 0: not a scap capture: expected a section header block (0A 0D 0D 0A), found 68 65 6C 6C");
  }

  @Test
  void anEmptyFileIsNotACapture() throws IOException {
    Path f = CaptureBytes.write(dir, "empty.scap", new byte[0]);
    assertThatThrownBy(() -> readAll(f)).hasMessage(f + ": at byte 0: empty file, not a scap capture");
  }

  @Test
  void aTinyFileIsNotACapture() throws IOException {
    Path f = CaptureBytes.write(dir, "tiny.scap", new byte[] {0x0A, 0x0D, 0x0D});
    assertThatThrownBy(() -> readAll(f)).hasMessage(f + ": at byte 0: not a scap capture: only 3 bytes");
  }

  @Test
  void aGzipOfSomethingElseIsNotACapture() throws IOException {
    Path f = CaptureBytes.write(dir, "other.gz",
        CaptureBytes.gzip("plain text inside gzip".getBytes(StandardCharsets.US_ASCII)));
    assertThatThrownBy(() -> readAll(f)).hasMessage(
        f + ": at byte 0: not a scap capture: expected a section header block (0A 0D 0D 0A), found 70 6C 61 69");
  }

  @Test
  void aWrongByteOrderMagicIsReported() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    byte[] b = c.copy();
    CaptureBytes.putInt(b, 8, 0x12345678);
    Path f = CaptureBytes.write(dir, "magic.scap", b);
    assertThatThrownBy(() -> readAll(f)).hasMessage(f + ": at byte 8: bad byte-order magic 0x12345678 in section header");
  }

  @Test
  void aTruncatedPlainCaptureYieldsEveryWholeBlockThenAWarning() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    int[] ev = c.block(BlockType.EV, 100);
    byte[] cut = Arrays.copyOf(c.bytes, ev[0] + 30);
    Path f = CaptureBytes.write(dir, "cut.scap", cut);
    CaptureReader r = drain(f);
    assertThat(r.eventCount()).isEqualTo(100);
    assertThat(r.warning()).isEqualTo(f + ": at byte " + ev[0] + ": capture is truncated: the block of type EV declares "
        + ev[2] + " bytes but the stream ends after 30; read up to the last whole block");
  }

  @Test
  void aCaptureCutInsideABlockHeaderYieldsWholeBlocks() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    int[] ev = c.block(BlockType.EV, 7);
    Path f = CaptureBytes.write(dir, "cut.scap", Arrays.copyOf(c.bytes, ev[0] + 5));
    CaptureReader r = drain(f);
    assertThat(r.eventCount()).isEqualTo(7);
    assertThat(r.warning()).isEqualTo(f + ": at byte " + ev[0]
        + ": capture is truncated: the stream ends inside a block header (5 of 8 bytes); read up to the last whole block");
  }

  @Test
  void aTruncatedGzipCaptureYieldsEveryWholeBlockThenAWarning() throws IOException {
    byte[] gz = Files.readAllBytes(Fixtures.capture("run_as_user_0_container.scap"));
    byte[] half = Arrays.copyOf(gz, gz.length / 2);
    Path f = CaptureBytes.write(dir, "cut.scap.gz", half);
    // What the cut stream inflates to, by the JDK's own gzip reader, and the blocks it holds whole.
    ByteArrayOutputStream inflated = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(half))) {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        inflated.write(buf, 0, n);
      }
    } catch (EOFException expected) {
      // The stream is cut: everything before the cut has been read.
    }
    byte[] prefix = inflated.toByteArray();
    CaptureBytes partial = new CaptureBytes(prefix);
    int wholeEvents = 0;
    int[] cut = null;
    for (int[] b : partial.blocks) {
      if (b[0] + b[2] <= prefix.length) {
        wholeEvents += BlockType.isEvent(b[1]) ? 1 : 0;
      } else if (cut == null) {
        cut = b;
      }
    }
    assertThat(cut).as("the cut falls inside a block").isNotNull();
    CaptureReader r = drain(f);
    assertThat(r.eventCount()).isEqualTo(wholeEvents).isEqualTo(1021);
    assertThat(r.warning()).isEqualTo(f + ": at byte " + cut[0] + ": capture is truncated: the block of type "
        + BlockType.name(cut[1]) + " declares " + cut[2] + " bytes but the stream ends after "
        + (prefix.length - cut[0])
        + "; read up to the last whole block");
  }

  @Test
  void aCaptureStillBeingWrittenReadsUpToItsLastWholeBlock() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("ping_sendto.scap"));
    int[] ev = c.block(BlockType.EV_V2, 500);
    // The writer has finished block 500 and started the next one.
    Path f = CaptureBytes.write(dir, "live.scap", Arrays.copyOf(c.bytes, ev[0] + ev[2] + 12));
    CaptureReader r = drain(f);
    assertThat(r.eventCount()).isEqualTo(501);
    int[] next = c.blocks.get(c.blocks.indexOf(ev) + 1);
    assertThat(r.warning()).isEqualTo(f + ": at byte " + next[0] + ": capture is truncated: the block of type "
        + BlockType.name(next[1]) + " declares " + next[2] + " bytes but the stream ends after 12;"
        + " read up to the last whole block");
  }

  @Test
  void anAbsurdBlockLengthIsAnError() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    int[] ev = c.block(BlockType.EV, 10);
    byte[] b = c.copy();
    CaptureBytes.putInt(b, ev[0] + 4, 0x40000000);
    Path f = CaptureBytes.write(dir, "huge.scap", b);
    assertThatThrownBy(() -> readAll(f)).isInstanceOf(CaptureFormatException.class).hasMessage(f + ": at byte " + ev[0]
        + ": block of type EV declares length 1073741824, more than the " + BlockReader.MAX_SMALL_EVENT_BLOCK
        + " bytes such a block may have");
  }

  @Test
  void anAbsurdMetadataBlockLengthIsAnError() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    int[] pl = c.block(BlockType.PL_V6, 0);
    byte[] b = c.copy();
    CaptureBytes.putInt(b, pl[0] + 4, 0xFFFFFFF0);
    Path f = CaptureBytes.write(dir, "huge.scap", b);
    assertThatThrownBy(() -> readAll(f)).hasMessage(f + ": at byte " + pl[0]
        + ": block of type PL_V6 declares length 4294967280, more than the " + BlockReader.DEFAULT_MAX_BLOCK_BYTES
        + " bytes such a block may have");
  }

  @Test
  void aBlockLengthBelowTheMinimumIsAnError() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    int[] ev = c.block(BlockType.EV, 3);
    byte[] b = c.copy();
    CaptureBytes.putInt(b, ev[0] + 4, 8);
    Path f = CaptureBytes.write(dir, "short.scap", b);
    assertThatThrownBy(() -> readAll(f)).hasMessage(f + ": at byte " + ev[0]
        + ": block of type EV declares length 8, below the minimum of 12");
  }

  @Test
  void aMismatchedTrailerIsAnError() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    int[] ev = c.block(BlockType.EV, 20);
    byte[] b = c.copy();
    int trailer = ev[0] + ev[2] - 4;
    CaptureBytes.putInt(b, trailer, ev[2] + 4);
    Path f = CaptureBytes.write(dir, "trailer.scap", b);
    assertThatThrownBy(() -> readAll(f)).hasMessage(f + ": at byte " + trailer
        + ": block of type EV: trailing length " + (ev[2] + 4) + " does not match leading length " + ev[2]);
  }

  @Test
  void parametersOverrunningTheirEventAreAnError() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("ping_sendto.scap"));
    int[] ev = c.block(BlockType.EV_V2, 0);
    byte[] b = c.copy();
    int lengths = ev[0] + 8 + 2 + 26;  // block header, cpu id, event header
    CaptureBytes.putShort(b, lengths, 60000);
    Path f = CaptureBytes.write(dir, "overrun.scap", b);
    assertThatThrownBy(() -> readAll(f)).isInstanceOf(CaptureFormatException.class).hasMessageStartingWith(
        f + ": at byte " + lengths + ": parameter 0 of event type 234 (procinfo) declares 60000 bytes but only ");
  }

  @Test
  void oldEventsWhoseLengthsDoNotAddUpAreAnError() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    int[] ev = c.block(BlockType.EV, 0);
    byte[] b = c.copy();
    int lengths = ev[0] + 8 + 2 + 22;
    CaptureBytes.putShort(b, lengths, 9);
    Path f = CaptureBytes.write(dir, "sum.scap", b);
    assertThatThrownBy(() -> readAll(f)).hasMessageStartingWith(f + ": at byte " + (ev[0] + 10)
        + ": the parameter lengths of event type 234 (procinfo) do not add up to its length of ");
  }

  @Test
  void anEventLengthBeyondItsBlockIsAnError() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("ping_sendto.scap"));
    int[] ev = c.block(BlockType.EV_V2, 2);
    byte[] b = c.copy();
    int lenField = ev[0] + 8 + 2 + 16;
    CaptureBytes.putInt(b, lenField, 5000);
    Path f = CaptureBytes.write(dir, "evlen.scap", b);
    assertThatThrownBy(() -> readAll(f)).hasMessage(f + ": at byte " + lenField
        + ": event length 5000 does not fit its block (header 26 bytes, room " + (ev[2] - 12 - 2) + ")");
  }

  @Test
  void aProcessListStringLongerThanItsLimitIsAnError() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    int[] pl = c.block(BlockType.PL_V6, 0);
    byte[] b = c.copy();
    int comm = pl[0] + 8 + 32;  // tid, pid, ptid, sid
    CaptureBytes.putShort(b, comm, 5000);
    Path f = CaptureBytes.write(dir, "comm.scap", b);
    assertThatThrownBy(() -> readAll(f)).hasMessage(f + ": at byte " + comm
        + ": comm declares 5000 bytes, more than its limit of 1024");
  }

  @Test
  void unknownBlocksAreSkipped() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    int[] ev = c.block(BlockType.EV, 50);
    byte[] unknown = new byte[16];
    CaptureBytes.putInt(unknown, 0, 0x7777);
    CaptureBytes.putInt(unknown, 4, 16);
    CaptureBytes.putInt(unknown, 12, 16);
    byte[] b = new byte[c.bytes.length + 16];
    System.arraycopy(c.bytes, 0, b, 0, ev[0]);
    System.arraycopy(unknown, 0, b, ev[0], 16);
    System.arraycopy(c.bytes, ev[0], b, ev[0] + 16, c.bytes.length - ev[0]);
    Path f = CaptureBytes.write(dir, "unknown.scap", b);
    long[] seen = new long[2];
    try (CaptureReader r = CaptureReader.open(f)) {
      r.listener(new CaptureListener() {
        @Override
        public void onUnknownBlock(int type, long offset, int length) {
          seen[0] = type;
          seen[1] = offset;
        }
      });
      while (r.next() != null) {
        // consume
      }
      assertThat(r.eventCount()).isEqualTo(345);
      assertThat(r.warning()).isNull();
    }
    assertThat(seen).containsExactly(0x7777, ev[0]);
  }

  @Test
  void concatenatedCapturesReadAsSections() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("cat_write.scap"));
    byte[] b = new byte[c.bytes.length * 2];
    System.arraycopy(c.bytes, 0, b, 0, c.bytes.length);
    System.arraycopy(c.bytes, 0, b, c.bytes.length, c.bytes.length);
    Path f = CaptureBytes.write(dir, "twice.scap", b);
    int[] sections = new int[1];
    try (CaptureReader r = CaptureReader.open(f)) {
      r.listener(new CaptureListener() {
        @Override
        public void onSection(SectionHeader header) {
          sections[0]++;
        }
      });
      Event last = null;
      for (Event e; (e = r.next()) != null; ) {
        last = e;
      }
      assertThat(last.num()).isEqualTo(690);
      assertThat(r.sectionCount()).isEqualTo(2);
    }
    assertThat(sections[0]).isEqualTo(2);
  }

  @Test
  void plainAndGzipFilesReadTheSame() throws IOException {
    CaptureBytes c = CaptureBytes.of(Fixtures.capture("syscall.scap"));
    Path plain = CaptureBytes.write(dir, "plain.scap", c.bytes);
    Path gzip = CaptureBytes.write(dir, "packed.scap.gz", CaptureBytes.gzip(c.bytes));
    List<String> fromPlain = events(plain, false);
    List<String> fromGzip = events(gzip, true);
    // The fixture itself is gzip-compressed by sysdig -z, in its own deflate stream.
    List<String> fromFixture = events(Fixtures.capture("syscall.scap"), true);
    assertThat(fromPlain).hasSize(368);
    assertThat(fromGzip).containsExactlyElementsOf(fromPlain);
    assertThat(fromFixture).containsExactlyElementsOf(fromPlain);
  }

  /** Every event as "number offset time tid type: parameter bytes", checking how the file was read. */
  private static List<String> events(Path f, boolean gzip) throws IOException {
    List<String> out = new ArrayList<>();
    try (CaptureReader r = CaptureReader.open(f)) {
      for (Event e; (e = r.next()) != null; ) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.num()).append(' ').append(e.offset()).append(' ').append(e.ts()).append(' ').append(e.tid())
            .append(' ').append(e.type()).append(':');
        for (int i = 0; i < e.nparams(); i++) {
          sb.append(' ').append(HexFormat.of().formatHex(e.paramBytes(i)));
        }
        out.add(sb.toString());
      }
      assertThat(r.isGzip()).as(f.toString()).isEqualTo(gzip);
      assertThat(r.warning()).isNull();
    }
    return out;
  }
}
