package org.scapsql.state;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scapsql.reader.NulSeparated;

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

  /**
   * Ids already derived, by the bytes of the cgroups list: a capture's process lists
   * repeat for every section, and most threads share a few cgroup sets, so the same
   * bytes come back over and over. Bounded; cleared when full.
   */
  private static final int REMEMBERED = 1024;
  private static final Map<ByteBuffer, String> KNOWN = new ConcurrentHashMap<>();

  /** The 12-character container id, or "host". */
  public static String idFromCgroups(List<String> cgroups) {
    byte[] raw = NulSeparated.bytesOf(cgroups);
    if (raw == null) {
      return derive(cgroups);
    }
    ByteBuffer key = ByteBuffer.wrap(raw);
    String id = KNOWN.get(key);
    if (id == null) {
      id = derive(cgroups);
      if (KNOWN.size() >= REMEMBERED) {
        KNOWN.clear();
      }
      KNOWN.put(key, id);
    }
    return id;
  }

  private static String derive(List<String> cgroups) {
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
