/**
 * The system call errors of the capture: how many calls failed with each errno.
 *
 * @title Errors
 * @csysdig errors
 * @key evt_res, capture
 * @column evt_res The errno name (ERROR), e.g. ENOENT
 * @column errors Failed calls with that errno (COUNT)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context container_id Drill-down from Containers
 * @context proc_pid Drill-down from Processes, Page Faults and Processes Errors
 * @context thread_tid Drill-down from Threads
 * @context thread_nametid Drill-down from Spy Users
 * @context proc_name Drill-down by process name
 * @context fd_name Drill-down from Files (with container_id)
 * @context fd_directory Drill-down from Directories (with container_id)
 * @context fd_sport Drill-down from Server Ports
 * @drilldown processes_errors WHERE evt_res = ?
 * @order errors DESC
 */
SELECT evt_res, COUNT(*) AS errors, capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS container_id, CAST(NULL AS BIGINT) AS proc_pid,
  CAST(NULL AS BIGINT) AS thread_tid, CAST(NULL AS VARCHAR) AS thread_nametid, CAST(NULL AS VARCHAR) AS proc_name,
  CAST(NULL AS VARCHAR) AS fd_name, CAST(NULL AS VARCHAR) AS fd_directory, CAST(NULL AS INTEGER) AS fd_sport
FROM inspect.view_events
WHERE evt_rawres < 0
GROUP BY capture, evt_res
