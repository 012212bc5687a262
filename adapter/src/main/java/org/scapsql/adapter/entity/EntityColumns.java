package org.scapsql.adapter.entity;

import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/** Column layouts of the entity tables, in row order, each with its description. */
public final class EntityColumns {
  private EntityColumns() {}

  /** One column: name, type, description. */
  public record Column(String name, SqlTypeName type, String description) {}

  /** The columns as the schema and the documentation read them (entity columns are all nullable). */
  public static List<org.scapsql.adapter.ColumnDef> definitions(List<Column> columns) {
    return columns.stream().map(c -> new org.scapsql.adapter.ColumnDef(c.name(), c.type(), true, c.description()))
        .toList();
  }

  private static Column c(String name, SqlTypeName type, String description) {
    return new Column(name, type, description);
  }

  private static final SqlTypeName BIGINT = SqlTypeName.BIGINT;
  private static final SqlTypeName INTEGER = SqlTypeName.INTEGER;
  private static final SqlTypeName VARCHAR = SqlTypeName.VARCHAR;
  private static final SqlTypeName BOOLEAN = SqlTypeName.BOOLEAN;
  private static final SqlTypeName TIMESTAMP = SqlTypeName.TIMESTAMP;
  private static final Column CAPTURE = c("capture", VARCHAR, "File name of the capture");

  public static final List<Column> PROCESSES = List.of(
      c("proc_lifetime", BIGINT, "Id of this process lifetime within its capture (pids are reused)"),
      c("proc_pid", BIGINT, "Process id"),
      c("proc_ppid", BIGINT, "Parent process id (the main thread's parent tid)"),
      c("proc_plifetime", BIGINT, "Lifetime id of the parent process when this one appeared (joins processes);"
          + " NULL when the parent is unknown"),
      c("proc_pname", VARCHAR, "Name of the parent process when this one appeared"),
      c("proc_name", VARCHAR, "Process name (comm) at the end of its life in the capture"),
      c("proc_exe", VARCHAR, "argv[0]"),
      c("proc_args", VARCHAR, "Arguments after argv[0], space separated"),
      c("proc_cmdline", VARCHAR, "Name followed by the arguments"),
      c("proc_cwd", VARCHAR, "Working directory"),
      c("proc_tty", BIGINT, "Controlling terminal as a device number (0: none)"),
      c("user_uid", BIGINT, "User id"),
      c("user_name", VARCHAR, "User name"),
      c("user_loginuid", BIGINT, "Audit login uid (kept across su and sudo; -1 when unset)"),
      c("user_loginname", VARCHAR, "User name of the login uid"),
      c("container_id", VARCHAR, "Container id, or 'host'"),
      c("container_name", VARCHAR, "Container name, 'host' on the host"),
      c("proc_start", BIGINT, "When the process appeared (ns since epoch); NULL if it predates the capture"),
      c("proc_start_time", TIMESTAMP, "proc_start as a TIMESTAMP in UTC (milliseconds)"),
      c("proc_end", BIGINT, "When its last thread exited (ns since epoch); NULL if alive at the end"),
      c("proc_end_time", TIMESTAMP, "proc_end as a TIMESTAMP in UTC (milliseconds)"),
      c("proc_exit_code", INTEGER, "Exit code from procexit, when seen"),
      c("thread_count", INTEGER, "Threads the process had during the capture"),
      CAPTURE);

  public static final List<Column> THREADS = List.of(
      c("thread_lifetime", BIGINT, "Id of this thread lifetime within its capture"),
      c("thread_tid", BIGINT, "Thread id"),
      c("proc_lifetime", BIGINT, "Lifetime id of the thread's process"),
      c("proc_pid", BIGINT, "Process id"),
      c("proc_name", VARCHAR, "Process name as the thread last saw it"),
      c("proc_exe", VARCHAR, "argv[0]"),
      c("proc_args", VARCHAR, "Arguments"),
      c("proc_tty", BIGINT, "Controlling terminal as a device number (0: none)"),
      c("user_uid", BIGINT, "User id"),
      c("user_name", VARCHAR, "User name"),
      c("user_loginuid", BIGINT, "Audit login uid (-1 when unset)"),
      c("user_loginname", VARCHAR, "User name of the login uid"),
      c("container_id", VARCHAR, "Container id, or 'host'"),
      c("container_name", VARCHAR, "Container name, 'host' on the host"),
      c("thread_start", BIGINT, "When the thread appeared (ns); NULL if it predates the capture"),
      c("thread_start_time", TIMESTAMP, "thread_start as a TIMESTAMP in UTC (milliseconds)"),
      c("thread_end", BIGINT, "When it exited (ns); NULL if alive at the end"),
      c("thread_end_time", TIMESTAMP, "thread_end as a TIMESTAMP in UTC (milliseconds)"),
      CAPTURE);

