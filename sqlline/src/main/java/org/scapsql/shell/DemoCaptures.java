package org.scapsql.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.scapsql.generate.DemoCapture;

/**
 * The capture the shell and the server open when none is named: the generated
 * demo capture, made on first use and cached (see {@link DemoCapture}).
 */
final class DemoCaptures {
  private DemoCaptures() {}

  static Path path() {
    try {
      return DemoCapture.path();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the demo capture: " + e.getMessage(), e);
    }
  }
}
