package org.scapsql.state;

/**
 * The event types the state tracker treats specially, named after the event
 * table ({@code event-table.tsv}): the event's name and direction, and, where
 * the table holds several versions of that name and direction, {@code _V<n>}
 * for the n-th of them in id order (the first has no suffix). A test checks
 * every constant here against the table, so a name cannot drift from its id.
 */
public final class EventIds {
  public static final int CLONE_X = 15;
  public static final int PROCEXIT_E = 16;
  public static final int CONNECT_E = 22;
  public static final int IOCTL_X = 91;
  public static final int DUP_X = 125;
  public static final int SWITCH_E = 146;
  public static final int SWITCH_V2_E = 152;
  public static final int CLONE_V2_X = 157;
  public static final int MMAP_E = 160;
  public static final int MMAP_X = 161;
  public static final int MMAP2_E = 162;
  public static final int MMAP2_X = 163;
  public static final int SPLICE_E = 166;
  public static final int SPLICE_X = 167;
  public static final int SYMLINKAT_X = 181;
  public static final int FORK_X = 183;
  public static final int VFORK_X = 185;
  public static final int PROCEXIT_V2_E = 186;
  public static final int SENDFILE_X = 189;
  public static final int CLONE_V3_X = 217;
  public static final int FORK_V2_X = 219;
  public static final int VFORK_V2_X = 221;
  public static final int CLONE_V4_X = 223;
  public static final int FORK_V3_X = 225;
  public static final int VFORK_V3_X = 227;
  public static final int CONTAINER_E = 228;
  public static final int CONTAINER_V2_E = 272;
  public static final int UNLINKAT_V2_X = 303;
  public static final int MKDIRAT_X = 305;
  public static final int FCHMODAT_X = 313;
  public static final int CONTAINER_V3_E = 324;
  public static final int COPY_FILE_RANGE_X = 333;
  public static final int CLONE3_X = 335;
  public static final int OPEN_BY_HANDLE_AT_X = 337;
  public static final int USERADDED_E = 354;
  public static final int USERDELETED_E = 356;
  public static final int GROUPADDED_E = 358;
  public static final int GROUPDELETED_E = 360;
  public static final int DUP2_X = 363;
  public static final int DUP3_X = 365;
  public static final int DUP_V2_X = 367;
  public static final int BPF_V2_X = 369;
  public static final int FCHOWNAT_X = 385;
  public static final int ASYNCEVENT_E = 402;
  public static final int MKNODAT_X = 417;
  public static final int NEWFSTATAT_X = 419;

  private EventIds() {
  }
}
