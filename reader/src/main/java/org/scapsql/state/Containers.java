package org.scapsql.state;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives a container id from a thread's cgroups, as the container engines name them. */
public final class Containers {
  public static final String HOST = "host";

  private static final Pattern[] PATTERNS = {
      Pattern.compile("/([0-9a-f]{64})$"),
      Pattern.compile("/docker-([0-9a-f]{64})\\.scope$"),
      Pattern.compile("/libpod-([0-9a-f]{64})\\.scope$"),
      Pattern.compile("/crio-([0-9a-f]{64})(?:\\.scope)?$"),
      Pattern.compile("/cri-containerd-([0-9a-f]{64})\\.scope$"),
      Pattern.compile(":cri-containerd:([0-9a-f]{64})$"),
  };

  private Containers() {}

  /** The 12-character container id, or "host". */
  public static String idFromCgroups(List<String> cgroups) {
    for (String cg : cgroups) {
      int eq = cg.lastIndexOf('=');
      String path = eq >= 0 ? cg.substring(eq + 1) : cg;
      if (path.length() < 65) {
        // Too short to hold "/" and a 64-digit id: host cgroups end here, without a regex.
        continue;
      }
      for (Pattern p : PATTERNS) {
        Matcher m = p.matcher(path);
        if (m.find()) {
          return m.group(1).substring(0, 12);
        }
      }
    }
    return HOST;
  }
}
