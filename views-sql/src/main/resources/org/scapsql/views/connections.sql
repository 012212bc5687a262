/**
 * Every network connection (an IPv4 or IPv6 socket whose two ends are known) and
 * its traffic.
 *
 * The local end is the client's when the client's address belongs to the capturing
 * host (one of its interface addresses; for IPv6 the same /64 network) or, for a
 * container's connection, is the container's address, else the server's.
 *
 * @title Connections
 * @csysdig connections
 * @key container_id, fd_name, capture
 * @column container_id Container of the threads that used the connection ('host' on the host)
 * @column fd_name The connection as sysdig names it: client address:port->server address:port
 * @column fd_l4proto Protocol: tcp, udp, ... (L4PROTO)
 * @column fd_lip Local address (LIP)
 * @column fd_lport Local port (LPORT)
 * @column fd_rip Remote address (RIP)
 * @column fd_rport Remote port (RPORT)
 * @column bytes_in Bytes received (BPS IN, a total)
 * @column bytes_out Bytes sent (BPS OUT, a total)
 * @column ops Events, enter and exit, on the connection while its ends were known (IOPS, a total)
 * @column container_name Container name ('host' on the host)
 * @column proc_exeline Command line of the process that used it last: argv[0], a space and the arguments (Command)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context proc_pid Drill-down from Processes and the other per-process views
 * @context thread_tid Drill-down from Threads
 * @context thread_nametid Drill-down from Spy Users
 * @context proc_name Drill-down by process name
 * @context fd_sport Drill-down from Server Ports
 * @context evt_res Drill-down from Errors
 * @context evt_is_io The Active Network Connections tile's filter
 * @drilldown new_connections WHERE container_id = ? AND fd_name = ?
 * @order bytes_in DESC
 * @difference Inspect prints IPv4 local and remote addresses as garbage IPv6 text (it copies 16
 * bytes of a 4-byte address); this view gives the addresses.
 * @difference The columns Inspect titles BPS and IOPS are totals, named bytes_in, bytes_out and ops here.
 * @difference A container's address is the one its last container event gives
 * (`scap.containers.container_ip`): sysdig keeps one address per container too, the latest.
 */
WITH agg AS (
  SELECT capture, container_id, fd_name,
    ARG_MIN(COALESCE(fd_l4proto, ''), evt_num) AS fd_l4proto,
    ARG_MIN(fd_cip, evt_num) AS fd_cip, ARG_MIN(fd_cport, evt_num) AS fd_cport,
    ARG_MIN(fd_sip, evt_num) AS fd_sip, ARG_MIN(fd_sport, evt_num) AS fd_sport,
    SUM(CASE WHEN evt_buflen_in IS NOT NULL THEN evt_buflen_in ELSE 0 END) AS bytes_in,
    SUM(CASE WHEN evt_buflen_out IS NOT NULL THEN evt_buflen_out ELSE 0 END) AS bytes_out,
    COUNT(*) AS ops,
    ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
    ARG_MAX(COALESCE(proc_exeline, ''), evt_num) AS proc_exeline
  FROM inspect.view_events
  WHERE fd_type IN ('ipv4', 'ipv6') AND fd_name <> ''
    AND fd_cip IS NOT NULL AND fd_cport IS NOT NULL AND fd_sip IS NOT NULL AND fd_sport IS NOT NULL
  GROUP BY capture, container_id, fd_name
),
local_addresses AS (
  SELECT capture, CAST(NULL AS VARCHAR) AS container_id, family, address FROM scap.interfaces
  UNION ALL
  -- From the end of the capture, which this statement's events scan reads anyway: no second pass.
  SELECT capture, container_id, 'ipv4', container_ip FROM scap.containers WHERE container_ip IS NOT NULL
),
sides AS (
  -- Grouped by every column of agg (its key decides the groups): agg is computed once, where a
  -- join back to it would scan the events again.
  SELECT a.capture, a.container_id, a.fd_name, a.fd_l4proto, a.fd_cip, a.fd_cport, a.fd_sip, a.fd_sport,
    a.bytes_in, a.bytes_out, a.ops, a.container_name, a.proc_exeline, COUNT(i.address) > 0 AS client_local
  FROM agg a LEFT JOIN local_addresses i ON i.capture = a.capture
    AND (i.container_id IS NULL OR i.container_id = a.container_id)
    AND ((i.family = 'ipv4' AND i.address = a.fd_cip)
      OR CASE WHEN i.family = 'ipv6' AND i.container_id IS NULL AND a.fd_cip LIKE '%:%'
        THEN ip_in_subnet(a.fd_cip, i.address, 64) ELSE FALSE END)
  GROUP BY a.capture, a.container_id, a.fd_name, a.fd_l4proto, a.fd_cip, a.fd_cport, a.fd_sip, a.fd_sport,
    a.bytes_in, a.bytes_out, a.ops, a.container_name, a.proc_exeline
)
SELECT container_id, fd_name, fd_l4proto,
  CASE WHEN client_local THEN fd_cip ELSE fd_sip END AS fd_lip,
  CASE WHEN client_local THEN fd_cport ELSE fd_sport END AS fd_lport,
  CASE WHEN client_local THEN fd_sip ELSE fd_cip END AS fd_rip,
  CASE WHEN client_local THEN fd_sport ELSE fd_cport END AS fd_rport,
  bytes_in, bytes_out, ops, container_name, proc_exeline, capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS BIGINT) AS proc_pid, CAST(NULL AS BIGINT) AS thread_tid,
  CAST(NULL AS VARCHAR) AS thread_nametid, CAST(NULL AS VARCHAR) AS proc_name, CAST(NULL AS INTEGER) AS fd_sport,
  CAST(NULL AS VARCHAR) AS evt_res, CAST(NULL AS BOOLEAN) AS evt_is_io
FROM sides
