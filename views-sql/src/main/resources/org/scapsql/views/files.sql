/**
 * File activity per file: bytes read and written, system calls, opens and
 * failures on every file and directory the capture's threads used.
 *
 * @title Files
 * @csysdig files
 * @key container_id, fd_name, capture
 * @column container_id Container of the threads that used the file ('host' on the host)
 * @column fd_name The file's path (FILENAME)
 * @column bytes_in Bytes read from the file (BYTES IN)
 * @column bytes_out Bytes written to it (BYTES OUT)
 * @column ops Exit events of any system call on the file (OPS)
 * @column opens Exits of the legacy open system call that opened it (OPENS; openat is not counted, as in Inspect)
 * @column errors Failed system calls on the file (ERRORS)
 * @column container_name Container name ('host' on the host)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context proc_pid Drill-down from Processes and the other per-process views
 * @context thread_tid Drill-down from Threads
 * @context thread_nametid Drill-down from Spy Users
 * @context proc_name Drill-down by process name
 * @context fd_directory Drill-down from Directories
 * @context fd_sport Drill-down from Server Ports
 * @context evt_res Drill-down from Errors
 * @context evt_is_io_read The Accessed Files tile's filter
 * @context evt_is_io_write The Modified Files tile's filter
 * @drilldown processes WHERE container_id = ? AND fd_name = ?
 * @order ops DESC
 */
SELECT container_id, fd_name,
  SUM(CASE WHEN fd_type = 'file' AND evt_buflen_in IS NOT NULL THEN evt_buflen_in ELSE 0 END) AS bytes_in,
  SUM(CASE WHEN fd_type = 'file' AND evt_buflen_out IS NOT NULL THEN evt_buflen_out ELSE 0 END) AS bytes_out,
  COUNT(CASE WHEN evt_dir = '<' THEN 1 END) AS ops,
  COUNT(CASE WHEN evt_type = 'open' AND evt_dir = '<' THEN 1 END) AS opens,
  COUNT(CASE WHEN evt_failed THEN 1 END) AS errors,
  ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
  capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS BIGINT) AS proc_pid, CAST(NULL AS BIGINT) AS thread_tid,
  CAST(NULL AS VARCHAR) AS thread_nametid, CAST(NULL AS VARCHAR) AS proc_name,
  CAST(NULL AS VARCHAR) AS fd_directory, CAST(NULL AS INTEGER) AS fd_sport, CAST(NULL AS VARCHAR) AS evt_res,
  CAST(NULL AS BOOLEAN) AS evt_is_io_read, CAST(NULL AS BOOLEAN) AS evt_is_io_write
FROM inspect.view_events
WHERE fd_type IN ('file', 'directory') AND fd_name <> ''
GROUP BY capture, container_id, fd_name
