package org.scapsql.adapter.entity;

import org.scapsql.state.FdInfo;

/** One file descriptor lifetime: from its open (or the fd table) to its close, with its I/O. */
public final class FdRow {
  public final long lifetime;
  public final FdInfo fd;
  public final ProcessRow process;
  public final Long tid;
  public final Long open;
  public Long close;
  public long bytesRead;
  public long bytesWritten;
  public long reads;
  public long writes;
  public long errors;

  FdRow(long lifetime, FdInfo fd, ProcessRow process, Long tid, Long open) {
    this.lifetime = lifetime;
    this.fd = fd;
    this.process = process;
    this.tid = tid;
    this.open = open;
  }
}
