package org.scapsql.reader;

import java.util.List;

/**
 * Receives the metadata blocks of a capture as the reader meets them. A new
 * section (a concatenated capture) starts with {@link #onSection}; whoever keeps
 * state must then forget what the earlier section told it.
 */
public interface CaptureListener {
  default void onSection(SectionHeader header) {}

  default void onMachineInfo(MachineInfo info) {}

  default void onInterfaces(List<InterfaceInfo> interfaces) {}

  default void onUsers(List<UserInfo> users, List<GroupInfo> groups) {}

  default void onThreads(List<ThreadEntry> threads) {}

  default void onFds(long tid, List<FdEntry> fds) {}

  /** A block of a type this reader does not know; it has been skipped. */
  default void onUnknownBlock(int type, long offset, int length) {}
}
