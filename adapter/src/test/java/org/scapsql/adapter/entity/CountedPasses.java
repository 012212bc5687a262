package org.scapsql.adapter.entity;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the entity passes the JVM runs, from a clean entity cache, for tests that must
 * see how many passes a query took; closing it puts the real pass back and forgets
 * what was computed.
 */
final class CountedPasses implements AutoCloseable {
  final AtomicInteger count = new AtomicInteger();

  CountedPasses() {
    EntityCache.clear();
    EntityCache.pass = (capture, control, file, key) -> {
      count.incrementAndGet();
      EntityPass.write(capture, control, file, key);
    };
  }

  @Override
  public void close() {
    EntityCache.pass = EntityPass::write;
    EntityCache.clear();
  }
}
