/**
 * The event rows Inspect's table views aggregate: every event of the capture with
 * the sysdig fields the views need, then one row per thread still alive at the end
 * of the capture.
 *
 * csysdig computes its tables over the whole event stream, internal events
 * included, and at the end of the file injects one `sysdigevent` row per thread
 * left in its thread table, so that every live thread gets a row in Processes,
 * Threads, Page Faults and the other per-thread views even when it did nothing.
 * This view reproduces both (without the container events that open a capture to
 * seed the state, which csysdig does not pass on either; the end-of-capture rows carry
 * each thread's state as the capture left it), and is where the views' context columns filter
 * (`WHERE` on a context column lands here, before any grouping).
 *
 * @title View events
 * @csysdig the event stream of every table view
 * @source
 * @key capture, evt_num
 * @column capture File name of the capture
 * @column evt_num Event number; the end-of-capture rows follow the last event
 * @column evt_rawtime Event time (ns since the epoch); for the end-of-capture rows the start of the last event's second minus 1 ns, as csysdig stamps them
 * @column evt_type Event type; 'sysdigevent' for the end-of-capture rows
 * @column evt_dir '>' enter, '<' exit ('<' for the end-of-capture rows)
 * @column evt_category Category of the event as sysdig's evt.category ('internal' for meta events and the end-of-capture rows)
 * @column evt_is_syscall True when sysdig's syscall.type exists: not for switch and the meta events that do not reset the parser (procinfo, container, ...); true for the end-of-capture rows
 * @column evt_rawres Return value (exit events)
 * @column evt_res SUCCESS or the errno name
 * @column evt_failed True when the return value is negative
 * @column evt_latency Nanoseconds since the thread's enter event (NULL for meta events of known threads)
 * @column evt_buflen sysdig's evt.buflen: the non-negative return value of an exit of an I/O system call (read and write families, close, dup, fcntl, ioctl, splice, sendfile) whose fd is known and whose enter event the thread recorded; NULL otherwise
 * @column evt_buflen_in evt_buflen of the read family (sysdig's evt.buflen.in)
 * @column evt_buflen_out evt_buflen of the write family (evt.buflen.out)
 * @column evt_is_io True for events that read or write an fd
 * @column evt_is_io_read True for events that read from an fd
 * @column evt_is_io_write True for events that write to an fd
 * @column thread_tid Thread id
 * @column thread_nametid Process name followed by the thread id (sysdig's thread.nametid, e.g. ls32052)
 * @column proc_pid Process id
 * @column proc_ppid Parent process id
 * @column proc_name Process name (comm)
 * @column proc_exeline argv[0], a space and the arguments (sysdig's proc.exeline: '/sbin/init ' without arguments)
 * @column user_name User name of the thread
 * @column container_id Container id, 'host' on the host
 * @column container_name Container name, 'host' on the host
 * @column fd_num fd number
 * @column fd_name fd name: path, socket tuple, ...
 * @column fd_type fd type: file, directory, ipv4, ipv6, unix, pipe, ...
 * @column fd_typechar fd type letter
 * @column fd_directory Directory of a file or directory fd
 * @column fd_l4proto Socket protocol: tcp, udp, ...
 * @column fd_cip Client address of a socket
 * @column fd_cport Client port
 * @column fd_sip Server address
 * @column fd_sport Server port
 * @column cpu_user_ticks procinfo events: the thread's user CPU time so far, in 1/100 s
 * @column cpu_system_ticks procinfo events: the thread's system CPU time so far, in 1/100 s
 * @column proc_vpid Process id inside its pid namespace (sysdig's proc.vpid); NULL when unknown
 * @column thread_vtid Thread id inside its pid namespace (thread.vtid); NULL when unknown
 * @column proc_nthreads Threads of the process at the event, main thread included (proc.nthreads)
 * @column thread_vmsize Virtual size of the process in KiB on its main thread, 0 on the others (thread.vmsize)
 * @column thread_vmrss Resident size of the process in KiB on its main thread, 0 on the others (thread.vmrss)
 * @column thread_pfmajor Major page faults of the thread since it started (thread.pfmajor)
 * @column thread_pfminor Minor page faults of the thread since it started (thread.pfminor)
 * @column evt_data Bytes a read or write carried, as captured (NULL on other events and the end-of-capture rows)
 */
