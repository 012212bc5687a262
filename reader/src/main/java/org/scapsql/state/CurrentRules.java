package org.scapsql.state;

import org.scapsql.reader.Dialect;

/** State keeping as current libsinsp (falcosecurity/libs) does it, for captures in the current format. */
final class CurrentRules extends DialectRules {
  @Override
  Dialect dialect() {
    return Dialect.CURRENT;
  }

  @Override
  boolean storesEnter(String syscall) {
    switch (syscall) {
      case "open": case "creat": case "openat": case "openat2": case "execve": case "execveat": case "connect":
        return true;
      default:
        return false;
    }
  }

  @Override
  boolean userEventsAreInitialState() {
    return true;
  }

  @Override
  boolean containerEventsHaveStandInThread() {
    return false;
  }

  @Override
  boolean mmapUsesFd() {
    return true;
  }

  @Override
  int enterFdIndex(int type) {
    if (type == EventIds.MMAP_E || type == EventIds.MMAP2_E) {
      return 4;
    }
    return type == EventIds.SPLICE_E ? 1 : 0;
  }

  @Override
  boolean exitPrefersOwnFd() {
    return true;
  }

  @Override
  boolean exitFdParamNamesFd() {
    return true;
  }

  @Override
  boolean processListThreadsStartAtFdZero() {
    return false;
  }

  @Override
  boolean tracksNewerFdKinds() {
    return true;
  }

  @Override
  boolean failedAcceptHasNoFd() {
    return true;
  }

  @Override
  boolean socketExitCarriesDomain(int nparams) {
    return true;
  }

  @Override
  boolean tupleReplacesDestination() {
    return true;
  }

  @Override
  boolean setIdFromExit() {
    return true;
  }

  @Override
  boolean execveClosesCloexecFds() {
    return true;
  }

  @Override
  boolean execveGivesUnknownThreadHostIds() {
    return true;
  }

  @Override
  boolean parentLeavesHiddenChildren() {
    return true;
  }

  @Override
  boolean childThreadParentIsLeader() {
    return false;
  }

  @Override
  boolean deadLeaderLeavesWithLastThread() {
    return true;
  }

  @Override
  boolean ppidNeedsKnownParent() {
    return true;
  }
}
