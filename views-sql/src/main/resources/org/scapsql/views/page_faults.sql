/**
 * Page faults per process: the largest major and minor page-fault counters any of
 * its threads reached.
 *
 * @title Page Faults
 * @csysdig page_faults
 * @key proc_pid, capture
 * @column proc_pid Process id (PID)
 * @column major_faults Largest major page-fault counter (since thread start) of its threads (MAJOR)
 * @column minor_faults The same for minor faults (MINOR)
 * @column proc_vpid Process id inside its pid namespace (VPID)
 * @column container_name Container name ('host' on the host)
 * @column proc_exeline Command line: argv[0], a space and the arguments, as last seen (Command)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context container_id Drill-down from Containers
 * @context fd_name Drill-down from Files (with container_id)
 * @context fd_directory Drill-down from Directories (with container_id)
 * @context fd_sport Drill-down from Server Ports
 * @context evt_type Drill-down from System Calls
 * @drilldown errors WHERE proc_pid = ?
 * @order major_faults DESC
 * @difference Inspect drops every event of a thread whose pid inside its namespace is unknown (the
 * process a capture is about can vanish that way, as cat does in cat_write.scap); such processes are
 * kept here.
 */
SELECT proc_pid,
  MAX(thread_pfmajor) AS major_faults, MAX(thread_pfminor) AS minor_faults,
  ARG_MIN(proc_vpid, evt_num) FILTER (WHERE proc_vpid IS NOT NULL) AS proc_vpid,
  ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
  ARG_MAX(COALESCE(proc_exeline, ''), evt_num) AS proc_exeline,
  capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS container_id, CAST(NULL AS VARCHAR) AS fd_name,
  CAST(NULL AS VARCHAR) AS fd_directory, CAST(NULL AS INTEGER) AS fd_sport, CAST(NULL AS VARCHAR) AS evt_type
FROM inspect.view_events
WHERE evt_type <> 'switch' AND proc_pid IS NOT NULL
GROUP BY capture, proc_pid
