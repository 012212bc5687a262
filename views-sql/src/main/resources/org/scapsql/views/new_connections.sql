/**
 * Every accepted connection: one row per successful accept (Inspect's drill-down
 * target of Connections).
 *
 * @title New Connections
 * @csysdig incoming_connections
 * @key evt_num, capture
 * @column evt_num Event number of the accept's exit event
 * @column evt_rawtime When (ns since the epoch) (TIME)
 * @column fd_name The connection: client address:port->server address:port (Connection)
 * @column container_id Container id ('host' on the host)
 * @column container_name Container name (Container)
 * @column proc_pid Process id
 * @column thread_tid Thread id
 * @column proc_exeline Command line: argv[0], a space and the arguments (Command)
 * @column capture File name of the capture
 * @order evt_rawtime
 * @difference Only accept is listed, not accept4, as in Inspect.
 */
SELECT evt_num, evt_rawtime, fd_name, container_id, container_name, proc_pid, thread_tid, proc_exeline, capture
FROM inspect.view_events
WHERE evt_type = 'accept' AND evt_dir = '<' AND NOT evt_failed
  AND fd_name IS NOT NULL AND container_name IS NOT NULL AND proc_exeline IS NOT NULL
