package org.scapsql.adapter.entity;

import java.util.function.Function;
import org.scapsql.render.SysdigFields;
import org.scapsql.state.ProcessFds;
import org.scapsql.state.ThreadInfo;

/**
 * One process lifetime (thread group from fork or the process table to its last thread's exit), as the
 * {@code processes} columns ({@link EntityColumns#PROCESSES}) read it.
 */
public final class ProcessRow implements EntityColumns.OfCapture {
  /** The pass that recorded it: the capture's name and the tracker as the pass ended. */
  private final EntityPass pass;
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

  ProcessRow(EntityPass pass, ProcessFds process, Long start) {
    this.pass = pass;
    this.lifetime = process.lifetimeId();
    this.start = start;
  }

  /** An attribute of the representative thread; null when the process has none. */
  Object rep(Function<ThreadInfo, ?> attribute) {
    return representative == null ? null : attribute.apply(representative);
  }

  /** The exit code procexit reported (its status's high byte), or null when none was seen. */
  Integer exitCode() {
    ThreadInfo t = representative;
    return t != null && t.exitStatus != Long.MIN_VALUE ? Integer.valueOf((int) ((t.exitStatus >> 8) & 0xFF)) : null;
  }

  SysdigFields fields() {
    return pass.fields();
  }

  @Override
  public String capture() {
    return pass.capture();
  }
}
