package org.scapsql.adapter.entity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scapsql.reader.CaptureReader;
import org.scapsql.reader.Dialect;

/**
 * What the opening blocks of a capture tell, read without a whole pass: the dialect,
 * which the reader fixes at the first event. Queries that join {@code scap.capture} for
 * it (every Inspect view does, through {@code inspect.view_events}) need not wait for the
 * entity pass before their events scan starts, so the two can run on two cores.
 *
 * <p>Kept per capture state (path, size, modification time) like the entities; a
 * capture that cannot be read this far gives no facts, and the caller takes the whole
 * pass, which reports the damage as it always does.
 */
public final class OpeningFacts {
  private static final int MAX_CAPTURES = 256;
  private static final Map<String, Opening> KNOWN = new LinkedHashMap<>(16, 0.75f, true);

  /** The dialect as the entity pass would report it: null for a capture without events. */
  public record Opening(String dialect) {}

  private OpeningFacts() {}

  /** The opening facts of {@code capture}, or null when they cannot be read. */
  public static Opening of(Path capture) {
    if (!Files.isRegularFile(capture)) {
      // A pipe can be read once: its only pass must be the query's.
      return null;
    }
    String key;
    try {
      key = EntityCache.key(capture);
    } catch (IOException e) {
      return null;
    }
    synchronized (KNOWN) {
      Opening o = KNOWN.get(key);
      if (o != null) {
        return o;
      }
    }
    Opening o;
    try (CaptureReader r = CaptureReader.open(capture)) {
      r.next();
      Dialect d = r.dialect();
      o = new Opening(d == null ? null : d.name().toLowerCase());
    } catch (IOException | RuntimeException e) {
      return null;
    }
    synchronized (KNOWN) {
      KNOWN.put(key, o);
      if (KNOWN.size() > MAX_CAPTURES) {
        KNOWN.remove(KNOWN.keySet().iterator().next());
      }
    }
    return o;
  }
}
