package org.scapsql.state;

/** Container metadata carried by container events. */
public record ContainerInfo(String id, String name, String image, int type) {
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
