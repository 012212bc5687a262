package org.scapsql.state;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scapsql.reader.Event;

/**
 * Container metadata carried by container events. {@code ip} is the container's
 * IPv4 address as its JSON document gives it (null for old events and when
 * absent): sysdig counts it among the local addresses of the container's threads.
 */
public record ContainerInfo(String id, String name, String image, int type, String ip) {
  // Only a few fields are needed; a JSON library would be more than they are worth.
  private static final Pattern JSON_STRING = Pattern.compile("\"(id|name|image|ip)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern JSON_TYPE = Pattern.compile("\"type\"\\s*:\\s*(\\d+)");

  /**
   * The container a container event describes: old events (228) carry id, type,
   * name and image as parameters, newer ones (272, 324) one JSON document. Null
   * when the event names no container.
   */
  public static ContainerInfo parse(Event e) {
    String id;
    String name = null;
    String image = null;
    String ip = null;
    int type = 0;
    if (e.type() == 228) {
      id = e.paramString(0);
      type = e.has(1) && !e.isEmpty(1) ? (int) e.paramUnsigned(1) : 0;
      name = e.paramString(2);
      image = e.paramString(3);
    } else {
      String json = e.paramString(0);
      int inner = json.indexOf("\"container\"");
      String body = inner >= 0 ? json.substring(inner + 11) : json;
      id = null;
      Matcher m = JSON_STRING.matcher(body);
      while (m.find()) {
        String v = m.group(2);
        switch (m.group(1)) {
          case "id": if (id == null) { id = v; } break;
          case "name": if (name == null) { name = v; } break;
          case "image": if (image == null) { image = v; } break;
          case "ip": if (ip == null) { ip = v.isEmpty() ? null : v; } break;
          default: break;
        }
      }
      Matcher t = JSON_TYPE.matcher(body);
      if (t.find()) {
        type = Integer.parseInt(t.group(1));
      }
    }
    return id == null || id.isEmpty() ? null : new ContainerInfo(id, name, image, type, ip);
  }

  /** Container engine names by type number. */
  public String typeName() {
    switch (type) {
      case 0: return "docker";
      case 1: return "lxc";
      case 2: return "libvirt-lxc";
      case 3: return "mesos";
      case 4: return "rkt";
      case 5: return "custom";
      case 6: return "cri";
      case 7: return "containerd";
      case 8: return "cri-o";
      case 9: return "bpm";
      case 10: return "static";
      case 11: return "podman";
      default: return String.valueOf(type);
    }
  }
}
