package org.scapsql.state;

import org.scapsql.reader.Dialect;

/**
 * Where sysdig 0.29.3 and current libsinsp keep state differently. Each
 * dialect states all of its answers in one class ({@link Sysdig029Rules},
 * {@link CurrentRules}); the tracker and its handlers ask these questions and
 * never compare dialects themselves.
 */
abstract class DialectRules {
  /** Per event type: 1 the tracker keeps the enter event, 2 it does not, 0 not yet known. */
  private final byte[] storesEnter = new byte[1024];

  static DialectRules of(Dialect d) {
    return d == Dialect.CURRENT ? new CurrentRules() : new Sysdig029Rules();
  }

  abstract Dialect dialect();

  /** Whether an exit's handler may read the enter event of this syscall (libsinsp's stored enter). */
  abstract boolean storesEnter(String syscall);

  /** Whether user, group and plugin async events are part of the capture's initial state. */
  abstract boolean userEventsAreInitialState();

  /** Whether a container event gets a stand-in thread {@code container:<id>}. */
  abstract boolean containerEventsHaveStandInThread();

  /** Whether mmap and mmap2 refer to their fd (they gained EF_USES_FD after sysdig 0.29.3). */
  abstract boolean mmapUsesFd();

  /** Where the enter event of {@code type} carries its fd. */
  abstract int enterFdIndex(int type);

  /** Whether an exit with an fd of its own uses it even when paired with its enter. */
  abstract boolean exitPrefersOwnFd();

  /** Whether any exit's {@code fd} parameter names its fd (not only the few listed in {@link Pairing}). */
  abstract boolean exitFdParamNamesFd();

  /** Whether process-list threads start with last fd 0: an unpaired exit then names fd 0 unattached. */
  abstract boolean processListThreadsStartAtFdZero();

  /** Whether epoll_create, bpf, userfaultfd and io_uring_setup add an fd to the table. */
  abstract boolean tracksNewerFdKinds();

  /** Whether a failed accept leaves the event without an fd (rather than naming the error). */
  abstract boolean failedAcceptHasNoFd();

  /** Whether socket's exit carries domain, type and protocol (else the stored enter does). */
  abstract boolean socketExitCarriesDomain(int nparams);

  /** Whether a send/receive tuple replaces a set destination (else fills it only while unset). */
  abstract boolean tupleReplacesDestination();

  /** Whether set*id reads the new id from the exit event (else from the stored enter). */
  abstract boolean setIdFromExit();

  /** Whether a successful execve closes the process's O_CLOEXEC fds. */
  abstract boolean execveClosesCloexecFds();

  /**
   * Whether the parent's clone exit leaves the child to its own exit when it
   * cannot see it right (vfork, a new pid namespace, CLONE_PARENT, a child
   * already gone).
   */
  abstract boolean parentLeavesHiddenChildren();

  /** Whether a thread first seen on its own clone exit has the thread leader as parent. */
  abstract boolean childThreadParentIsLeader();

  /** Whether a dead main thread leaves the table with the last of its other threads. */
  abstract boolean deadLeaderLeavesWithLastThread();

  /**
   * Whether an execve by a thread whose parent is unknown (one the table invented) also sets
   * its ids inside the pid namespace to its tid and pid, unless it runs in a child namespace.
   */
  abstract boolean execveGivesUnknownThreadHostIds();

  /** Whether proc.ppid is null when the parent is not in the table (else the parent tid as known). */
  abstract boolean ppidNeedsKnownParent();

  /** Events that sysdig hides while they lead the capture, as part of its initial state. */
  final boolean isInitialState(int type) {
    switch (type) {
      case EventIds.CONTAINER_E: case EventIds.CONTAINER_V2_E: case EventIds.CONTAINER_V3_E:
        return true;
      case EventIds.USERADDED_E: case EventIds.USERDELETED_E: case EventIds.GROUPADDED_E:
      case EventIds.GROUPDELETED_E: case EventIds.ASYNCEVENT_E:
        return userEventsAreInitialState();
      default:
        return false;
    }
  }

  /** {@link #storesEnter(String)}, cached per event type. */
  final boolean storesEnter(int type, String syscall) {
    byte b = type < storesEnter.length ? storesEnter[type] : 0;
    if (b == 0) {
      b = storesEnter(syscall) ? (byte) 1 : (byte) 2;
      if (type < storesEnter.length) {
        storesEnter[type] = b;
      }
    }
    return b == 1;
  }
}
