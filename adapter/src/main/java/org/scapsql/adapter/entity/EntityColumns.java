package org.scapsql.adapter.entity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.sql.type.SqlTypeName;
import org.scapsql.adapter.ColumnDef;
import org.scapsql.adapter.entity.SmallTables.CaptureFile;
import org.scapsql.adapter.entity.SmallTables.Captured;
import org.scapsql.adapter.entity.SmallTables.ContainerRow;
import org.scapsql.adapter.entity.SmallTables.EventType;
import org.scapsql.reader.GroupInfo;
import org.scapsql.reader.InterfaceInfo;
import org.scapsql.reader.UserInfo;
import org.scapsql.render.SysdigFields;
import org.scapsql.state.Addresses;
import org.scapsql.state.FdInfo;
import org.scapsql.state.ThreadInfo;

/**
 * The entity tables' columns, each declared once, in row order: name, type,
 * description and how its value is read from the table's row object. The schema,
 * the rows ({@link #rows}), {@code docs/tables.md} and the JDBC remarks all read these.
 * fd and process values use the same rules ({@link SysdigFields}) as the events scan.
 */
public final class EntityColumns {
  private EntityColumns() {}

  /** One column of rows of type {@code R}: name, type, description and the rule that reads its value. */
  public record Column<R>(String name, SqlTypeName type, String description, Function<? super R, ?> value) {}

  /** A row object that knows the name of its capture (the {@code capture} column of every entity table). */
  public interface OfCapture {
    String capture();
  }

  /** The columns as the schema and the documentation read them (entity columns are all nullable). */
  public static List<ColumnDef> definitions(List<? extends Column<?>> columns) {
    return columns.stream().map(c -> new ColumnDef(c.name(), c.type(), true, c.description())).toList();
  }

