package org.scapsql.reader;

import java.util.ArrayList;
import java.util.List;

/** Decodes the metadata blocks (section header, machine, interfaces, users, processes, fds). */
final class MetadataParser {
  // String limits enforced by libscap; a longer declared string means corruption.
  private static final int PATH_MAX = 1024;
  private static final int ARGS_MAX = 4096;
  private static final int USER_MAX = 256;

  private MetadataParser() {}

  private static BlockCursor body(BlockReader r) {
    return new BlockCursor(r.name(), r.blockOffset(), r.buffer(), 8, r.blockLength() - 4);
  }

  static SectionHeader sectionHeader(BlockReader r) throws CaptureFormatException {
    BlockCursor c = body(r);
    c.i32("byte-order magic");
    int major = c.u16("major version");
    int minor = c.u16("minor version");
    long length = c.i64("section length");
    if (major > 1) {
      throw new CaptureFormatException(r.name(), r.blockOffset() + 12,
          "unsupported capture format version " + major + "." + minor + " (this reader knows 1.x)");
    }
    // Options (pcapng style) follow; nothing in them changes how events are read.
    return new SectionHeader(major, minor, length, r.order(), r.blockOffset());
  }

  static MachineInfo machineInfo(BlockReader r) throws CaptureFormatException {
    BlockCursor c = body(r);
    int cpus = c.i32("num_cpus");
    long mem = c.i64("memory_size_bytes");
    long maxPid = c.i64("max_pid");
    String host = BlockCursor.decode(c.bytes(Math.min(128, c.remaining()), "hostname"));
    long boot = c.remaining() >= 8 ? c.i64("boot_ts_epoch") : 0;
    long flags = c.remaining() >= 8 ? c.i64("flags") : 0;
    return new MachineInfo(cpus, mem, maxPid, host, boot, flags);
  }

  static List<InterfaceInfo> interfaces(BlockReader r) throws CaptureFormatException {
    boolean v2 = r.blockType() == BlockType.IL_V2;
    BlockCursor c = body(r);
    List<InterfaceInfo> out = new ArrayList<>();
    while (c.remaining() >= 4) {
      if (v2) {
        c.beginEntry("interface", false, 0);
      }
      int type = c.u16("interface type");
      int nameLen = c.u16("interface name length");
      if (nameLen >= PATH_MAX) {
        throw c.error("interface name of " + nameLen + " bytes is too long");
      }
      int family;
      int alen;
      boolean speed;
      switch (type) {
        case 1: family = InterfaceInfo.IPV4; alen = 4; speed = true; break;
        case 2: family = InterfaceInfo.IPV6; alen = 16; speed = true; break;
        case 3: family = InterfaceInfo.IPV4; alen = 4; speed = false; break;
        case 4: family = InterfaceInfo.IPV6; alen = 16; speed = false; break;
        default: throw c.error("unknown interface entry type " + type);
      }
      byte[] addr = c.bytes(alen, "interface address");
      byte[] mask = c.bytes(alen, "interface netmask");
      byte[] bcast = c.bytes(alen, "interface broadcast");
      long linkSpeed = speed ? c.i64("interface link speed") : 0;
      String name = BlockCursor.decode(c.bytes(nameLen, "interface name"));
      out.add(new InterfaceInfo(name, family, addr, mask, bcast, linkSpeed));
      if (v2) {
        c.endEntry();
      }
    }
    return out;
  }

  static void users(BlockReader r, List<UserInfo> users, List<GroupInfo> groups) throws CaptureFormatException {
    boolean v2 = r.blockType() == BlockType.UL_V2;
    BlockCursor c = body(r);
    while (c.remaining() >= 4) {
      if (v2) {
        c.beginEntry("user", true, 5);
      }
      int kind = c.u8("user entry kind");
      if (kind == 0) {
        long uid = Integer.toUnsignedLong(c.i32("uid"));
        long gid = Integer.toUnsignedLong(c.i32("gid"));
        String name = c.str16(USER_MAX - 1, "user name");
        String home = c.str16(USER_MAX - 1, "user home directory");
        String shell = c.str16(USER_MAX - 1, "user shell");
        users.add(new UserInfo(uid, gid, name, home, shell, ""));
      } else {
        long gid = Integer.toUnsignedLong(c.i32("gid"));
        String name = c.str16(USER_MAX - 1, "group name");
        groups.add(new GroupInfo(gid, name, ""));
      }
      if (v2) {
        c.endEntry();
      }
    }
  }

