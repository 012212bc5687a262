/**
 * Every bind of an IPv4 or IPv6 socket to a port, successful or not: one row per
 * bind.
 *
 * @title Port bindings
 * @csysdig port_bindings
 * @key evt_num, capture
 * @column evt_num Event number of the bind's exit event
 * @column evt_rawtime When (ns since the epoch) (TIME)
 * @column evt_type The system call (OPERATION): bind
 * @column fd_sport The port bound (PORT)
 * @column evt_res SUCCESS or the errno name of a failed bind
 * @column proc_pid Process id
 * @column thread_tid Thread id
 * @column container_id Container id ('host' on the host)
 * @column proc_exeline Command line: argv[0], a space and the arguments (Command)
 * @column capture File name of the capture
 * @order evt_rawtime
 */
SELECT evt_num, evt_rawtime, evt_type, fd_sport, evt_res, proc_pid, thread_tid, container_id,
  COALESCE(proc_exeline, '') AS proc_exeline, capture
FROM inspect.view_events
WHERE evt_type = 'bind' AND evt_dir = '<' AND fd_type IN ('ipv4', 'ipv6') AND fd_sport IS NOT NULL
