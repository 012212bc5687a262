package org.scapsql.reader;

import java.util.List;

/**
 * One entry of a process-list block: a thread as /proc showed it when the
 * capture started. Absent fields (older block versions) hold their defaults:
 * -1 for ids, empty strings, 0 for counters.
 */
public record ThreadEntry(
    long tid, long pid, long ptid, long sid, long vpgid,
    String comm, String exe, String exepath, List<String> args, String cwd,
    long fdlimit, int flags, long uid, long gid,
    long vmsizeKb, long vmrssKb, long vmswapKb, long pfmajor, long pfminor,
    List<String> env, long vtid, long vpid, List<String> cgroups, String root,
    long loginuid, long tty, long pgid) {}
