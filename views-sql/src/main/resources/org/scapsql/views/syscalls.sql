/**
 * Every system call event, one text line each, as Inspect's Syscalls list shows
 * them (csysdig's dig view with Inspect's filter: no switch events, no meta
 * events).
 *
 * Drill down from any view with its key columns, as for I/O streams.
 *
 * @title Syscalls
 * @csysdig dig
 * @key evt_num, capture
 * @column evt_num Event number
 * @column evt_rawtime Event time (ns since the epoch)
 * @column evt_cpu CPU
 * @column container_name Container name
 * @column container_id Container id
 * @column proc_name Process name
 * @column thread_tid Thread id
 * @column thread_vtid Thread id inside its pid namespace (NULL when unknown, <NA> in line)
 * @column evt_dir '>' enter, '<' exit
 * @column evt_type Event type
 * @column evt_info The parameters, as sysdig prints evt.info
 * @column line The whole line as Inspect shows it: number, time (UTC), CPU, container name (id), process (tid:vtid), direction, type and parameters
 * @column proc_pid Process id
 * @column thread_nametid Process name followed by the thread id
 * @column fd_name fd name
 * @column fd_type fd type
 * @column fd_directory Directory of a file
 * @column fd_sport Server port of a socket
 * @column evt_res SUCCESS or the errno name
 * @column evt_rawres Return value
 * @column capture File name of the capture
 * @order evt_num
 */
SELECT evt_num, evt_rawtime, evt_cpu, container_name, container_id, proc_name, thread_tid,
  thread_vtid, evt_dir, evt_type, evt_args AS evt_info,
  CAST(evt_num AS VARCHAR) || ' ' || format_time(evt_rawtime) || ' ' || CAST(evt_cpu AS VARCHAR) || ' '
    || COALESCE(container_name, '<NA>') || ' (' || COALESCE(container_id, '<NA>') || ') '
    || COALESCE(proc_name, '<NA>') || ' (' || CAST(thread_tid AS VARCHAR) || ':'
    || COALESCE(CAST(thread_vtid AS VARCHAR), '<NA>') || ') ' || evt_dir || ' '
    || evt_type || ' ' || COALESCE(evt_args, '') AS line,
  proc_pid, proc_name || CAST(thread_tid AS VARCHAR) AS thread_nametid, fd_name, fd_type, fd_directory,
  fd_sport, evt_res, evt_rawres, capture
FROM scap.events
WHERE evt_type <> 'switch' AND evt_visible
