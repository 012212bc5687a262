package org.scapsql.state;

/** Path arithmetic as sysdig does it when it names files. */
public final class Paths {
  private Paths() {}

  /**
   * Joins a relative path to a directory (which ends with '/') and normalises:
   * "." and ".." segments and doubled slashes collapse, a trailing slash is dropped
   * except for the root itself.
   */
  public static String absolute(String dir, String path) {
    if (path.startsWith("/")) {
      return normalize(path);
    }
    String d = dir.isEmpty() ? "/" : dir;
    return normalize(d.endsWith("/") ? d + path : d + "/" + path);
  }

  public static String normalize(String path) {
    if (path.isEmpty()) {
      return path;
    }
    boolean abs = path.startsWith("/");
    String[] parts = path.split("/");
    String[] out = new String[parts.length];
    int n = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (n > 0 && !out[n - 1].equals("..")) {
          n--;
        } else if (!abs) {
          out[n++] = p;
        }
        continue;
      }
      out[n++] = p;
    }
    StringBuilder sb = new StringBuilder();
    if (abs) {
      sb.append('/');
    }
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(out[i]);
    }
    return sb.toString();
  }

  /** A working directory always ends with '/'. */
  public static String asDirectory(String cwd) {
    if (cwd.isEmpty()) {
      return cwd;
    }
    return cwd.endsWith("/") ? cwd : cwd + "/";
  }

  /** {@code fd.directory}: up to the last '/', or "/" when there is none before the name. */
  public static String directory(String name) {
    int i = name.lastIndexOf('/');
    if (i <= 0) {
      return "/";
    }
    return name.substring(0, i);
  }

  /** {@code fd.filename}: after the last '/'. */
  public static String filename(String name) {
    int i = name.lastIndexOf('/');
    return i < 0 ? name : name.substring(i + 1);
  }
}