SELECT e.capture, e.evt_num, e.evt_rawtime, e.evt_type, e.evt_dir, e.evt_category,
  e.evt_type NOT IN ('switch', 'procinfo', 'container', 'drop', 'k8s', 'mesos', 'infra', 'cpu_hotplug',
    'page_fault') AS evt_is_syscall,
  e.evt_rawres, e.evt_res, e.evt_failed, e.evt_latency,
  CASE WHEN e.evt_dir = '<' AND e.evt_rawres >= 0 AND e.fd_type IS NOT NULL
      AND (e.evt_latency > 0 OR e.capture_dialect = 'current')
      -- Two lists: Calcite turns an IN list of more than 20 values into a join with them, one probe
      -- and one joined row per event; shorter lists stay a test of the value.
      AND (e.evt_type IN ('read', 'readv', 'pread', 'preadv', 'recv', 'recvfrom', 'recvmsg', 'recvmmsg',
          'write', 'writev', 'pwrite', 'pwritev', 'send', 'sendto', 'sendmsg', 'sendmmsg', 'sendfile')
        OR e.evt_type IN ('close', 'close_range', 'dup', 'dup2', 'dup3', 'fcntl', 'ioctl', 'splice'))
    THEN e.evt_rawres END AS evt_buflen,
  CASE WHEN e.evt_dir = '<' AND e.evt_rawres >= 0 AND e.fd_type IS NOT NULL
      AND (e.evt_latency > 0 OR e.capture_dialect = 'current')
      AND e.evt_type IN ('read', 'readv', 'pread', 'preadv', 'recv', 'recvfrom', 'recvmsg', 'recvmmsg')
    THEN e.evt_rawres END AS evt_buflen_in,
  CASE WHEN e.evt_dir = '<' AND e.evt_rawres >= 0 AND e.fd_type IS NOT NULL
      AND (e.evt_latency > 0 OR e.capture_dialect = 'current')
      AND e.evt_type IN ('write', 'writev', 'pwrite', 'pwritev', 'send', 'sendto', 'sendmsg', 'sendmmsg',
        'sendfile')
    THEN e.evt_rawres END AS evt_buflen_out,
  e.evt_is_io, e.evt_is_io_read, e.evt_is_io_write,
  e.thread_tid, e.thread_nametid, e.proc_pid, e.proc_ppid, e.proc_name, e.proc_exeline,
  e.user_name, e.container_id, e.container_name,
  e.fd_num, e.fd_name, e.fd_type, e.fd_typechar,
  CASE WHEN e.fd_directory IS NOT NULL THEN e.fd_directory WHEN e.fd_type = 'directory' THEN e.fd_name
    WHEN e.fd_type = 'file' THEN path_directory(e.fd_name) END AS fd_directory,
  e.fd_l4proto, e.fd_cip, e.fd_cport, e.fd_sip,
  e.fd_sport,
  e.thread_cpu_user_ticks AS cpu_user_ticks, e.thread_cpu_system_ticks AS cpu_system_ticks,
  e.proc_vpid, e.thread_vtid, e.proc_nthreads, e.thread_vmsize, e.thread_vmrss, e.thread_pfmajor, e.thread_pfminor,
  e.evt_data
-- The dialect is a column of the events: a join with scap.capture would probe a hash table per event.
FROM scap.events e
-- The container events that open a capture seed the state; csysdig's tables never see them.
WHERE e.evt_visible OR e.evt_category = 'internal'
UNION ALL
SELECT t.capture, t.last_evt_num + 1, t.last_evt_rawtime / 1000000000 * 1000000000 - 1, 'sysdigevent', '<',
  'internal', TRUE, CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR), FALSE, CAST(NULL AS BIGINT),
  CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT),
  FALSE, FALSE, FALSE,
  t.thread_tid, t.proc_name || CAST(t.thread_tid AS VARCHAR),
  t.proc_pid, t.proc_ppid, t.proc_name, t.proc_exe || ' ' || t.proc_args,
  t.user_name, t.container_id, t.container_name,
  CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR),
  CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS INTEGER),
  CAST(NULL AS VARCHAR), CAST(NULL AS INTEGER), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT),
  t.proc_vpid, t.thread_vtid, t.proc_nthreads, t.thread_vmsize, t.thread_vmrss, t.thread_pfmajor, t.thread_pfminor,
  CAST(NULL AS VARBINARY)
-- The capture's state at its end: when this statement's events scan read the capture whole, its own
-- tracker gave these rows and the capture is not read again for them.
FROM scap.threads_at_end t
