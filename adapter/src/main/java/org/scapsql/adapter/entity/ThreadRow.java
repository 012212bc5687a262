package org.scapsql.adapter.entity;

import org.scapsql.state.ThreadInfo;

/** One thread lifetime, as the {@code threads} columns ({@link EntityColumns#THREADS}) read it. */
public final class ThreadRow implements EntityColumns.OfCapture {
  public final long lifetime;
  public final ThreadInfo thread;
  public final ProcessRow process;
  public final Long start;
  public Long end;

  ThreadRow(long lifetime, ThreadInfo thread, ProcessRow process, Long start) {
    this.lifetime = lifetime;
    this.thread = thread;
    this.process = process;
    this.start = start;
  }

  @Override
  public String capture() {
    return process.capture();
  }
}
