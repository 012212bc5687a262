/**
 * Network traffic per server port: the bytes and events on every IPv4 and IPv6
 * socket whose server end uses that port.
 *
 * @title Server Ports
 * @csysdig sports
 * @key fd_sport, capture
 * @column fd_sport The server port (SPORT)
 * @column bytes_in Bytes received on those sockets (BPS IN, a total)
 * @column bytes_out Bytes sent (BPS OUT, a total)
 * @column calls Events, enter and exit, on those sockets (IO CALLS)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context container_id Drill-down from Containers
 * @context proc_pid Drill-down from Processes and the other per-process views
 * @context thread_tid Drill-down from Threads
 * @context thread_nametid Drill-down from Spy Users
 * @context proc_name Drill-down by process name
 * @context evt_res Drill-down from Errors
 * @drilldown connections WHERE fd_sport = ?
 * @order bytes_in DESC
 * @difference The columns Inspect titles BPS are totals, named bytes_in and bytes_out here.
 */
SELECT fd_sport,
  SUM(CASE WHEN evt_buflen_in IS NOT NULL THEN evt_buflen_in ELSE 0 END) AS bytes_in,
  SUM(CASE WHEN evt_buflen_out IS NOT NULL THEN evt_buflen_out ELSE 0 END) AS bytes_out,
  COUNT(*) AS calls, capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS container_id, CAST(NULL AS BIGINT) AS proc_pid,
  CAST(NULL AS BIGINT) AS thread_tid, CAST(NULL AS VARCHAR) AS thread_nametid, CAST(NULL AS VARCHAR) AS proc_name,
  CAST(NULL AS VARCHAR) AS evt_res
FROM inspect.view_events
WHERE fd_type IN ('ipv4', 'ipv6') AND fd_name <> '' AND fd_sport IS NOT NULL
GROUP BY capture, fd_sport
