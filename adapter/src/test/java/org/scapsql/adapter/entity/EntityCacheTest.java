package org.scapsql.adapter.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scapsql.Fixtures;
import org.scapsql.adapter.QueryControl;

/**
 * The entities of a capture are computed once for every caller in the JVM, and a pass
 * that fails, even with an Error such as running out of memory, fails every query
 * waiting for it with a clear message and leaves nothing behind that would make later
 * queries wait for ever: the next query runs the pass again.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EntityCacheTest {
  private static final Path CAPTURE = Fixtures.capturesDir().resolve("cat_write.scap");
  @RegisterExtension
  final CountedPasses counted = new CountedPasses();
  private final AtomicInteger passes = counted.count;

  private static List<Object[]> rows(Entities e) {
    List<Object[]> all = new ArrayList<>(e.processes().toList());
    all.addAll(e.fds().toList());
    return all;
  }

  @Test
  void onePassServesEveryLaterQuery() throws Exception {
    Entities first = EntityCache.get(CAPTURE, QueryControl.none());
    Entities second = EntityCache.get(CAPTURE, QueryControl.none());
    assertThat(second).isSameAs(first);
    assertThat(passes).hasValue(1);
    // Rows are read afresh from the file each time, the same each time.
    assertThat(rows(second)).usingRecursiveFieldByFieldElementComparator().isEqualTo(rows(first));
    assertThat(first.fds().size()).isPositive();
  }

  /** Two queries at once: the second waits for the first one's pass, and both get its error. */
  @Test
  void aPassOutOfMemoryFailsEveryWaiterClearlyAndTheNextQueryRunsItAgain() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EntityCache.pass = (capture, control, file, key) -> {
      passes.incrementAndGet();
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new OutOfMemoryError("Java heap space (a test's)");
    };
    CompletableFuture<Entities> a = CompletableFuture.supplyAsync(() -> EntityCache.get(CAPTURE, QueryControl.none()));
    assertThat(started.await(1, TimeUnit.MINUTES)).isTrue();
    CompletableFuture<Entities> b = CompletableFuture.supplyAsync(() -> EntityCache.get(CAPTURE, QueryControl.none()));
    Thread.sleep(300);
    assertThat(b).as("waiting for the pass under way").isNotDone();
    release.countDown();
    for (CompletableFuture<Entities> f : List.of(a, b)) {
      assertThatThrownBy(() -> get(f)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not enough memory for the entity tables");
    }
    assertThat(passes).as("one pass for both").hasValue(1);
    // Nothing is left pending: the next query runs the pass, which now succeeds.
    EntityCache.pass = (capture, control, file, key) -> {
      passes.incrementAndGet();
      EntityPass.write(capture, control, file, key);
    };
    Entities e = EntityCache.get(CAPTURE, QueryControl.none());
    assertThat(passes).hasValue(2);
    assertThat(rows(e)).usingRecursiveFieldByFieldElementComparator()
        .isEqualTo(rows(EntityPass.run(CAPTURE, QueryControl.none())));
  }

  @Test
  void aPassThatCannotReadFailsWithItsReasonAndIsNotKept() {
    EntityCache.pass = (capture, control, file, key) -> {
      passes.incrementAndGet();
      throw new IOException(capture + ": the disk went away (a test's)");
    };
    for (int i = 1; i <= 2; i++) {
      assertThatThrownBy(() -> EntityCache.get(CAPTURE, QueryControl.none()))
          .isInstanceOf(UncheckedIOException.class).hasMessageContaining("the disk went away");
      assertThat(passes).as("a failure is not remembered").hasValue(i);
    }
  }

  private static Entities get(CompletableFuture<Entities> f) throws Throwable {
    try {
      return f.get(1, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }
}
