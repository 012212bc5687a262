package org.scapsql.reader;

/** A group from the capture's group list (or a {@code groupadded} meta event). */
public record GroupInfo(long gid, String name, String containerId) {}
