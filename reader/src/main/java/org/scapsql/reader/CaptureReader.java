package org.scapsql.reader;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the events of a capture in file order, handing metadata blocks to a
 * {@link CaptureListener} as they pass and telling it the dialect before the
 * first event. One pass, constant memory: the only
 * buffer is the block reader's.
 *
 * <pre>{@code
 * try (CaptureReader r = CaptureReader.open(path)) {
 *   for (Event e; (e = r.next()) != null; ) { ... }
 * }
 * }</pre>
 */
public final class CaptureReader implements Closeable {
  private final BlockReader blocks;
  private final EventTable table;
  private final Event event = new Event();
  private CaptureListener listener = new CaptureListener() {};
  private Dialect dialect;
  private SectionHeader section;
  private MachineInfo machine;
  private List<InterfaceInfo> interfaces = List.of();
  private long eventCount;
  private long unknownEvents;
  private int sections;

  private CaptureReader(BlockReader blocks, EventTable table, Dialect dialect) {
    this.blocks = blocks;
    this.table = table;
    this.dialect = dialect;
  }

  /** Opens a capture; the dialect is chosen from its first event. */
  public static CaptureReader open(Path path) throws IOException {
    return open(path, null);
  }

  /** Opens a capture with a fixed dialect, or null to choose it from the first event. */
  public static CaptureReader open(Path path, Dialect dialect) throws IOException {
    return new CaptureReader(BlockReader.open(path), EventTable.standard(), dialect);
  }

  public static CaptureReader of(BlockReader blocks, Dialect dialect) {
    return new CaptureReader(blocks, EventTable.standard(), dialect);
  }

  /**
   * Must be set before the first {@link #next()} to see the leading metadata and the dialect; a dialect
   * already known (fixed at open) is announced to it at once.
   */
  public CaptureReader listener(CaptureListener l) {
    this.listener = l;
    if (dialect != null) {
      l.onDialect(dialect);
    }
    return this;
  }

  public EventTable table() {
    return table;
  }

  /**
   * The rules in force: fixed at open, or chosen at the first event (current
   * libsinsp's rules when the capture starts with an event id that sysdig 0.29.3
   * does not know, as current writers' leading user/group events are).
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * The next event, or null at the end (or at a truncation; see {@link #warning()}).
   * The returned object is reused by the following call.
   */
  public Event next() throws IOException {
    while (blocks.next()) {
      int type = blocks.blockType();
      if (BlockType.isEvent(type)) {
        if (section == null) {
          throw new CaptureFormatException(blocks.name(), blocks.blockOffset(), "event block before any section header");
        }
        if (dialect == null) {
          int id = blocks.buffer().getShort(type == BlockType.EVF || type == BlockType.EVF_V2
              || type == BlockType.EVF_V2_LARGE ? 8 + 6 + 20 : 8 + 2 + 20) & 0xFFFF;
          dialect = id >= Dialect.SYSDIG_0_29_EVENT_MAX ? Dialect.CURRENT : Dialect.SYSDIG_0_29;
          listener.onDialect(dialect);
        }
        int maxId = dialect == Dialect.SYSDIG_0_29 ? Dialect.SYSDIG_0_29_EVENT_MAX : table.size();
        if (!event.decode(blocks.name(), blocks.blockOffset(), type, blocks.buffer(), blocks.blockLength(), table,
            maxId)) {
          unknownEvents++;
          continue;
        }
        event.setNum(++eventCount);
        return event;
      }
      metadata(type);
    }
    return null;
  }

  private void metadata(int type) throws IOException {
    switch (type) {
      case BlockType.SHB:
        section = MetadataParser.sectionHeader(blocks);
        sections++;
        listener.onSection(section);
        return;
      case BlockType.MI:
        machine = MetadataParser.machineInfo(blocks);
        listener.onMachineInfo(machine);
        return;
      case BlockType.IL:
      case BlockType.IL_V2:
        interfaces = MetadataParser.interfaces(blocks);
        listener.onInterfaces(interfaces);
        return;
      case BlockType.UL:
      case BlockType.UL_V2: {
        List<UserInfo> users = new ArrayList<>();
        List<GroupInfo> groups = new ArrayList<>();
        MetadataParser.users(blocks, users, groups);
        listener.onUsers(users, groups);
        return;
      }
      case BlockType.FDL:
      case BlockType.FDL_V2: {
        List<FdEntry> fds = MetadataParser.fds(blocks);
        listener.onFds(MetadataParser.fdListTid(blocks), fds);
        return;
      }
      default:
        if (BlockType.processListVersion(type) > 0) {
          listener.onThreads(MetadataParser.threads(blocks));
        } else {
          listener.onUnknownBlock(type, blocks.blockOffset(), blocks.blockLength());
        }
    }
  }

  public String name() {
    return blocks.name();
  }

  /** Why the capture ended early (truncated or still being written), or null. */
  public String warning() {
    return blocks.warning();
  }

  public SectionHeader section() {
    return section;
  }

  public int sectionCount() {
    return sections;
  }

  public MachineInfo machineInfo() {
    return machine;
  }

  public List<InterfaceInfo> interfaces() {
    return interfaces;
  }

  /** Events returned so far. */
  public long eventCount() {
    return eventCount;
  }

  /** Events skipped because their type id is unknown in the dialect in force. */
  public long unknownEvents() {
    return unknownEvents;
  }

  /** Bytes of the uncompressed stream consumed so far. */
  public long position() {
    return blocks.position();
  }

  public boolean isGzip() {
    return blocks.isGzip();
  }

  @Override
  public void close() throws IOException {
    blocks.close();
  }
}