  static List<ThreadEntry> threads(BlockReader r) throws CaptureFormatException {
    int v = BlockType.processListVersion(r.blockType());
    BlockCursor c = body(r);
    List<ThreadEntry> out = new ArrayList<>();
    while (c.remaining() >= 4) {
      if (v >= 9) {
        c.beginEntry("process", true, 4);
      }
      long tid = c.i64("tid");
      long pid = c.i64("pid");
      long ptid = c.i64("ptid");
      long sid = v >= 6 ? c.i64("sid") : -1;
      long vpgid = v >= 8 ? c.i64("vpgid") : -1;
      String comm = c.str16(PATH_MAX, "comm");
      String exe = c.str16(PATH_MAX, "exe");
      String exepath = v >= 7 ? c.str16(PATH_MAX, "exepath") : "";
      List<String> args = split(c.raw16(ARGS_MAX, "args"));
      String cwd = c.str16(PATH_MAX, "cwd");
      long fdlimit = c.i64("fdlimit");
      int flags = c.i32("flags");
      long uid = Integer.toUnsignedLong(c.i32("uid"));
      long gid = Integer.toUnsignedLong(c.i32("gid"));
      long vmsize = 0, vmrss = 0, vmswap = 0, pfmaj = 0, pfmin = 0;
      if (v >= 2) {
        vmsize = Integer.toUnsignedLong(c.i32("vmsize_kb"));
        vmrss = Integer.toUnsignedLong(c.i32("vmrss_kb"));
        vmswap = Integer.toUnsignedLong(c.i32("vmswap_kb"));
        pfmaj = c.i64("pfmajor");
        pfmin = c.i64("pfminor");
      }
      List<String> env = v >= 3 ? split(c.raw16(ARGS_MAX, "env")) : List.of();
      long vtid = -1, vpid = -1;
      List<String> cgroups = List.of();
      if (v >= 4) {
        vtid = c.i64("vtid");
        vpid = c.i64("vpid");
        cgroups = split(c.raw16(ARGS_MAX, "cgroups"));
      }
      String root = v >= 5 ? c.str16(PATH_MAX, "root") : "";
      long loginuid = 0xFFFFFFFFL;
      long tty = 0;
      long pgid = -1;
      if (v >= 9) {
        // Writers before libs 0.10 put loginuid straight after root; 0.10 inserted
        // pidns_init_start_ts and tty in front of it. A tail of at most 29 bytes is the old layout.
        int tail = c.remaining();
        if (tail > 29 && c.remaining() >= 8) {
          c.i64("pidns_init_start_ts");
          if (c.remaining() >= 4) {
            tty = Integer.toUnsignedLong(c.i32("tty"));
          }
        }
        if (c.remaining() >= 4) {
          loginuid = Integer.toUnsignedLong(c.i32("loginuid"));
        }
        // exe_writable, capabilities, exe_upper_layer, exe inode and times, memfd, lower layer.
        int[] sizes = {1, 8, 8, 8, 1, 8, 8, 8, 1, 1};
        for (int s : sizes) {
          if (c.remaining() < s) {
            break;
          }
          c.skip(s, "process entry tail");
        }
        if (c.remaining() >= 8) {
          pgid = c.i64("pgid");
        }
        c.endEntry();
      }
      out.add(new ThreadEntry(tid, pid, ptid, sid, vpgid, comm, exe, exepath, args, cwd, fdlimit, flags,
          uid, gid, vmsize, vmrss, vmswap, pfmaj, pfmin, env, vtid, vpid, cgroups, root, loginuid, tty, pgid));
    }
    return out;
  }

  static long fdListTid(BlockReader r) throws CaptureFormatException {
    return body(r).i64("fd list tid");
  }

  static List<FdEntry> fds(BlockReader r) throws CaptureFormatException {
    boolean v2 = r.blockType() == BlockType.FDL_V2;
    BlockCursor c = body(r);
    long tid = c.i64("fd list tid");
    List<FdEntry> out = new ArrayList<>();
    while (c.remaining() >= 4) {
      if (v2) {
        c.beginEntry("fd", true, 4);
      }
      long fd = c.i64("fd");
      long ino = c.i64("inode");
      int type = c.u8("fd type");
      String name = "";
      int openFlags = 0;
      byte[] sip = null, dip = null;
      int sport = 0, dport = 0, proto = 0;
      long ssock = 0, dsock = 0;
      switch (type) {
        case FdEntry.IPV4_SOCK:
          sip = c.bytes(4, "source address");
          dip = c.bytes(4, "destination address");
          sport = c.u16("source port");
          dport = c.u16("destination port");
          proto = c.u8("l4 protocol");
          break;
        case FdEntry.IPV6_SOCK:
          sip = c.bytes(16, "source address");
          dip = c.bytes(16, "destination address");
          sport = c.u16("source port");
          dport = c.u16("destination port");
          proto = c.u8("l4 protocol");
          break;
        case FdEntry.IPV4_SERVSOCK:
          sip = c.bytes(4, "bound address");
          sport = c.u16("bound port");
          proto = c.u8("l4 protocol");
          break;
        case FdEntry.IPV6_SERVSOCK:
          sip = c.bytes(16, "bound address");
          sport = c.u16("bound port");
          proto = c.u8("l4 protocol");
          break;
        case FdEntry.UNIX_SOCK:
          ssock = c.i64("unix source");
          dsock = c.i64("unix destination");
          name = c.str16(PATH_MAX - 1, "unix socket name");
          break;
        case FdEntry.FILE_V2:
          openFlags = c.i32("open flags");
          name = c.str16(PATH_MAX - 1, "file name");
          if (v2 && c.remaining() >= 4) {
            c.i32("dev");
          }
          break;
        case FdEntry.UNKNOWN:
          break;
        default:
          if (type > FdEntry.PIDFD) {
            if (!v2) {
              // Without an entry length nothing after an unknown type can be located.
              throw c.error("fd entry of unknown type " + type + " in an FDL block");
            }
            name = "unknown-type:[" + type + "]";
            type = FdEntry.UNSUPPORTED;
          } else {
            name = c.str16(PATH_MAX - 1, "fd name");
          }
      }
      out.add(new FdEntry(tid, fd, ino, type, name, openFlags, sip, sport, dip, dport, proto, ssock, dsock));
      if (v2) {
        c.endEntry();
      }
    }
    return out;
  }

  /** The strings of a NUL-separated field, decoded when first read ({@link NulSeparated}). */
  static List<String> split(byte[] b) {
    return NulSeparated.of(b);
  }

}
