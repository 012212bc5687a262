/**
 * File reads and writes that took more than a millisecond: one row per call
 * (files under /dev are left out).
 *
 * @title Slow File I/O
 * @csysdig slow_io
 * @key evt_num, capture
 * @column evt_num Event number of the call's exit event
 * @column evt_rawtime When it returned (ns since the epoch) (TIME)
 * @column evt_latency How long it took, nanoseconds (LATENCY)
 * @column fd_name The file (FILENAME)
 * @column container_id Container id ('host' on the host)
 * @column container_name Container name (Container)
 * @column proc_pid Process id (PID)
 * @column thread_tid Thread id
 * @column proc_name Process name
 * @column proc_exeline Command line: argv[0], a space and the arguments (Command)
 * @column capture File name of the capture
 * @order evt_latency DESC
 * @difference Inspect keys this view by timestamp, so two slow calls with the same timestamp would
 * show as one; here every call is a row.
 */
SELECT evt_num, evt_rawtime, evt_latency, fd_name, container_id, COALESCE(container_name, '') AS container_name,
  proc_pid, thread_tid, proc_name, COALESCE(proc_exeline, '') AS proc_exeline, capture
FROM inspect.view_events
WHERE (evt_is_io_read OR evt_is_io_write) AND fd_type = 'file' AND fd_name NOT LIKE '%/dev/%'
  AND evt_latency > 1000000 AND proc_pid IS NOT NULL
