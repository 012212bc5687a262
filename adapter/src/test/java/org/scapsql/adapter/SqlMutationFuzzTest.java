package org.scapsql.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scapsql.Fixtures;
import org.scapsql.reader.CaptureFormatException;
import org.scapsql.reader.CaptureReader;

/**
 * The reader's mutation fuzz, one layer up: SQL over a randomly damaged capture never
 * fails. It counts exactly the events the reader gets through before the damage, and
 * whenever the reader stops early (damage or truncation) the statement carries a
 * warning naming the file. More rounds with -Dscapsql.sqlFuzzRounds=N (the fuzz
 * profile runs 1,000 per capture).
 */
class SqlMutationFuzzTest {
  private static final int ROUNDS = Integer.getInteger("scapsql.sqlFuzzRounds", 40);

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"cat_write.scap", "run_as_user_0_container.scap"})
  void damagedCapturesAnswerWithWarnings(String name) throws Exception {
    byte[] original;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.capture(name)))) {
      original = in.readAllBytes();
    }
    SplittableRandom r = new SplittableRandom(name.hashCode() * 17L);
    List<String> wrong = new ArrayList<>();
    int warned = 0;
    // One file, rewritten each round, under one connection: the queries are planned and compiled once.
    Path f = dir.resolve("damaged.scap");
    Files.write(f, original);
    try (Sql sql = Sql.of(f);
        PreparedStatement events = sql.connection.prepareStatement(
            "SELECT count(*), max(evt_args), max(fd_name), max(proc_name) FROM events");
        PreparedStatement processes = sql.connection.prepareStatement("SELECT count(*) FROM processes")) {
      QueryWarnings w = QueryWarnings.attach(events);
      for (int round = 0; round < ROUNDS; round++) {
        byte[] b = original.clone();
        int at = r.nextInt(b.length);
        switch (r.nextInt(3)) {
          case 0:
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
              b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            break;
          case 1:
            if (at + 4 <= b.length) {
              int[] words = {0, -1, 0x7FFFFFFF, 0x10000, r.nextInt()};
              ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at & ~3, words[r.nextInt(words.length)]);
            }
            break;
          default:
            b = java.util.Arrays.copyOf(b, at);
        }
        Files.write(f, b);
        long[] truth = readerTruth(f);
        w.clear();
        try {
          long counted;
          try (ResultSet rs = events.executeQuery()) {
            rs.next();
            counted = rs.getLong(1);
          }
          if (counted != truth[0]) {
            wrong.add("round " + round + ": " + counted + " rows, the reader reads " + truth[0]);
          }
          boolean stoppedEarly = truth[1] != 0;
          List<String> warnings = w.list();
          if (stoppedEarly != !warnings.isEmpty()
              || (stoppedEarly && !warnings.get(0).startsWith(f.toAbsolutePath().normalize() + ": at byte "))) {
            wrong.add("round " + round + ": reader stopped early " + stoppedEarly + ", warnings " + warnings);
          }
          warned += stoppedEarly ? 1 : 0;
          // The entity pass over the same damage (computed afresh: the file changed under the same name).
          org.scapsql.adapter.entity.EntityCache.clear();
          try (ResultSet rs = processes.executeQuery()) {
            rs.next();
          }
        } catch (SQLException | RuntimeException e) {
          wrong.add("round " + round + ": " + e);
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(warned).as("damaged rounds").isPositive();
  }

  /** Events the reader returns before it stops, and 1 if it stopped early (damage or truncation). */
  private static long[] readerTruth(Path f) throws IOException {
    long n = 0;
    try (CaptureReader reader = CaptureReader.open(f)) {
      try {
        while (reader.next() != null) {
          n++;
        }
      } catch (CaptureFormatException damage) {
        return new long[] {n, 1};
      }
      return new long[] {n, reader.warning() != null ? 1 : 0};
    } catch (CaptureFormatException notEvenOpened) {
      return new long[] {0, 1};
    }
  }
}
