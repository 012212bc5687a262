package org.scapsql.adapter.entity;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of one entity table of one capture. Each iteration reads them afresh from
 * the capture's entity file, a block at a time, so a table of millions of fd lifetimes
 * costs a block of memory, not the table.
 */
public final class EntityRows implements Iterable<Object[]> {
  /** Where the rows come from: each call starts over. */
  interface Source {
    Iterator<Object[]> iterator();
  }

  private final Source source;
  private final long size;

  EntityRows(Source source, long size) {
    this.source = source;
    this.size = size;
  }

  /** How many rows the table has. */
  public long size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public Iterator<Object[]> iterator() {
    return source.iterator();
  }

  /** Every row in a list: for tests and small tables only. */
  public List<Object[]> toList() {
    List<Object[]> out = new ArrayList<>();
    forEach(out::add);
    return out;
  }
}
