package org.scapsql.adapter.entity;

import org.scapsql.state.ThreadInfo;

/** One thread lifetime. */
public final class ThreadRow {
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
}
