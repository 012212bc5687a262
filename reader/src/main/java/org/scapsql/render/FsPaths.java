package org.scapsql.render;

import java.util.HashMap;
import java.util.Map;
import org.scapsql.reader.Event;
import org.scapsql.state.FdInfo;
import org.scapsql.state.Paths;
import org.scapsql.state.StateTracker;
import org.scapsql.state.ThreadInfo;

/**
 * The paths a file syscall operates on, as libsinsp's {@code fs.path.name},
 * {@code fs.path.source} and {@code fs.path.target} give them: the event types
 * and parameters are libsinsp's, plus the path-taking calls it leaves out
 * (creat, access, the stat family, chdir, mknod). Two differences, both so that
 * a responder sees every attempt: failed calls have their paths too (libsinsp
 * gives none), and a relative path is resolved against the {@code *at} call's
 * directory fd where there is one (libsinsp always uses the working directory).
 * An empty path with a directory fd (fstatat's AT_EMPTY_PATH) is that fd's name.
 * Paths are normalised as {@code fd.name} is, so the two compare equal.
 */
public final class FsPaths {
  /** Which of the three paths. */
  public enum Kind { NAME, SOURCE, TARGET }

  private static final long AT_FDCWD = -100;

  /** Where one path comes from: a parameter (and the directory fd it is relative to), or the event's fd. */
  private record Spec(String param, String dirfd, boolean fromFd) {
    static Spec param(String name) {
      return new Spec(name, null, false);
    }

    static Spec at(String name, String dirfd) {
      return new Spec(name, dirfd, false);
    }
  }

  private static final Spec FD = new Spec(null, null, true);
  private static final Map<String, Spec> NAME = new HashMap<>();
  private static final Map<String, Spec> SOURCE = new HashMap<>();
  private static final Map<String, Spec> TARGET = new HashMap<>();

  static {
    for (String t : new String[] {"open", "creat", "umount", "umount2", "access"}) {
      NAME.put(t, Spec.param("name"));
    }
    for (String t : new String[] {"openat", "openat2", "unlinkat"}) {
      NAME.put(t, Spec.at("name", "dirfd"));
    }
    for (String t : new String[] {"mkdir", "rmdir", "unlink", "chown", "lchown", "stat", "lstat", "stat64", "lstat64",
        "chdir", "mknod", "open_by_handle_at"}) {
      NAME.put(t, Spec.param("path"));
    }
    for (String t : new String[] {"mkdirat", "newfstatat", "mknodat"}) {
      NAME.put(t, Spec.at("path", "dirfd"));
    }
    NAME.put("chmod", Spec.param("filename"));
    NAME.put("fchmodat", Spec.at("filename", "dirfd"));
    NAME.put("fchownat", Spec.at("pathname", "dirfd"));
    NAME.put("fchmod", FD);
    NAME.put("fchown", FD);
    NAME.put("quotactl", Spec.param("special"));

    SOURCE.put("rename", Spec.param("oldpath"));
    TARGET.put("rename", Spec.param("newpath"));
    for (String t : new String[] {"renameat", "renameat2"}) {
      SOURCE.put(t, Spec.at("oldpath", "olddirfd"));
      TARGET.put(t, Spec.at("newpath", "newdirfd"));
    }
    // A hard link's source is the new name and its target the existing file, as in libsinsp.
    SOURCE.put("link", Spec.param("newpath"));
    TARGET.put("link", Spec.param("oldpath"));
    SOURCE.put("linkat", Spec.at("newpath", "newdir"));
    TARGET.put("linkat", Spec.at("oldpath", "olddir"));
    SOURCE.put("symlink", Spec.param("linkpath"));
    TARGET.put("symlink", Spec.param("target"));
    SOURCE.put("symlinkat", Spec.at("linkpath", "linkdirfd"));
    TARGET.put("symlinkat", Spec.param("target"));
    // The device of a mount is often no path at all ("proc", "tmpfs"): kept as given.
    SOURCE.put("mount", new Spec("dev", null, false));
    TARGET.put("mount", Spec.param("dir"));
  }

  private final StateTracker state;
  private final SysdigFields fields;

  public FsPaths(StateTracker state, SysdigFields fields) {
    if (state == null || fields == null) {
      throw new IllegalArgumentException("a tracker and its fields are required");
    }
    this.state = state;
    this.fields = fields;
  }

  /** The path of kind {@code kind} of the current (exit) event, or null when the event has none. */
  public String path(Event e, Kind kind) {
    if (e.info().enter()) {
      return null;
    }
    Map<String, Spec> specs = kind == Kind.NAME ? NAME : kind == Kind.SOURCE ? SOURCE : TARGET;
    Spec spec = specs.get(e.info().name());
    if (spec == null) {
      return null;
    }
    if (spec.fromFd()) {
      String n = fields.fdName(e);
      return n == null || n.isEmpty() ? null : n;
    }
    Event enter = state.pairedEnter();
    String raw = string(e, enter, spec.param());
    ThreadInfo t = state.thread();
    Long dirfd = spec.dirfd() == null ? null : signed(e, enter, spec.dirfd());
    boolean atDir = dirfd != null && dirfd != AT_FDCWD;
    FdInfo dir = atDir && t != null ? t.process.get(dirfd) : null;
    if (raw == null) {
      // An empty path with AT_EMPTY_PATH (fstatat(fd, "", ...)) operates on the directory fd itself.
      return dir == null || dir.name.isEmpty() ? null : dir.name;
    }
    if (spec.param().equals("dev") && !raw.startsWith("/")) {
      return raw;
    }
    if (raw.startsWith("/")) {
      return Paths.normalize(raw);
    }
    if (atDir) {
      // The tracker names files opened under an unknown directory fd the same way.
      return Paths.absolute(dir == null ? "<UNKNOWN>/" : Paths.asDirectory(dir.name), raw);
    }
    return t == null ? null : Paths.absolute(t.cwd(), raw);
  }

  /** A string parameter of the exit, else of its paired enter; null when absent, empty or a null pointer. */
  private static String string(Event exit, Event enter, String name) {
    String s = stringOf(exit, name);
    if (s == null && enter != null) {
      s = stringOf(enter, name);
    }
    return s;
  }

  private static String stringOf(Event e, String name) {
    int i = e.param(name);
    if (i < 0 || !e.has(i) || e.isEmpty(i)) {
      return null;
    }
    String s = e.paramString(i);
    return s.isEmpty() || s.equals("(NULL)") ? null : s;
  }

  private static Long signed(Event exit, Event enter, String name) {
    int i = exit.param(name);
    if (i >= 0 && exit.has(i) && !exit.isEmpty(i)) {
      return exit.paramLong(i);
    }
    if (enter != null) {
      i = enter.param(name);
      if (i >= 0 && enter.has(i) && !enter.isEmpty(i)) {
        return enter.paramLong(i);
      }
    }
    return null;
  }
}
