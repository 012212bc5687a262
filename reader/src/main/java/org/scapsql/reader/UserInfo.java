package org.scapsql.reader;

/** A user from the capture's user list (or a {@code useradded} meta event). */
public record UserInfo(long uid, long gid, String name, String homedir, String shell, String containerId) {}