  public static final List<Column> FDS = List.of(
      c("fd_lifetime", BIGINT, "Id of this fd lifetime within its capture"),
      c("proc_lifetime", BIGINT, "Lifetime id of the owning process"),
      c("proc_pid", BIGINT, "Owning process id"),
      c("proc_name", VARCHAR, "Owning process name"),
      c("thread_tid", BIGINT,
          "Thread that opened it, or the child that inherited it at fork (NULL when it predates the capture)"),
      c("fd_num", BIGINT, "fd number"),
      c("fd_type", VARCHAR, "file, directory, ipv4, ipv6, unix, pipe, event, ..."),
      c("fd_typechar", VARCHAR, "Type as one letter"),
      c("fd_name", VARCHAR, "Path, socket tuple or other name"),
      c("fd_directory", VARCHAR, "Directory of a file or directory"),
      c("fd_filename", VARCHAR, "File name of a file"),
      c("fd_openflags", VARCHAR, "Flags a file or directory was opened with, as sysdig renders them"
          + " (O_RDONLY|O_CLOEXEC); NULL when the capture does not say (fd tables of older writers)"),
      c("fd_rawopenflags", BIGINT, "The same flags as a number (scap's PPM_O_* bits)"),
      c("open_rawtime", BIGINT, "When it was opened (ns); NULL if it predates the capture"),
      c("open_time", TIMESTAMP, "open_rawtime as a TIMESTAMP in UTC (milliseconds)"),
      c("close_rawtime", BIGINT, "When it was closed or its process ended (ns); NULL if still open at the end"),
      c("close_time", TIMESTAMP, "close_rawtime as a TIMESTAMP in UTC (milliseconds)"),
      c("bytes_read", BIGINT, "Bytes read (sum of successful read results)"),
      c("bytes_written", BIGINT, "Bytes written"),
      c("read_ops", BIGINT, "Successful read calls"),
      c("write_ops", BIGINT, "Successful write calls"),
      c("errors", BIGINT, "Failed I/O calls"),
      CAPTURE);

  public static final List<Column> CONNECTIONS = List.of(
      c("fd_lifetime", BIGINT, "Id of the socket's fd lifetime (joins fds)"),
      c("proc_lifetime", BIGINT, "Lifetime id of the owning process"),
      c("proc_pid", BIGINT, "Owning process id"),
      c("proc_name", VARCHAR, "Owning process name"),
      c("fd_num", BIGINT, "fd number"),
      c("fd_l4proto", VARCHAR, "tcp, udp, icmp, raw"),
      c("fd_cip", VARCHAR, "Client address"),
      c("fd_cport", INTEGER, "Client port"),
      c("fd_sip", VARCHAR, "Server address (the bound address of a listening socket)"),
      c("fd_sport", INTEGER, "Server port"),
      c("fd_is_server", BOOLEAN, "True on the server side (accepted or listening socket)"),
      c("fd_name", VARCHAR, "The tuple as sysdig names it"),
      c("open_rawtime", BIGINT, "When it was opened (ns); NULL if it predates the capture"),
      c("open_time", TIMESTAMP, "open_rawtime as a TIMESTAMP in UTC (milliseconds)"),
      c("close_rawtime", BIGINT, "When it was closed or its process ended (ns); NULL if still open"),
      c("close_time", TIMESTAMP, "close_rawtime as a TIMESTAMP in UTC (milliseconds)"),
      c("bytes_in", BIGINT, "Bytes received"),
      c("bytes_out", BIGINT, "Bytes sent"),
      CAPTURE);

  public static final List<Column> CONTAINERS = List.of(
      c("container_id", VARCHAR, "Container id (12 hex digits), or 'host'"),
      c("container_name", VARCHAR, "Container name from container events ('host' for the host)"),
      c("container_image", VARCHAR, "Image"),
      c("container_type", VARCHAR, "Engine: docker, cri-o, podman, ..."),
      CAPTURE);

  public static final List<Column> USERS = List.of(
      c("user_uid", BIGINT, "User id"),
      c("user_name", VARCHAR, "User name"),
      c("user_gid", BIGINT, "Primary group id"),
      c("user_homedir", VARCHAR, "Home directory"),
      c("user_shell", VARCHAR, "Login shell"),
      CAPTURE);

  public static final List<Column> GROUPS = List.of(
      c("group_gid", BIGINT, "Group id"),
      c("group_name", VARCHAR, "Group name"),
      CAPTURE);

  public static final List<Column> INTERFACES = List.of(
      c("interface_name", VARCHAR, "Interface name"),
      c("family", VARCHAR, "ipv4 or ipv6"),
      c("address", VARCHAR, "Address"),
      c("netmask", VARCHAR, "Netmask"),
      c("broadcast", VARCHAR, "Broadcast address"),
      CAPTURE);

  public static final List<Column> CAPTURES = List.of(
      c("capture", VARCHAR, "File name of the capture"),
      c("path", VARCHAR, "Path the capture was opened from"),
      c("size_bytes", BIGINT, "Size on disk"),
      c("compressed", BOOLEAN, "True for gzip files"),
      c("format_version", VARCHAR, "Section header version, major.minor"),
      c("hostname", VARCHAR, "Host the capture was taken on"),
      c("num_cpus", INTEGER, "CPUs of that host"),
      c("memory_bytes", BIGINT, "Memory of that host"),
      c("first_rawtime", BIGINT, "Time of the first event (ns)"),
      c("first_time", TIMESTAMP, "first_rawtime as a TIMESTAMP in UTC (milliseconds)"),
      c("last_rawtime", BIGINT, "Time of the last event (ns)"),
      c("last_time", TIMESTAMP, "last_rawtime as a TIMESTAMP in UTC (milliseconds)"),
      c("duration", BIGINT, "Nanoseconds from the first event to the last"),
      c("events", BIGINT, "Number of events"),
      c("dialect", VARCHAR, "Rules used: sysdig_0_29 or current"),
      c("warning", VARCHAR, "Why reading stopped early (truncated capture), or NULL"));

  public static final List<Column> EVENT_TYPES = List.of(
      c("id", INTEGER, "Event type id"),
      c("name", VARCHAR, "Event name (evt_type)"),
      c("direction", VARCHAR, "'>' enter or '<' exit"),
      c("category", VARCHAR, "Category and source flags"),
      c("flags", VARCHAR, "Event flags"),
      c("nparams", INTEGER, "Number of parameters in the current table"),
      c("params", VARCHAR, "Parameters as name:type, separated by ';'"));
}
