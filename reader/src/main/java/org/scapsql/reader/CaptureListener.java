package org.scapsql.reader;

import java.util.List;

/**
 * Receives the metadata blocks of a capture as the reader meets them, and the
 * capture's dialect as soon as the reader knows it. A new
 * section (a concatenated capture) starts with {@link #onSection}; whoever keeps
 * state must then forget what the earlier section told it.
 */
public interface CaptureListener {
  /**
   * The rules the capture is read by: when the listener is set, for a dialect fixed at open; otherwise
   * as the reader chooses it, before it hands out the first event.
   */
  default void onDialect(Dialect dialect) {}

  default void onSection(SectionHeader header) {}

  default void onMachineInfo(MachineInfo info) {}

  default void onInterfaces(List<InterfaceInfo> interfaces) {}

  default void onUsers(List<UserInfo> users, List<GroupInfo> groups) {}

  default void onThreads(List<ThreadEntry> threads) {}

  default void onFds(long tid, List<FdEntry> fds) {}

  /** A block of a type this reader does not know; it has been skipped. */
  default void onUnknownBlock(int type, long offset, int length) {}
}
