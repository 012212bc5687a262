package org.scapsql.adapter;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import org.scapsql.reader.Event;
import org.scapsql.reader.EventInfo;
import org.scapsql.render.EventFormatter;
import org.scapsql.render.FsPaths;
import org.scapsql.render.SysdigFields;

/**
 * Columns of the {@code events} table, in table order, each declared once: name
 * (sysdig's field name with '.' replaced by '_'), type, nullability, what the value
 * reads ({@link Source}), description and the rule that computes it. The schema, the
 * scan ({@link EventRows}), {@code docs/tables.md} and the JDBC remarks all read these.
 */
public enum EventColumn {
  EVT_NUM("evt_num", SqlTypeName.BIGINT, false, Source.HEADER,
      "Event number, from 1 in file order, as sysdig numbers it",
      (r, e) -> e.num()),
  EVT_RAWTIME("evt_rawtime", SqlTypeName.BIGINT, false, Source.HEADER, "Event time, nanoseconds since the Unix epoch",
      (r, e) -> e.ts()),
  EVT_TIME("evt_time", SqlTypeName.TIMESTAMP, false, Source.HEADER,
      "Event time as a TIMESTAMP in UTC, truncated to the millisecond (evt_rawtime has the nanoseconds)",
      (r, e) -> Math.floorDiv(e.ts(), 1_000_000L)),
  EVT_RELTIME("evt_reltime", SqlTypeName.BIGINT, false, Source.HEADER, "Nanoseconds since the capture's first event",
      EventRows::relTime),
  EVT_CPU("evt_cpu", SqlTypeName.INTEGER, false, Source.HEADER, "CPU the event was recorded on",
      (r, e) -> e.cpu()),
  EVT_DIR("evt_dir", SqlTypeName.VARCHAR, false, Source.HEADER, "Direction: '>' enter, '<' exit",
      (r, e) -> String.valueOf(e.info().direction())),
  EVT_TYPE("evt_type", SqlTypeName.VARCHAR, false, Source.HEADER,
      "Event type: the syscall or event name (generic syscall events: the syscall's name)",
      (r, e) -> EventFormatter.type(e, r.dialect())),
  EVT_CATEGORY("evt_category", SqlTypeName.VARCHAR, false, Source.STATE,
      "Category: file, net, ipc, process, memory, ... ; 'internal' for meta events sysdig hides without -D",
      EventRows::category),
  EVT_VISIBLE("evt_visible", SqlTypeName.BOOLEAN, false, Source.STATE,
      "True when `sysdig -r` shows the event (not internal, not consumed into state)",
      EventRows::visible),
  EVT_ARGS("evt_args", SqlTypeName.VARCHAR, false, Source.STATE_PARAMS,
      "All parameters rendered as sysdig prints evt.args",
      (r, e) -> r.renderer().args(e).strip()),
  EVT_RAWRES("evt_rawres", SqlTypeName.BIGINT, true, Source.PARAMS, "Return value of the syscall (exit events)",
      (r, e) -> r.fields().rawres(e)),
  EVT_RES("evt_res", SqlTypeName.VARCHAR, true, Source.PARAMS, "SUCCESS or the errno name of a failed call",
      (r, e) -> r.fields().res(e)),
  EVT_FAILED("evt_failed", SqlTypeName.BOOLEAN, false, Source.PARAMS, "True when the return value is negative",
      (r, e) -> r.fields().failed(e)),
  EVT_LATENCY("evt_latency", SqlTypeName.BIGINT, true, Source.STATE,
      "sysdig's evt.latency: nanoseconds from the thread's previous event (its enter, for an exit) to this exit or"
          + " context switch; NULL when unknown (other enters, a thread's first event, captures of exits only)",
      (r, e) -> r.fields().evtLatency(e)),
  EVT_BUFLEN("evt_buflen", SqlTypeName.BIGINT, true, Source.PARAMS, "Bytes moved by a successful read or write",
      EventRows::buflen),
  EVT_IS_IO("evt_is_io", SqlTypeName.BOOLEAN, false, Source.HEADER, "True for events that read or write an fd",
      (r, e) -> e.info().has(EventInfo.EF_READS_FROM_FD) || e.info().has(EventInfo.EF_WRITES_TO_FD)),
  EVT_IS_IO_READ("evt_is_io_read", SqlTypeName.BOOLEAN, false, Source.HEADER, "True for events that read from an fd",
      (r, e) -> e.info().has(EventInfo.EF_READS_FROM_FD)),
  EVT_IS_IO_WRITE("evt_is_io_write", SqlTypeName.BOOLEAN, false, Source.HEADER, "True for events that write to an fd",
      (r, e) -> e.info().has(EventInfo.EF_WRITES_TO_FD)),
  THREAD_TID("thread_tid", SqlTypeName.BIGINT, false, Source.HEADER, "Thread id of the event",
      (r, e) -> e.tid()),
  THREAD_NAMETID("thread_nametid", SqlTypeName.VARCHAR, true, Source.STATE,
      "Process name followed by the thread id, as sysdig's thread.nametid (ls32052)",
      (r, e) -> r.fields().threadNametid()),
  PROC_PID("proc_pid", SqlTypeName.BIGINT, true, Source.STATE, "Process id (thread group) of the event's thread",
      (r, e) -> r.fields().procPid()),
  PROC_PPID("proc_ppid", SqlTypeName.BIGINT, true, Source.STATE, "Parent process id",
      (r, e) -> r.fields().procPpid()),
  PROC_PNAME("proc_pname", SqlTypeName.VARCHAR, true, Source.STATE,
      "Name of the thread's parent, as sysdig's proc.pname",
      (r, e) -> r.fields().procPname()),
  PROC_NAME("proc_name", SqlTypeName.VARCHAR, true, Source.STATE, "Process name (comm)",
      (r, e) -> r.fields().procName()),
  PROC_EXE("proc_exe", SqlTypeName.VARCHAR, true, Source.STATE, "argv[0] of the process",
      (r, e) -> r.fields().procExe()),
  PROC_ARGS("proc_args", SqlTypeName.VARCHAR, true, Source.STATE, "Arguments after argv[0], space separated",
      (r, e) -> r.fields().procArgs()),
  PROC_EXELINE("proc_exeline", SqlTypeName.VARCHAR, true, Source.STATE,
      "argv[0], a space and the arguments, as sysdig's proc.exeline ('/sbin/init ' without arguments)",
      (r, e) -> r.fields().procExeline()),
  PROC_CWD("proc_cwd", SqlTypeName.VARCHAR, true, Source.STATE, "Working directory of the process",
      (r, e) -> r.fields().procCwd()),
  PROC_LIFETIME("proc_lifetime", SqlTypeName.BIGINT, true, Source.STATE,
      "Id of this process lifetime (pids are reused; join processes on it)",
      (r, e) -> r.fields().procLifetime()),
  THREAD_LIFETIME("thread_lifetime", SqlTypeName.BIGINT, true, Source.STATE,
      "Id of the thread's lifetime (tids are reused; join threads on it)",
      (r, e) -> r.fields().threadLifetime()),
  PROC_TTY("proc_tty", SqlTypeName.BIGINT, true, Source.STATE,
      "Controlling terminal of the process as a device number (0: none), as sysdig's proc.tty",
      (r, e) -> r.fields().procTty()),
  PROC_VPID("proc_vpid", SqlTypeName.BIGINT, true, Source.STATE,
      "Process id inside the process's pid namespace (a container's own numbering), as sysdig's proc.vpid; NULL"
          + " when the capture does not say",
      (r, e) -> r.fields().procVpid()),
  THREAD_VTID("thread_vtid", SqlTypeName.BIGINT, true, Source.STATE,
      "Thread id inside the thread's pid namespace, as sysdig's thread.vtid; NULL when the capture does not say",
      (r, e) -> r.fields().threadVtid()),
  PROC_NTHREADS("proc_nthreads", SqlTypeName.BIGINT, true, Source.STATE,
      "Threads the process has at this event, main thread included, as sysdig's proc.nthreads; NULL when the"
          + " process's main thread is unknown",
      (r, e) -> r.fields().procNthreads()),
  PROC_NCHILDS("proc_nchilds", SqlTypeName.BIGINT, true, Source.STATE,
      "Threads of the process besides the main thread, counted on the main thread (0 on the others), as sysdig's"
          + " proc.nchilds",
      (r, e) -> r.fields().procNchilds()),
  THREAD_VMSIZE("thread_vmsize", SqlTypeName.BIGINT, true, Source.STATE,
      "Virtual memory size of the process in KiB on its main thread, 0 on its other threads, as sysdig's"
          + " thread.vmsize (Inspect's VIRT is this times 1024)",
      (r, e) -> r.fields().threadVmsize()),
  THREAD_VMRSS("thread_vmrss", SqlTypeName.BIGINT, true, Source.STATE,
      "Resident memory size of the process in KiB on its main thread, 0 on its other threads, as sysdig's"
          + " thread.vmrss (Inspect's RES is this times 1024)",
      (r, e) -> r.fields().threadVmrss()),
  PROC_VMSIZE("proc_vmsize", SqlTypeName.BIGINT, true, Source.STATE,
      "Virtual memory size in KiB last reported for the event's thread, as sysdig's proc.vmsize",
      (r, e) -> r.fields().procVmsize()),
  PROC_VMRSS("proc_vmrss", SqlTypeName.BIGINT, true, Source.STATE,
      "Resident memory size in KiB last reported for the event's thread, as sysdig's proc.vmrss",
      (r, e) -> r.fields().procVmrss()),
  PROC_VMSWAP("proc_vmswap", SqlTypeName.BIGINT, true, Source.STATE,
      "Swapped-out memory size in KiB last reported for the event's thread, as sysdig's proc.vmswap",
      (r, e) -> r.fields().procVmswap()),
  THREAD_PFMAJOR("thread_pfmajor", SqlTypeName.BIGINT, true, Source.STATE,
      "Major page faults of the thread since it started, as last reported (process list, clone, execve and"
          + " context-switch events), as sysdig's thread.pfmajor",
      (r, e) -> r.fields().threadPfmajor()),
  THREAD_PFMINOR("thread_pfminor", SqlTypeName.BIGINT, true, Source.STATE,
      "Minor page faults of the thread since it started, as last reported, as sysdig's thread.pfminor",
      (r, e) -> r.fields().threadPfminor()),
  THREAD_CPU_USER_TICKS("thread_cpu_user_ticks", SqlTypeName.BIGINT, true, Source.PARAMS,
      "procinfo events: user CPU time the thread has used since it started, in 1/100 s (the event's cpu_usr;"
          + " sysdig's thread.cpu.user is its rate); NULL on other events",
      (r, e) -> r.procinfoTicks(e, "cpu_usr")),
  THREAD_CPU_SYSTEM_TICKS("thread_cpu_system_ticks", SqlTypeName.BIGINT, true, Source.PARAMS,
      "procinfo events: system CPU time the thread has used since it started, in 1/100 s (the event's cpu_sys);"
          + " NULL on other events",
      (r, e) -> r.procinfoTicks(e, "cpu_sys")),
  USER_UID("user_uid", SqlTypeName.BIGINT, true, Source.STATE, "User id of the thread",
      (r, e) -> r.fields().userUid()),
  USER_NAME("user_name", SqlTypeName.VARCHAR, true, Source.STATE, "User name of the thread",
      (r, e) -> r.fields().userName()),
  USER_LOGINUID("user_loginuid", SqlTypeName.BIGINT, true, Source.STATE,
      "Audit login uid of the thread (kept across su and sudo; -1 when unset), as sysdig's user.loginuid",
      (r, e) -> r.fields().userLoginuid()),
  USER_LOGINNAME("user_loginname", SqlTypeName.VARCHAR, true, Source.STATE,
      "User name of the login uid, as sysdig's user.loginname",
      (r, e) -> r.fields().userLoginname()),
  CONTAINER_ID("container_id", SqlTypeName.VARCHAR, true, Source.STATE, "Container id, or 'host'",
      (r, e) -> r.fields().containerId()),
  CONTAINER_NAME("container_name", SqlTypeName.VARCHAR, true, Source.STATE, "Container name, 'host' on the host",
      (r, e) -> r.fields().containerName()),
  FD_NUM("fd_num", SqlTypeName.BIGINT, true, Source.STATE, "File descriptor the event refers to",
      (r, e) -> r.fields().fdNum()),
  FD_LIFETIME("fd_lifetime", SqlTypeName.BIGINT, true, Source.STATE,
      "Id of the lifetime of the event's fd (fd numbers are reused; join fds and connections on it)",
      (r, e) -> r.fields().fdLifetime()),
  FD_NAME("fd_name", SqlTypeName.VARCHAR, true, Source.STATE, "Name of the fd: path, socket tuple, pipe, ...",
      (r, e) -> r.fields().fdName(e)),
  FD_TYPE("fd_type", SqlTypeName.VARCHAR, true, Source.STATE, "fd type: file, directory, ipv4, ipv6, unix, pipe, ...",
      (r, e) -> r.fields().fdType()),
  FD_TYPECHAR("fd_typechar", SqlTypeName.VARCHAR, true, Source.STATE, "fd type as one letter (f, d, 4, 6, u, p, ...)",
      (r, e) -> r.fields().fdTypechar(e)),
  FD_DIRECTORY("fd_directory", SqlTypeName.VARCHAR, true, Source.STATE, "Directory of a file or directory fd",
      (r, e) -> SysdigFields.fdDirectory(r.eventFd())),
  FD_FILENAME("fd_filename", SqlTypeName.VARCHAR, true, Source.STATE, "File name (after the last '/') of a file fd",
      (r, e) -> SysdigFields.fdFilename(r.eventFd())),
  FD_L4PROTO("fd_l4proto", SqlTypeName.VARCHAR, true, Source.STATE, "Socket protocol: tcp, udp, icmp, raw",
      (r, e) -> SysdigFields.fdL4proto(r.eventFd())),
  FD_CIP("fd_cip", SqlTypeName.VARCHAR, true, Source.STATE, "Client address of a socket",
      (r, e) -> SysdigFields.fdClientIp(r.eventFd())),
  FD_CPORT("fd_cport", SqlTypeName.INTEGER, true, Source.STATE, "Client port of a socket",
      (r, e) -> SysdigFields.fdClientPort(r.eventFd())),
  FD_SIP("fd_sip", SqlTypeName.VARCHAR, true, Source.STATE, "Server address of a socket",
      (r, e) -> SysdigFields.fdServerIp(r.eventFd())),
  FD_SPORT("fd_sport", SqlTypeName.INTEGER, true, Source.STATE, "Server port of a socket",
      (r, e) -> SysdigFields.fdServerPort(r.eventFd())),
  FS_PATH_NAME("fs_path_name", SqlTypeName.VARCHAR, true, Source.STATE_PARAMS,
      "Path a file syscall operates on (open, stat, access, unlink, mkdir, chmod, ...), resolved; failed calls"
          + " included",
      (r, e) -> r.paths().path(e, FsPaths.Kind.NAME)),
  FS_PATH_SOURCE("fs_path_source", SqlTypeName.VARCHAR, true, Source.STATE_PARAMS,
      "Source path of rename, link, symlink and mount, resolved; failed calls included",
      (r, e) -> r.paths().path(e, FsPaths.Kind.SOURCE)),
  FS_PATH_TARGET("fs_path_target", SqlTypeName.VARCHAR, true, Source.STATE_PARAMS,
      "Target path of rename, link, symlink and mount, resolved; failed calls included",
      (r, e) -> r.paths().path(e, FsPaths.Kind.TARGET)),
  EVT_DATA("evt_data", SqlTypeName.VARBINARY, true, Source.PARAMS,
      "Bytes a read or write exit carried, as captured (at most the snaplen): io_chunks.data of the same event;"
          + " NULL on other events",
      EventColumn::data),
  EVT_PARAMS("evt_params", SqlTypeName.MAP, false, Source.STATE_PARAMS,
      "Parameters by name, each rendered as sysdig prints it (value or value(resolved))",
      EventRows::params),
  CAPTURE_DIALECT("capture_dialect", SqlTypeName.VARCHAR, false, Source.HEADER,
      "Rules the event's capture is read by, as scap.capture.dialect: sysdig_0_29 or current",
      (r, e) -> r.dialectName()),
  CAPTURE("capture", SqlTypeName.VARCHAR, false, Source.HEADER, "File name of the capture the event comes from",
      (r, e) -> r.captureName());

