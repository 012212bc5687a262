package org.scapsql.reader;

/** The machine-info block: the host the capture was taken on. */
public record MachineInfo(int numCpus, long memorySizeBytes, long maxPid, String hostname,
    long bootTimeEpochNanos, long flags) {}