  /** The values of {@code item}, in column order. */
  public static <R> Object[] row(List<Column<R>> columns, R item) {
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = columns.get(i).value().apply(item);
    }
    return row;
  }

  /** The rows of {@code items}, in their order. */
  public static <R> List<Object[]> rows(List<Column<R>> columns, Collection<? extends R> items) {
    List<Object[]> out = new ArrayList<>(items.size());
    for (R item : items) {
      out.add(row(columns, item));
    }
    return out;
  }

  private static <R> Column<R> c(String name, SqlTypeName type, String description, Function<? super R, ?> value) {
    return new Column<>(name, type, description, value);
  }

  private static <R extends OfCapture> Column<R> capture() {
    return c("capture", VARCHAR, "File name of the capture", OfCapture::capture);
  }

  /** A thread attribute that reads the tracker's tables as the thread's row is written (its process's thread count). */
  private interface ThreadRule {
    Object value(ThreadInfo t, SysdigFields fields);
  }

  /**
   * The value of a column that the end of the capture defines (a user or container name, an
   * fd's process id and name, open flags as the capture's dialect renders them): a row is
   * written when its lifetime ends, so these are not taken then but settled each time the
   * row is read, by {@link RowContext}, which holds their rules.
   */
  static final Function<Object, Object> ON_READ = r -> null;

  /** {@link #ON_READ}, typed for a table's rows (the same instance: RowContext checks it by identity). */
  @SuppressWarnings("unchecked")
  private static <R> Function<R, Object> onRead() {
    return (Function<R, Object>) (Function<?, ?>) ON_READ;
  }

  /** A process's attribute is its representative thread's (null when it has none). */
  private static Function<ProcessRow, Object> proc(Function<ThreadInfo, ?> rule) {
    return p -> p.rep(rule);
  }

  private static Function<ThreadRow, Object> thread(Function<ThreadInfo, ?> rule) {
    return r -> rule.apply(r.thread);
  }

  private static Function<ThreadRow, Object> threadAt(ThreadRule rule) {
    return r -> rule.value(r.thread, r.process.fields());
  }

  private static final SqlTypeName BIGINT = SqlTypeName.BIGINT;
  private static final SqlTypeName INTEGER = SqlTypeName.INTEGER;
  private static final SqlTypeName VARCHAR = SqlTypeName.VARCHAR;
  private static final SqlTypeName BOOLEAN = SqlTypeName.BOOLEAN;
  private static final SqlTypeName TIMESTAMP = SqlTypeName.TIMESTAMP;

  public static final List<Column<ProcessRow>> PROCESSES = List.of(
      c("proc_lifetime", BIGINT, "Id of this process lifetime within its capture (pids are reused)", p -> p.lifetime),
      c("proc_pid", BIGINT, "Process id", proc(SysdigFields::procPid)),
      c("proc_ppid", BIGINT, "Parent process id (the main thread's parent tid)", proc(t -> t.ptid)),
      c("proc_plifetime", BIGINT, "Lifetime id of the parent process when this one appeared (joins processes);"
          + " NULL when the parent is unknown", p -> p.parentLifetime),
      c("proc_pname", VARCHAR, "Name of the parent process when this one appeared", p -> p.parentName),
      c("proc_name", VARCHAR, "Process name (comm) at the end of its life in the capture",
          proc(SysdigFields::procName)),
      c("proc_exe", VARCHAR, "argv[0]", proc(SysdigFields::procExe)),
      c("proc_args", VARCHAR, "Arguments after argv[0], space separated", proc(SysdigFields::procArgs)),
      c("proc_cmdline", VARCHAR, "Name followed by the arguments",
          proc(SysdigFields::procCmdline)),
      c("proc_cwd", VARCHAR, "Working directory", proc(SysdigFields::procCwd)),
      c("proc_tty", BIGINT, "Controlling terminal as a device number (0: none)", proc(SysdigFields::procTty)),
      c("user_uid", BIGINT, "User id", proc(SysdigFields::userUid)),
      c("user_name", VARCHAR, "User name", onRead()),
      c("user_loginuid", BIGINT, "Audit login uid (kept across su and sudo; -1 when unset)",
          proc(SysdigFields::loginuid)),
      c("user_loginname", VARCHAR, "User name of the login uid", onRead()),
      c("container_id", VARCHAR, "Container id, or 'host'", proc(SysdigFields::containerId)),
      c("container_name", VARCHAR, "Container name, 'host' on the host", onRead()),
      c("proc_start", BIGINT, "When the process appeared (ns since epoch); NULL if it predates the capture",
          p -> p.start),
      c("proc_start_time", TIMESTAMP, "proc_start as a TIMESTAMP in UTC (milliseconds)", p -> Times.millis(p.start)),
      c("proc_end", BIGINT, "When its last thread exited (ns since epoch); NULL if alive at the end", p -> p.end),
      c("proc_end_time", TIMESTAMP, "proc_end as a TIMESTAMP in UTC (milliseconds)", p -> Times.millis(p.end)),
      c("proc_exit_code", INTEGER, "Exit code from procexit, when seen", ProcessRow::exitCode),
      c("thread_count", INTEGER, "Threads the process had during the capture", p -> p.threads),
      capture());

  public static final List<Column<ThreadRow>> THREADS = List.of(
      c("thread_lifetime", BIGINT, "Id of this thread lifetime within its capture", r -> r.lifetime),
      c("thread_tid", BIGINT, "Thread id", thread(SysdigFields::threadTid)),
      c("proc_lifetime", BIGINT, "Lifetime id of the thread's process", r -> r.process.lifetime),
      c("proc_pid", BIGINT, "Process id", thread(SysdigFields::procPid)),
      c("proc_name", VARCHAR, "Process name as the thread last saw it", thread(SysdigFields::procName)),
      c("proc_exe", VARCHAR, "argv[0]", thread(SysdigFields::procExe)),
      c("proc_args", VARCHAR, "Arguments", thread(SysdigFields::procArgs)),
      c("proc_tty", BIGINT, "Controlling terminal as a device number (0: none)", thread(SysdigFields::procTty)),
      c("user_uid", BIGINT, "User id", thread(SysdigFields::userUid)),
      c("user_name", VARCHAR, "User name", onRead()),
      c("user_loginuid", BIGINT, "Audit login uid (-1 when unset)", thread(SysdigFields::loginuid)),
      c("user_loginname", VARCHAR, "User name of the login uid", onRead()),
      c("container_id", VARCHAR, "Container id, or 'host'", thread(SysdigFields::containerId)),
      c("container_name", VARCHAR, "Container name, 'host' on the host", onRead()),
      c("thread_start", BIGINT, "When the thread appeared (ns); NULL if it predates the capture", r -> r.start),
      c("thread_start_time", TIMESTAMP, "thread_start as a TIMESTAMP in UTC (milliseconds)",
          r -> Times.millis(r.start)),
      c("thread_end", BIGINT, "When it exited (ns); NULL if alive at the end", r -> r.end),
      c("thread_end_time", TIMESTAMP, "thread_end as a TIMESTAMP in UTC (milliseconds)", r -> Times.millis(r.end)),
      // The state as the thread left it (or as the capture ended): what csysdig's end-of-capture rows show.
      c("proc_vpid", BIGINT, "Process id inside its pid namespace at the end (NULL when unknown), as proc.vpid",
          thread(SysdigFields::procVpid)),
      c("thread_vtid", BIGINT, "Thread id inside its pid namespace at the end (NULL when unknown), as thread.vtid",
          thread(SysdigFields::threadVtid)),
      c("proc_nthreads", BIGINT, "Threads of its process as the thread ended (itself no longer counted) or as the"
          + " capture ended, as proc.nthreads (NULL without a main thread)",
          threadAt((t, f) -> f.procNthreads(t))),
      c("thread_vmsize", BIGINT, "Virtual size of the process in KiB at the end on the main thread, 0 on the others",
          thread(SysdigFields::threadVmsize)),
      c("thread_vmrss", BIGINT, "Resident size of the process in KiB at the end on the main thread, 0 on the others",
          thread(SysdigFields::threadVmrss)),
      c("thread_pfmajor", BIGINT, "Major page faults of the thread at the end", r -> r.thread.pfmajor),
      c("thread_pfminor", BIGINT, "Minor page faults of the thread at the end", r -> r.thread.pfminor),
      capture());

  public static final List<Column<FdRow>> FDS = List.of(
      c("fd_lifetime", BIGINT, "Id of this fd lifetime within its capture", f -> f.lifetime),
      c("proc_lifetime", BIGINT, "Lifetime id of the owning process", f -> f.process.lifetime),
      c("proc_pid", BIGINT, "Owning process id", onRead()),
      c("proc_name", VARCHAR, "Owning process name", onRead()),
      c("thread_tid", BIGINT,
          "Thread that opened it, or the child that inherited it at fork (NULL when it predates the capture)",
          f -> f.tid),
      c("fd_num", BIGINT, "fd number", f -> f.fd.fd),
      c("fd_type", VARCHAR, "file, directory, ipv4, ipv6, unix, pipe, event, ...", f -> f.fd.typeName()),
      c("fd_typechar", VARCHAR, "Type as one letter", f -> String.valueOf(f.fd.typeChar())),
      c("fd_name", VARCHAR, "Path, socket tuple or other name", f -> f.fd.name),
      c("fd_directory", VARCHAR, "Directory of a file or directory", f -> SysdigFields.fdDirectory(f.fd)),
      c("fd_filename", VARCHAR, "File name of a file", f -> SysdigFields.fdFilename(f.fd)),
      c("fd_openflags", VARCHAR, "Flags a file or directory was opened with, as sysdig renders them"
          + " (O_RDONLY|O_CLOEXEC); NULL when the capture does not say (fd tables of older writers)",
          onRead()),
      c("fd_rawopenflags", BIGINT, "The same flags as a number (scap's PPM_O_* bits)", FdRow::rawOpenFlags),
      c("open_rawtime", BIGINT, "When it was opened (ns); NULL if it predates the capture", f -> f.open),
      c("open_time", TIMESTAMP, "open_rawtime as a TIMESTAMP in UTC (milliseconds)", f -> Times.millis(f.open)),
      c("close_rawtime", BIGINT, "When it was closed or its process ended (ns); NULL if still open at the end",
          f -> f.close),
      c("close_time", TIMESTAMP, "close_rawtime as a TIMESTAMP in UTC (milliseconds)", f -> Times.millis(f.close)),
      c("bytes_read", BIGINT, "Bytes read (sum of successful read results)", f -> f.bytesRead),
      c("bytes_written", BIGINT, "Bytes written", f -> f.bytesWritten),
      c("read_ops", BIGINT, "Successful read calls", f -> f.reads),
      c("write_ops", BIGINT, "Successful write calls", f -> f.writes),
      c("errors", BIGINT, "Failed I/O calls", f -> f.errors),
      capture());

  public static final List<Column<FdRow>> CONNECTIONS = List.of(
      c("fd_lifetime", BIGINT, "Id of the socket's fd lifetime (joins fds)", f -> f.lifetime),
      c("proc_lifetime", BIGINT, "Lifetime id of the owning process", f -> f.process.lifetime),
      c("proc_pid", BIGINT, "Owning process id", onRead()),
      c("proc_name", VARCHAR, "Owning process name", onRead()),
      c("fd_num", BIGINT, "fd number", f -> f.fd.fd),
      c("fd_l4proto", VARCHAR, "tcp, udp, icmp, raw", f -> SysdigFields.fdL4proto(f.fd)),
      c("fd_cip", VARCHAR, "Client address", f -> SysdigFields.fdClientIp(f.fd)),
      c("fd_cport", INTEGER, "Client port", f -> SysdigFields.fdClientPort(f.fd)),
      c("fd_sip", VARCHAR, "Server address (the bound address of a listening socket)",
          f -> SysdigFields.fdServerIp(f.fd)),
      c("fd_sport", INTEGER, "Server port", f -> SysdigFields.fdServerPort(f.fd)),
      c("fd_is_server", BOOLEAN, "True on the server side (accepted or listening socket)",
          f -> f.fd.role == FdInfo.ROLE_SERVER),
      c("fd_name", VARCHAR, "The tuple as sysdig names it", f -> f.fd.name),
      c("open_rawtime", BIGINT, "When it was opened (ns); NULL if it predates the capture", f -> f.open),
      c("open_time", TIMESTAMP, "open_rawtime as a TIMESTAMP in UTC (milliseconds)", f -> Times.millis(f.open)),
      c("close_rawtime", BIGINT, "When it was closed or its process ended (ns); NULL if still open", f -> f.close),
      c("close_time", TIMESTAMP, "close_rawtime as a TIMESTAMP in UTC (milliseconds)", f -> Times.millis(f.close)),
      c("bytes_in", BIGINT, "Bytes received", f -> f.bytesRead),
      c("bytes_out", BIGINT, "Bytes sent", f -> f.bytesWritten),
      capture());

  public static final List<Column<ContainerRow>> CONTAINERS = List.of(
      c("container_id", VARCHAR, "Container id (12 hex digits), or 'host'", ContainerRow::id),
      c("container_name", VARCHAR, "Container name from container events ('host' for the host)", ContainerRow::name),
      c("container_image", VARCHAR, "Image", ContainerRow::image),
      c("container_type", VARCHAR, "Engine: docker, cri-o, podman, ...", ContainerRow::type),
      c("container_ip", VARCHAR, "IPv4 address from the last container event's JSON, or NULL (old events carry none)",
          ContainerRow::ip),
      capture());

  public static final List<Column<Captured<UserInfo>>> USERS = List.of(
      c("user_uid", BIGINT, "User id", u -> u.item().uid()),
      c("user_name", VARCHAR, "User name", u -> u.item().name()),
      c("user_gid", BIGINT, "Primary group id", u -> u.item().gid()),
      c("user_homedir", VARCHAR, "Home directory", u -> u.item().homedir()),
      c("user_shell", VARCHAR, "Login shell", u -> u.item().shell()),
      capture());

  public static final List<Column<Captured<GroupInfo>>> GROUPS = List.of(
      c("group_gid", BIGINT, "Group id", g -> g.item().gid()),
      c("group_name", VARCHAR, "Group name", g -> g.item().name()),
      capture());

  public static final List<Column<Captured<InterfaceInfo>>> INTERFACES = List.of(
      c("interface_name", VARCHAR, "Interface name", i -> i.item().name()),
      c("family", VARCHAR, "ipv4 or ipv6", i -> i.item().family() == InterfaceInfo.IPV4 ? "ipv4" : "ipv6"),
      c("address", VARCHAR, "Address", i -> Addresses.ip(i.item().address())),
      c("netmask", VARCHAR, "Netmask", i -> Addresses.ip(i.item().netmask())),
      c("broadcast", VARCHAR, "Broadcast address", i -> Addresses.ip(i.item().broadcast())),
      capture());

  public static final List<Column<CaptureFile>> CAPTURES = List.of(
      c("capture", VARCHAR, "File name of the capture", CaptureFile::capture),
      c("path", VARCHAR, "Path the capture was opened from", f -> f.path().toString()),
      c("size_bytes", BIGINT, "Size on disk", CaptureFile::size),
      c("compressed", BOOLEAN, "True for gzip files", CaptureFile::compressed),
      c("format_version", VARCHAR, "Section header version, major.minor", CaptureFile::version),
      c("hostname", VARCHAR, "Host the capture was taken on", f -> f.machine(m -> m.hostname())),
      c("num_cpus", INTEGER, "CPUs of that host", f -> f.machine(m -> m.numCpus())),
      c("memory_bytes", BIGINT, "Memory of that host", f -> f.machine(m -> m.memorySizeBytes())),
      c("first_rawtime", BIGINT, "Time of the first event (ns)", f -> f.entities().firstTs()),
      c("first_time", TIMESTAMP, "first_rawtime as a TIMESTAMP in UTC (milliseconds)",
          f -> Times.millis(f.entities().firstTs())),
      c("last_rawtime", BIGINT, "Time of the last event (ns)", f -> f.entities().lastTs()),
      c("last_time", TIMESTAMP, "last_rawtime as a TIMESTAMP in UTC (milliseconds)",
          f -> Times.millis(f.entities().lastTs())),
      c("duration", BIGINT, "Nanoseconds from the first event to the last", CaptureFile::duration),
      c("events", BIGINT, "Number of events", f -> f.entities().events()),
      c("dialect", VARCHAR, "Rules used: sysdig_0_29 or current", f -> f.entities().dialect()),
      c("warning", VARCHAR, "Why reading stopped early (truncated capture), or NULL", f -> f.entities().warning()));

  public static final List<Column<EventType>> EVENT_TYPES = List.of(
      c("id", INTEGER, "Event type id", EventType::id),
      c("name", VARCHAR, "Event name (evt_type)", t -> t.info().name()),
      c("direction", VARCHAR, "'>' enter or '<' exit", t -> String.valueOf(t.info().direction())),
      c("category", VARCHAR, "Category and source flags", t -> SmallTables.categoryName(t.info().category())),
      c("flags", VARCHAR, "Event flags", t -> SmallTables.flagNames(t.info().flags())),
      c("nparams", INTEGER, "Number of parameters in the current table", t -> t.info().nparams()),
      c("params", VARCHAR, "Parameters as name:type, separated by ';'", EventType::params));
}
