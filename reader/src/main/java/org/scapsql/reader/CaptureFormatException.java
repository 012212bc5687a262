package org.scapsql.reader;

import java.io.IOException;

/**
 * A capture that cannot be read past some point. The message always names the
 * file and the byte offset (in the uncompressed block stream) so that a user can
 * find the damage with a hex dump.
 */
public final class CaptureFormatException extends IOException {
  private final String file;
  private final long offset;

  public CaptureFormatException(String file, long offset, String problem) {
    super(file + ": at byte " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  public String file() {
    return file;
  }

  /** Offset in the uncompressed stream of the block (or field) that is wrong. */
  public long offset() {
    return offset;
  }
}
