package org.scapsql.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code scapsql [-e SQL | -f FILE] [--format F] [--fun LIST] [--url URL | CAPTURE...]}
 * asks for. {@code script} is the file of {@code -f} ("-" for standard input).
 */
record ShellArgs(String sql, String script, OutputFormat format, String url, String fun, List<Path> captures,
    boolean help, boolean version) {
  static final String USAGE = String.join("\n",
      "  [CAPTURE...]",
      "        open the SQL shell on the captures (files or directories; none: the demo capture)",
      "  -e SQL [--format table|csv|json] [CAPTURE...]",
      "        run the statements (';' between them; a last ';' is optional), print their rows and exit;",
      "        on an error, exit 1 with the database's message in one line",
      "  -f FILE [--format table|csv|json] [CAPTURE...]",
      "        the same for the statements in FILE ('-': standard input; -- and /* */ comments allowed);",
      "        stops at the first failing statement and names its line",
      "  --fun LIST",
      "        more SQL function libraries on top of the default standard,postgresql, e.g. --fun bigquery",
      "        (libraries: " + org.scapsql.driver.ScapDriver.libraryNames() + ")",
      "  --url JDBC_URL [-e SQL | -f FILE]",
      "        the same on any JDBC URL, e.g. a scapsql server:",
      "        jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=protobuf",
      "  --version",
      "        print scapsql's version");

  ShellArgs {
    captures = List.copyOf(captures);
  }

  static ShellArgs parse(String[] args) {
    String sql = null;
    String script = null;
    OutputFormat format = null;
    String url = null;
    String fun = null;
    boolean help = false;
    boolean version = false;
    List<Path> captures = new ArrayList<>();
    boolean options = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (options && a.equals("--")) {
        options = false;
      } else if (options && (a.equals("-e") || a.equals("--execute"))) {
        sql = value(args, ++i, a);
      } else if (options && (a.equals("-f") || a.equals("--file"))) {
        script = value(args, ++i, a);
      } else if (options && a.equals("--format")) {
        format = OutputFormat.parse(value(args, ++i, a));
      } else if (options && a.startsWith("--format=")) {
        format = OutputFormat.parse(a.substring("--format=".length()));
      } else if (options && a.equals("--fun")) {
        fun = value(args, ++i, a);
      } else if (options && a.startsWith("--fun=")) {
        fun = a.substring("--fun=".length());
      } else if (options && a.equals("--url")) {
        url = value(args, ++i, a);
      } else if (options && (a.equals("-h") || a.equals("--help"))) {
        help = true;
      } else if (options && a.equals("--version")) {
        version = true;
      } else if (options && a.startsWith("-") && a.length() > 1) {
        throw new IllegalArgumentException("unknown option " + a);
      } else {
        captures.add(Path.of(a));
      }
    }
    if (url != null && !captures.isEmpty()) {
      throw new IllegalArgumentException("give either --url or captures, not both");
    }
    if (sql != null && script != null) {
      throw new IllegalArgumentException("give either -e or -f, not both");
    }
    if (sql != null && Script.split(sql).isEmpty()) {
      throw new IllegalArgumentException("-e needs a query");
    }
    if (fun != null && url != null) {
      throw new IllegalArgumentException("--fun applies to captures; with --url, add ;fun=... to a jdbc:scap: URL");
    }
    if (fun != null && fun.isBlank()) {
      throw new IllegalArgumentException("--fun needs a list of libraries, e.g. --fun bigquery");
    }
    return new ShellArgs(sql, script, format, url, fun, captures, help, version);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
