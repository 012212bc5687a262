package org.scapsql.adapter;

import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Columns of the {@code events} table, in table order. Names are sysdig's field
 * names with '.' replaced by '_'. {@link #state} says whether the value needs the
 * state tracker; a query that asks only for columns without it skips state
 * tracking altogether.
 */
public enum EventColumn {
  EVT_NUM("evt_num", SqlTypeName.BIGINT, false, false, "Event number, from 1 in file order, as sysdig numbers it"),
  EVT_RAWTIME("evt_rawtime", SqlTypeName.BIGINT, false, false, "Event time, nanoseconds since the Unix epoch"),
  EVT_TIME("evt_time", SqlTypeName.TIMESTAMP, false, false,
      "Event time as a TIMESTAMP in UTC, truncated to the millisecond (evt_rawtime has the nanoseconds)"),
  EVT_RELTIME("evt_reltime", SqlTypeName.BIGINT, false, false, "Nanoseconds since the capture's first event"),
  EVT_CPU("evt_cpu", SqlTypeName.INTEGER, false, false, "CPU the event was recorded on"),
  EVT_DIR("evt_dir", SqlTypeName.VARCHAR, false, false, "Direction: '>' enter, '<' exit"),
  EVT_TYPE("evt_type", SqlTypeName.VARCHAR, false, false,
      "Event type: the syscall or event name (generic syscall events: the syscall's name)"),
  EVT_CATEGORY("evt_category", SqlTypeName.VARCHAR, false, true,
      "Category: file, net, ipc, process, memory, ... ; 'internal' for meta events sysdig hides without -D"),
  EVT_VISIBLE("evt_visible", SqlTypeName.BOOLEAN, false, true,
      "True when `sysdig -r` shows the event (not internal, not consumed into state)"),
  EVT_ARGS("evt_args", SqlTypeName.VARCHAR, false, true, "All parameters rendered as sysdig prints evt.args"),
  EVT_RAWRES("evt_rawres", SqlTypeName.BIGINT, true, false, "Return value of the syscall (exit events)"),
  EVT_RES("evt_res", SqlTypeName.VARCHAR, true, false, "SUCCESS or the errno name of a failed call"),
  EVT_FAILED("evt_failed", SqlTypeName.BOOLEAN, false, false, "True when the return value is negative"),
  EVT_LATENCY("evt_latency", SqlTypeName.BIGINT, true, true,
      "sysdig's evt.latency: nanoseconds from the thread's previous event (its enter, for an exit) to this exit or"
          + " context switch; NULL when unknown (other enters, a thread's first event, captures of exits only)"),
  EVT_BUFLEN("evt_buflen", SqlTypeName.BIGINT, true, false, "Bytes moved by a successful read or write"),
  EVT_IS_IO("evt_is_io", SqlTypeName.BOOLEAN, false, false, "True for events that read or write an fd"),
  EVT_IS_IO_READ("evt_is_io_read", SqlTypeName.BOOLEAN, false, false, "True for events that read from an fd"),
  EVT_IS_IO_WRITE("evt_is_io_write", SqlTypeName.BOOLEAN, false, false, "True for events that write to an fd"),
  THREAD_TID("thread_tid", SqlTypeName.BIGINT, false, false, "Thread id of the event"),
  PROC_PID("proc_pid", SqlTypeName.BIGINT, true, true, "Process id (thread group) of the event's thread"),
  PROC_PPID("proc_ppid", SqlTypeName.BIGINT, true, true, "Parent process id"),
  PROC_PNAME("proc_pname", SqlTypeName.VARCHAR, true, true, "Name of the thread's parent, as sysdig's proc.pname"),
  PROC_NAME("proc_name", SqlTypeName.VARCHAR, true, true, "Process name (comm)"),
  PROC_EXE("proc_exe", SqlTypeName.VARCHAR, true, true, "argv[0] of the process"),
  PROC_ARGS("proc_args", SqlTypeName.VARCHAR, true, true, "Arguments after argv[0], space separated"),
  PROC_CWD("proc_cwd", SqlTypeName.VARCHAR, true, true, "Working directory of the process"),
  PROC_LIFETIME("proc_lifetime", SqlTypeName.BIGINT, true, true,
      "Id of this process lifetime (pids are reused; join processes on it)"),
  THREAD_LIFETIME("thread_lifetime", SqlTypeName.BIGINT, true, true,
      "Id of the thread's lifetime (tids are reused; join threads on it)"),
  PROC_TTY("proc_tty", SqlTypeName.BIGINT, true, true,
      "Controlling terminal of the process as a device number (0: none), as sysdig's proc.tty"),
  USER_UID("user_uid", SqlTypeName.BIGINT, true, true, "User id of the thread"),
  USER_NAME("user_name", SqlTypeName.VARCHAR, true, true, "User name of the thread"),
  USER_LOGINUID("user_loginuid", SqlTypeName.BIGINT, true, true,
      "Audit login uid of the thread (kept across su and sudo; -1 when unset), as sysdig's user.loginuid"),
  USER_LOGINNAME("user_loginname", SqlTypeName.VARCHAR, true, true,
      "User name of the login uid, as sysdig's user.loginname"),
  CONTAINER_ID("container_id", SqlTypeName.VARCHAR, true, true, "Container id, or 'host'"),
  CONTAINER_NAME("container_name", SqlTypeName.VARCHAR, true, true, "Container name, 'host' on the host"),
  FD_NUM("fd_num", SqlTypeName.BIGINT, true, true, "File descriptor the event refers to"),
  FD_LIFETIME("fd_lifetime", SqlTypeName.BIGINT, true, true,
      "Id of the lifetime of the event's fd (fd numbers are reused; join fds and connections on it)"),
  FD_NAME("fd_name", SqlTypeName.VARCHAR, true, true, "Name of the fd: path, socket tuple, pipe, ..."),
  FD_TYPE("fd_type", SqlTypeName.VARCHAR, true, true, "fd type: file, directory, ipv4, ipv6, unix, pipe, ..."),
  FD_TYPECHAR("fd_typechar", SqlTypeName.VARCHAR, true, true, "fd type as one letter (f, d, 4, 6, u, p, ...)"),
  FD_DIRECTORY("fd_directory", SqlTypeName.VARCHAR, true, true, "Directory of a file or directory fd"),
  FD_FILENAME("fd_filename", SqlTypeName.VARCHAR, true, true, "File name (after the last '/') of a file fd"),
  FD_L4PROTO("fd_l4proto", SqlTypeName.VARCHAR, true, true, "Socket protocol: tcp, udp, icmp, raw"),
  FD_CIP("fd_cip", SqlTypeName.VARCHAR, true, true, "Client address of a socket"),
  FD_CPORT("fd_cport", SqlTypeName.INTEGER, true, true, "Client port of a socket"),
  FD_SIP("fd_sip", SqlTypeName.VARCHAR, true, true, "Server address of a socket"),
  FD_SPORT("fd_sport", SqlTypeName.INTEGER, true, true, "Server port of a socket"),
  FS_PATH_NAME("fs_path_name", SqlTypeName.VARCHAR, true, true,
      "Path a file syscall operates on (open, stat, access, unlink, mkdir, chmod, ...), resolved; failed calls"
          + " included"),
  FS_PATH_SOURCE("fs_path_source", SqlTypeName.VARCHAR, true, true,
      "Source path of rename, link, symlink and mount, resolved; failed calls included"),
  FS_PATH_TARGET("fs_path_target", SqlTypeName.VARCHAR, true, true,
      "Target path of rename, link, symlink and mount, resolved; failed calls included"),
  EVT_PARAMS("evt_params", SqlTypeName.MAP, false, true,
      "Parameters by name, each rendered as sysdig prints it (value or value(resolved))"),
  CAPTURE("capture", SqlTypeName.VARCHAR, false, false, "File name of the capture the event comes from");

  private static final EventColumn[] ALL = values();

  public final String columnName;
  public final SqlTypeName type;
  public final boolean nullable;
  public final boolean state;
  public final String description;
  /** Whether the value decodes the event's parameters (what {@link ScanCounters} counts as decoded). */
  public final boolean decodes;

  EventColumn(String columnName, SqlTypeName type, boolean nullable, boolean state, String description) {
    this.columnName = columnName;
    this.type = type;
    this.nullable = nullable;
    this.state = state;
    this.description = description;
    this.decodes = Decoding.COLUMNS.contains(columnName);
  }

  /** Columns whose value reads parameters beyond the header (held apart: an enum's constructor sees no statics). */
  private static final class Decoding {
    static final java.util.Set<String> COLUMNS = java.util.Set.of("evt_args", "evt_rawres", "evt_res", "evt_failed",
        "evt_buflen", "fs_path_name", "fs_path_source", "fs_path_target", "evt_params");
  }

  /** The columns as the schema and the documentation read them. */
  public static java.util.List<ColumnDef> definitions() {
    java.util.List<ColumnDef> out = new java.util.ArrayList<>();
    for (EventColumn c : ALL) {
      out.add(new ColumnDef(c.columnName, c.type, c.nullable, c.description));
    }
    return out;
  }

  public static EventColumn of(int index) {
    return ALL[index];
  }

  public static int count() {
    return ALL.length;
  }
}
