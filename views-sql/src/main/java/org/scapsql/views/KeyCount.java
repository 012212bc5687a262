package org.scapsql.views;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code inspect.key_count(key)}: the number of different non-NULL keys, as
 * {@code COUNT(DISTINCT key)}. The overview counts several different kinds of key in
 * one pass; Calcite would run a {@code COUNT(DISTINCT)} per kind as a grouping set of
 * its own and read every event once per set.
 */
public final class KeyCount {
  public Set<String> init() {
    return new HashSet<>();
  }

  public Set<String> add(Set<String> keys, String key) {
    if (key != null) {
      keys.add(key);
    }
    return keys;
  }

  public Set<String> merge(Set<String> a, Set<String> b) {
    a.addAll(b);
    return a;
  }

  public long result(Set<String> keys) {
    return keys.size();
  }
}
