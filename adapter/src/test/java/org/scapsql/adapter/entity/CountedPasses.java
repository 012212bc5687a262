package org.scapsql.adapter.entity;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Counts the entity passes the JVM runs during each test, from a clean entity cache, for
 * tests that must see how many passes a query took. Registered as a field
 * ({@code @RegisterExtension}); after each test it puts the real pass back and forgets
 * what was computed.
 */
final class CountedPasses implements BeforeEachCallback, AfterEachCallback {
  final AtomicInteger count = new AtomicInteger();

  @Override
  public void beforeEach(ExtensionContext context) {
    count.set(0);
    EntityCache.clear();
    EntityCache.pass = (capture, control, file, key) -> {
      count.incrementAndGet();
      EntityPass.write(capture, control, file, key);
    };
  }

  @Override
  public void afterEach(ExtensionContext context) {
    EntityCache.pass = EntityPass::write;
    EntityCache.clear();
  }
}
