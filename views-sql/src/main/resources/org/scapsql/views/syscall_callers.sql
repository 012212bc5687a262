/**
 * System calls per process: how many events each process produced and how long
 * its calls took (Inspect's drill-down target of System Calls).
 *
 * @title Syscall Callers
 * @csysdig syscall_procs
 * @key proc_pid, capture
 * @column proc_pid Process id
 * @column calls Events of the process, enter and exit, meta events excepted (CALLS/S, a total)
 * @column latency Nanoseconds spent in its calls (TIME)
 * @column container_name Container name ('host' on the host)
 * @column proc_exeline Command line: argv[0], a space and the arguments, as last seen (Command)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context evt_type Drill-down from System Calls
 * @context container_id Drill-down from Containers
 * @context thread_tid Drill-down from Threads
 * @context proc_name Drill-down by process name
 * @context fd_name Drill-down from Files (with container_id)
 * @context fd_directory Drill-down from Directories (with container_id)
 * @context evt_res Drill-down from Errors
 * @order calls DESC
 * @difference The column Inspect titles CALLS/S is a total, named calls here.
 */
SELECT proc_pid, COUNT(*) AS calls,
  SUM(CASE WHEN evt_latency IS NOT NULL THEN evt_latency ELSE 0 END) AS latency,
  ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
  ARG_MAX(COALESCE(proc_exeline, ''), evt_num) AS proc_exeline,
  capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS evt_type, CAST(NULL AS VARCHAR) AS container_id,
  CAST(NULL AS BIGINT) AS thread_tid, CAST(NULL AS VARCHAR) AS proc_name, CAST(NULL AS VARCHAR) AS fd_name,
  CAST(NULL AS VARCHAR) AS fd_directory, CAST(NULL AS VARCHAR) AS evt_res
FROM inspect.view_events
WHERE evt_is_syscall AND proc_pid IS NOT NULL
GROUP BY capture, proc_pid
