package org.scapsql.adapter.entity;

import org.scapsql.state.ProcessFds;
import org.scapsql.state.ThreadInfo;

/** One process lifetime (thread group from fork or the process table to its last thread's exit). */
public final class ProcessRow {
  public final long lifetime;
  /** The thread whose attributes describe the process (the main thread when known). */
  ThreadInfo representative;
  public Long start;
  public Long end;
  public int threads;

  ProcessRow(ProcessFds process, Long start) {
    this.lifetime = process.lifetimeId();
    this.start = start;
  }
}
