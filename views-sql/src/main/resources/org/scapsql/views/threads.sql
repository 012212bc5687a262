/**
 * The threads of the capture: CPU and the bytes of file and network I/O of each.
 *
 * @title Threads
 * @csysdig threads
 * @key thread_tid, capture
 * @column thread_tid Thread id (TID)
 * @column proc_pid Process id (PID)
 * @column proc_vpid Process id inside its pid namespace (VPID)
 * @column thread_vtid Thread id inside its pid namespace (VTID)
 * @column cpu CPU used, in percent of one CPU: the mean over the thread's once-a-second samples (CPU)
 * @column file_bytes Bytes of file I/O, counted as sysdig's evt.buflen.file (FILE, a total)
 * @column net_bytes Bytes of network I/O on IPv4 and IPv6 sockets (NET, a total)
 * @column container_name Container name ('host' on the host)
 * @column proc_exeline Command line: argv[0], a space and the arguments, as last seen (Command)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context container_id Drill-down from Containers
 * @context thread_nametid Drill-down from Spy Users
 * @context proc_name Drill-down by process name
 * @context fd_name Drill-down from Files (with container_id)
 * @context fd_directory Drill-down from Directories (with container_id)
 * @context fd_sport Drill-down from Server Ports
 * @context evt_res Drill-down from Errors
 * @drilldown files WHERE thread_tid = ?
 * @order cpu DESC
 * @difference Inspect drops every event of a thread whose ids inside its pid namespace are unknown;
 * such threads are kept here.
 */
WITH ev AS (
  SELECT * FROM inspect.view_events
  WHERE evt_type <> 'switch' AND proc_pid IS NOT NULL
),
agg AS (
  SELECT capture, thread_tid,
    ARG_MIN(proc_pid, evt_num) AS proc_pid,
    ARG_MIN(proc_vpid, evt_num) FILTER (WHERE proc_vpid IS NOT NULL) AS proc_vpid,
    ARG_MIN(thread_vtid, evt_num) FILTER (WHERE thread_vtid IS NOT NULL) AS thread_vtid,
    SUM(CASE WHEN fd_type = 'file' AND evt_buflen IS NOT NULL THEN evt_buflen ELSE 0 END) AS file_bytes,
    SUM(CASE WHEN fd_type IN ('ipv4', 'ipv6') AND evt_buflen IS NOT NULL THEN evt_buflen ELSE 0 END) AS net_bytes,
    ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
    ARG_MAX(COALESCE(proc_exeline, ''), evt_num) AS proc_exeline,
    inspect.tick_rate(cpu_user_ticks + cpu_system_ticks, evt_num) FILTER (WHERE evt_type = 'procinfo') AS cpu
  FROM ev
  GROUP BY capture, thread_tid
)
SELECT a.thread_tid, a.proc_pid, a.proc_vpid, a.thread_vtid,
  COALESCE(a.cpu, 0.0) AS cpu, a.file_bytes, a.net_bytes, a.container_name, a.proc_exeline, a.capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS container_id,
  CAST(NULL AS VARCHAR) AS thread_nametid, CAST(NULL AS VARCHAR) AS proc_name, CAST(NULL AS VARCHAR) AS fd_name,
  CAST(NULL AS VARCHAR) AS fd_directory, CAST(NULL AS INTEGER) AS fd_sport, CAST(NULL AS VARCHAR) AS evt_res
FROM agg a
