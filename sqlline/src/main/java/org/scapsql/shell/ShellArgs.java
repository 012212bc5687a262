package org.scapsql.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code scapsql [-e SQL] [--format F] [--url URL | CAPTURE...]} asks for. */
record ShellArgs(String sql, OutputFormat format, String url, List<Path> captures, boolean help) {
  static final String USAGE = String.join("\n",
      "  [CAPTURE...]",
      "        open the SQL shell on the captures (files or directories; none: the demo capture)",
      "  -e SQL [--format table|csv|json] [CAPTURE...]",
      "        run one query, print its rows and exit (non-zero with the database's message on error)",
      "  --url JDBC_URL [-e SQL]",
      "        the same on any JDBC URL, e.g. a scapsql server:",
      "        jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=protobuf");

  ShellArgs {
    captures = List.copyOf(captures);
  }

  static ShellArgs parse(String[] args) {
    String sql = null;
    OutputFormat format = null;
    String url = null;
    boolean help = false;
    List<Path> captures = new ArrayList<>();
    boolean options = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (options && a.equals("--")) {
        options = false;
      } else if (options && (a.equals("-e") || a.equals("--execute"))) {
        sql = value(args, ++i, a);
      } else if (options && a.equals("--format")) {
        format = OutputFormat.parse(value(args, ++i, a));
      } else if (options && a.startsWith("--format=")) {
        format = OutputFormat.parse(a.substring("--format=".length()));
      } else if (options && a.equals("--url")) {
        url = value(args, ++i, a);
      } else if (options && (a.equals("-h") || a.equals("--help"))) {
        help = true;
      } else if (options && a.startsWith("-") && a.length() > 1) {
        throw new IllegalArgumentException("unknown option " + a);
      } else {
        captures.add(Path.of(a));
      }
    }
    if (url != null && !captures.isEmpty()) {
      throw new IllegalArgumentException("give either --url or captures, not both");
    }
    if (sql != null && sql.isBlank()) {
      throw new IllegalArgumentException("-e needs a query");
    }
    return new ShellArgs(sql, format, url, captures, help);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