  private static final EventColumn[] ALL = values();

  /** The data buffer of an I/O exit, by the rule of {@code io_chunks}: its one row per such event. */
  private static Object data(EventRows rows, Event e) {
    EventInfo info = e.info();
    if (info.enter() || !(info.has(EventInfo.EF_READS_FROM_FD) || info.has(EventInfo.EF_WRITES_TO_FD))) {
      return null;
    }
    int d = e.param("data");
    return d < 0 || e.isEmpty(d) ? null : new org.apache.calcite.avatica.util.ByteString(e.paramBytes(d));
  }

  /** What a column's value reads beyond the event header. */
  enum Source {
    /** The header or the event table only. */
    HEADER(false, false),
    /** The event's parameters. */
    PARAMS(false, true),
    /** The state tracker's view of the event. */
    STATE(true, false),
    /** The state tracker and the parameters. */
    STATE_PARAMS(true, true);

    final boolean state;
    final boolean decodes;

    Source(boolean state, boolean decodes) {
      this.state = state;
      this.decodes = decodes;
    }
  }

  /**
   * How a column's value is obtained for the current event. The rules are stateless
   * (non-capturing lambdas, one instance each): a value costs no allocation beyond its box.
   */
  @FunctionalInterface
  interface Rule {
    Object value(EventRows rows, Event e);
  }

  public final String columnName;
  public final SqlTypeName type;
  public final boolean nullable;
  /** Whether the value needs the state tracker; a query without such a column runs none. */
  public final boolean state;
  public final String description;
  /** Whether the value decodes the event's parameters (what {@link ScanCounters} counts as decoded). */
  public final boolean decodes;
  final Rule rule;

  EventColumn(String columnName, SqlTypeName type, boolean nullable, Source source, String description, Rule rule) {
    this.columnName = columnName;
    this.type = type;
    this.nullable = nullable;
    this.state = source.state;
    this.decodes = source.decodes;
    this.description = description;
    this.rule = rule;
  }

  /** The columns as the schema and the documentation read them. */
  public static List<ColumnDef> definitions() {
    List<ColumnDef> out = new ArrayList<>();
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
