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
  /** The main thread's parent tid as the process appeared; null until its main thread is seen. */
  Long parentTid;
  /** Lifetime id and name of that parent, when the tracker held it. */
  Long parentLifetime;
  String parentName;

  ProcessRow(ProcessFds process, Long start) {
    this.lifetime = process.lifetimeId();
    this.start = start;
  }
}
