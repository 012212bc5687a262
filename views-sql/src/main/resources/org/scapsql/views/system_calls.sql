/**
 * System call counts and time: how many events of each system call the capture
 * holds and how long the calls took.
 *
 * @title System Calls
 * @csysdig syscalls
 * @key evt_type, capture
 * @column evt_type The system call (SYSCALL); 'sysdigevent' counts the threads alive at the end of the capture, as Inspect's row of that name does
 * @column calls Events of the call, enter and exit (CALLS/S, a total: about twice the number of calls)
 * @column latency Nanoseconds spent in the calls (TOT TIME)
 * @column avg_latency Nanoseconds per call: latency divided by the exit events (AVG TIME)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context container_id Drill-down from Containers
 * @context proc_pid Drill-down from Processes and the other per-process views
 * @context thread_tid Drill-down from Threads
 * @context thread_nametid Drill-down from Spy Users
 * @context proc_name Drill-down by process name
 * @context fd_name Drill-down from Files (with container_id)
 * @context fd_directory Drill-down from Directories (with container_id)
 * @context fd_sport Drill-down from Server Ports
 * @context evt_res Drill-down from Errors
 * @drilldown syscall_callers WHERE evt_type = ?
 * @order calls DESC
 * @difference Inspect's AVG TIME divides the time by the enter and exit events together, which
 * halves the mean duration of a call; avg_latency divides by the exit events, one per call.
 * @difference The column Inspect titles CALLS/S is a total, named calls here.
 */
SELECT evt_type, COUNT(*) AS calls,
  SUM(CASE WHEN evt_latency IS NOT NULL THEN evt_latency ELSE 0 END) AS latency,
  CASE WHEN COUNT(CASE WHEN evt_dir = '<' AND evt_latency IS NOT NULL THEN 1 END) = 0 THEN 0
    ELSE SUM(CASE WHEN evt_latency IS NOT NULL THEN evt_latency ELSE 0 END)
      / COUNT(CASE WHEN evt_dir = '<' AND evt_latency IS NOT NULL THEN 1 END) END AS avg_latency,
  capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS container_id, CAST(NULL AS BIGINT) AS proc_pid,
  CAST(NULL AS BIGINT) AS thread_tid, CAST(NULL AS VARCHAR) AS thread_nametid, CAST(NULL AS VARCHAR) AS proc_name,
  CAST(NULL AS VARCHAR) AS fd_name, CAST(NULL AS VARCHAR) AS fd_directory, CAST(NULL AS INTEGER) AS fd_sport,
  CAST(NULL AS VARCHAR) AS evt_res
FROM inspect.view_events
WHERE evt_is_syscall
GROUP BY capture, evt_type
