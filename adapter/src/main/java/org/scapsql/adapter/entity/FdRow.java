package org.scapsql.adapter.entity;

import org.scapsql.reader.FdEntry;
import org.scapsql.state.FdInfo;

/**
 * One file descriptor lifetime: from its open (or the fd table) to its close, with its I/O, as the
 * {@code fds} and {@code connections} columns read it.
 */
public final class FdRow implements EntityColumns.OfCapture {
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

  /** Open flags are never 0 (O_RDONLY is a bit of its own in scap's encoding): 0 means the writer did not say. */
  private boolean flagsKnown() {
    boolean file = fd.type == FdEntry.FILE_V2 || fd.type == FdEntry.FILE;
    return (file || fd.type == FdEntry.DIRECTORY) && fd.openFlags != 0;
  }

  /** The open flags as a number, or null. */
  Long rawOpenFlags() {
    return flagsKnown() ? Long.valueOf(fd.openFlags & 0xFFFFFFFFL) : null;
  }

  /** Whether the socket has an address: the sockets the {@code connections} table lists. */
  boolean isConnection() {
    return fd.isInet() && fd.sip != null;
  }

  @Override
  public String capture() {
    return process.capture();
  }
}
