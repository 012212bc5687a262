package org.scapsql.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import org.scapsql.generate.DemoCapture;
import org.scapsql.reader.Dialect;
import org.scapsql.render.SysdigDump;

/** {@code scapsql dump}: the command around {@link SysdigDump}. */
public final class Dump {
  private Dump() {}

  /**
   * Command-line entry: {@code dump [--internal] [--dialect sysdig-0.29|current] [CAPTURE]}; without a
   * capture it dumps the generated demo capture.
   */
  public static int main(String[] args, PrintStream stdout, PrintStream stderr) {
    boolean internal = false;
    Dialect dialect = null;
    String file = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--internal":
        case "-D":
          internal = true;
          break;
        case "--dialect":
          if (i + 1 >= args.length) {
            stderr.println("scapsql dump: --dialect needs a value (sysdig-0.29 or current)");
            return 2;
          }
          String v = args[++i];
          if (v.equals("sysdig-0.29")) {
            dialect = Dialect.SYSDIG_0_29;
          } else if (v.equals("current")) {
            dialect = Dialect.CURRENT;
          } else {
            stderr.println("scapsql dump: unknown dialect '" + v + "' (sysdig-0.29 or current)");
            return 2;
          }
          break;
        default:
          if (args[i].startsWith("-")) {
            stderr.println("scapsql dump: unknown option " + args[i]);
            return 2;
          }
          if (file != null) {
            stderr.println("scapsql dump: one capture at a time");
            return 2;
          }
          file = args[i];
      }
    }
    if (file == null) {
      try {
        file = DemoCapture.path().toString();
      } catch (IOException e) {
        stderr.println("scapsql: no capture given, and the demo capture could not be made: " + e.getMessage());
        return 1;
      }
      stderr.println("scapsql: no capture given; dumping the demo capture " + file);
    }
    Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
    try {
      String warning = new SysdigDump(internal, dialect, ZoneId.systemDefault()).run(Path.of(file), out);
      if (warning != null) {
        stderr.println("scapsql: warning: " + warning);
      }
      return 0;
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      flushQuietly(out);
      stderr.println("scapsql: " + file + ": " + (java.nio.file.Files.exists(Path.of(file)) ? "cannot be read"
          : "no such file"));
      return 1;
    } catch (IOException e) {
      flushQuietly(out);
      stderr.println("scapsql: " + e.getMessage());
      return 1;
    }
  }

  private static void flushQuietly(Writer w) {
    try {
      w.flush();
    } catch (IOException ignored) {
      // The error that follows matters more than output lost on a closed pipe.
    }
  }

  public static void main(String[] args) {
    System.exit(main(args, System.out, System.err));
  }
}
