package org.scapsql.state;

import org.scapsql.reader.Dialect;

/** State keeping as sysdig 0.29.3 (Debian's, the reference for captures of its time) does it. */
final class Sysdig029Rules extends DialectRules {
  @Override
  Dialect dialect() {
    return Dialect.SYSDIG_0_29;
  }

  @Override
  boolean storesEnter(String syscall) {
    switch (syscall) {
      case "open": case "creat": case "openat": case "openat2": case "socket": case "sendto": case "sendmsg":
      case "eventfd": case "chdir": case "fchdir": case "shutdown": case "getrlimit": case "setrlimit":
      case "prlimit": case "sendfile": case "setuid": case "setgid": case "setresuid": case "setresgid":
      case "execve": case "execveat": case "setpgid": case "fcntl": case "dup":
        return true;
      case "mkdir": case "rmdir": case "unlink": case "unlinkat": case "link": case "linkat":
        // Their oldest versions carry the path in the enter event only (fs.path.* reads it there).
        return true;
      default:
        return false;
    }
  }

  @Override
  boolean userEventsAreInitialState() {
    return false;
  }

  @Override
  boolean containerEventsHaveStandInThread() {
    return true;
  }

  @Override
  boolean mmapUsesFd() {
    return false;
  }

  @Override
  int enterFdIndex(int type) {
    return 0;
  }

  @Override
  boolean exitPrefersOwnFd() {
    return false;
  }

  @Override
  boolean exitFdParamNamesFd() {
    return false;
  }

  @Override
  boolean processListThreadsStartAtFdZero() {
    return true;
  }

  @Override
  boolean tracksNewerFdKinds() {
    return false;
  }

  @Override
  boolean failedAcceptHasNoFd() {
    return false;
  }

  @Override
  boolean socketExitCarriesDomain(int nparams) {
    return nparams >= 4;
  }

  @Override
  boolean tupleReplacesDestination() {
    return false;
  }

  @Override
  boolean setIdFromExit() {
    return false;
  }

  @Override
  boolean execveClosesCloexecFds() {
    return false;
  }

  @Override
  boolean execveGivesUnknownThreadHostIds() {
    return false;
  }

  @Override
  boolean parentLeavesHiddenChildren() {
    return false;
  }

  @Override
  boolean childThreadParentIsLeader() {
    return true;
  }

  @Override
  boolean deadLeaderLeavesWithLastThread() {
    return false;
  }

  @Override
  boolean ppidNeedsKnownParent() {
    return false;
  }
}
