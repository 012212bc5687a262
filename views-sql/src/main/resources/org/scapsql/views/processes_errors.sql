/**
 * Failed system calls per process, by kind: on files, on the network, of memory
 * calls, and the rest.
 *
 * @title Processes Errors
 * @csysdig procs_errors
 * @key proc_pid, capture
 * @column proc_pid Process id (PID)
 * @column file_errors Failed calls on files and directories, and failed opens (FILE)
 * @column net_errors Failed calls on IPv4, IPv6 and unix sockets, and failed accepts and connects (NET)
 * @column memory_errors Failed memory system calls: brk, mmap, mprotect, ... (MEMORY)
 * @column other_errors Every other failed call (OTHER)
 * @column container_name Container name ('host' on the host)
 * @column proc_exeline Command line: argv[0], a space and the arguments, as last seen (Command)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context container_id Drill-down from Containers
 * @context fd_name Drill-down from Files (with container_id)
 * @context fd_directory Drill-down from Directories (with container_id)
 * @context fd_sport Drill-down from Server Ports
 * @context evt_type Drill-down from System Calls
 * @context evt_res Drill-down from Errors
 * @drilldown errors WHERE proc_pid = ?
 * @order file_errors DESC
 */
WITH ev AS (
  SELECT capture, proc_pid, evt_num, container_name, proc_exeline, evt_category,
    COALESCE(evt_failed AND (fd_type IN ('file', 'directory') OR (fd_type IS NULL AND evt_dir = '<'
      AND evt_type IN ('open', 'creat', 'openat', 'openat2'))), FALSE) AS file_error,
    COALESCE(evt_failed AND (fd_type IN ('ipv4', 'ipv6', 'unix') OR (fd_type IS NULL AND evt_dir = '<'
      AND evt_type IN ('accept', 'accept4', 'connect'))), FALSE) AS net_error,
    COALESCE(evt_failed AND evt_category = 'memory', FALSE) AS memory_error,
    evt_failed
  FROM inspect.view_events
  WHERE evt_type <> 'switch' AND proc_pid IS NOT NULL
)
SELECT proc_pid,
  COUNT(CASE WHEN file_error THEN 1 END) AS file_errors,
  COUNT(CASE WHEN net_error THEN 1 END) AS net_errors,
  COUNT(CASE WHEN memory_error THEN 1 END) AS memory_errors,
  COUNT(CASE WHEN evt_failed AND NOT file_error AND NOT net_error AND NOT memory_error THEN 1 END)
    AS other_errors,
  ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
  ARG_MAX(COALESCE(proc_exeline, ''), evt_num) AS proc_exeline,
  capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS container_id, CAST(NULL AS VARCHAR) AS fd_name,
  CAST(NULL AS VARCHAR) AS fd_directory, CAST(NULL AS INTEGER) AS fd_sport, CAST(NULL AS VARCHAR) AS evt_type,
  CAST(NULL AS VARCHAR) AS evt_res
FROM ev
GROUP BY capture, proc_pid
