/**
 * File-system activity per directory: bytes read and written, system calls, opens
 * and failures on the files and directories in each directory.
 *
 * @title Directories
 * @csysdig directories
 * @key container_id, fd_directory, capture
 * @column container_id Container of the threads that used the directory ('host' on the host)
 * @column fd_directory The directory (DIRNAME)
 * @column bytes_in Bytes read from files in the directory (BYTES IN)
 * @column bytes_out Bytes written to them (BYTES OUT)
 * @column ops Exit events of any system call on them (OPS)
 * @column opens Exits of the legacy open system call (OPENS; openat is not counted, as in Inspect)
 * @column errors Failed system calls on them (ERRORS; a failed open has no fd and is not here)
 * @column container_name Container name ('host' on the host)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context proc_pid Drill-down from Processes and the other per-process views
 * @context thread_tid Drill-down from Threads
 * @context thread_nametid Drill-down from Spy Users
 * @context proc_name Drill-down by process name
 * @context fd_sport Drill-down from Server Ports
 * @context evt_res Drill-down from Errors
 * @drilldown files WHERE container_id = ? AND fd_directory = ?
 * @order ops DESC
 */
SELECT container_id, fd_directory,
  SUM(CASE WHEN fd_type = 'file' AND evt_buflen_in IS NOT NULL THEN evt_buflen_in ELSE 0 END) AS bytes_in,
  SUM(CASE WHEN fd_type = 'file' AND evt_buflen_out IS NOT NULL THEN evt_buflen_out ELSE 0 END) AS bytes_out,
  COUNT(CASE WHEN evt_dir = '<' THEN 1 END) AS ops,
  COUNT(CASE WHEN evt_type = 'open' AND evt_dir = '<' THEN 1 END) AS opens,
  COUNT(CASE WHEN evt_failed THEN 1 END) AS errors,
  ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
  capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS BIGINT) AS proc_pid, CAST(NULL AS BIGINT) AS thread_tid,
  CAST(NULL AS VARCHAR) AS thread_nametid, CAST(NULL AS VARCHAR) AS proc_name,
  CAST(NULL AS INTEGER) AS fd_sport, CAST(NULL AS VARCHAR) AS evt_res
FROM inspect.view_events
WHERE fd_type IN ('file', 'directory') AND fd_name <> ''
GROUP BY capture, container_id, fd_directory
