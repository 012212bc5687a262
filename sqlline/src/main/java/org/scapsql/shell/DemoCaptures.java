package org.scapsql.shell;

import java.nio.file.Path;

/**
 * The capture the shell opens when none is named. The one place to wire in the
 * generated demo capture: until then there is none, and the shell says what to pass.
 */
final class DemoCaptures {
  static final String NONE = "no capture given; pass a capture file or directory";

  private DemoCaptures() {}

  /** The demo capture; throws {@link IllegalArgumentException} with {@link #NONE} while there is none. */
  static Path path() {
    throw new IllegalArgumentException(NONE);
  }
}
