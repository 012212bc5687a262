/**
 * What each event adds to the overview's tiles: one row per event (and one more
 * per execve, signal, notification and infrastructure event for the tiles that
 * read their parameters), with the native timeline sample it falls in.
 *
 * Inspect's overview (sysdig's wsysdig_summary chisel) samples the capture at a
 * fixed sample_period P = floor(D / 399) from the first event, D being the capture's
 * duration: 400 native samples, the last one ending at the last event. A byte or
 * count column holds what the event adds; a key column names what the event adds
 * to a distinct count (a file, a connection), NULL when it adds nothing.
 *
 * @title Tile events
 * @csysdig wsysdig_summary (per event)
 * @key capture, evt_num
 * @column capture File name of the capture
 * @column evt_num Event number
 * @column evt_rawtime Event time (ns since the epoch)
 * @column sample Native timeline sample, 0 to 399
 * @column system_calls 1 for every event (System Calls)
 * @column file_bytes_in Bytes read from files (File Bytes In)
 * @column file_bytes_out Bytes written to files (File Bytes Out)
 * @column file_key Container id, ':' and path of a file read or written (Accessed Files)
 * @column written_file_key The same for a file written (Modified Files)
 * @column system_file_key Path of a file written under /bin/, /sbin/, /boot/, /etc/, /lib, /usr/bin/, /usr/sbin/, /usr/share/ or /usr/lib (Modified System Files)
 * @column net_bytes_in Bytes received on IPv4 and IPv6 sockets (Net Bytes In)
 * @column net_bytes_out Bytes sent (Net Bytes Out)
 * @column connection_key Container id, ':' and name of a connection read or written (Active Network Connections)
 * @column protocol The application of the server port of that traffic, when the overview names it (the "<protocol> Bytes" tiles)
 * @column http_requests 1 for network data that starts with HTTP/ (HTTP Requests: responses, in fact)
 * @column http_errors 1 for those whose status is not 200 (HTTP Errors)
 * @column app_log_messages 1 for a write with data to a log file: a name with .log, _log or /var/log, not .gz or .tgz (App Log Messages)
 * @column app_log_warnings 1 for those whose data contains "warn" (App Log Warning Messages)
 * @column app_log_errors 1 for the others whose data contains error, critic, emergency or alert (App Log Error Messages)
 * @column syslog_messages 1 for a write of a syslog message to /dev/log (Syslog Messages)
 * @column syslog_warnings 1 for those of severity warning (Syslog Warning Messages)
 * @column syslog_errors 1 for those more severe (Syslog Error Messages)
 * @column slow_1ms 1 for a file read or write (not under /dev/) slower than 1 ms (Slow File I/O calls (1ms+))
 * @column slow_10ms The same over 10 ms
 * @column slow_100ms The same over 100 ms
 * @column executed_commands 1 for a successful execve (Executed Commands)
 * @column interactive_commands 1 for those whose parent's name contains bash (Executed Interactive Commands)
 * @column sudo_invocations 1 for those of sudo (Sudo Invocations)
 * @column bound_port The port of a successful bind (Listening Ports, New Listening Ports)
 * @column new_outbound_connections 1 for a connect with a known server port (New Outbound Connections)
 * @column new_inbound_connections 1 for an accept with a known server port (New Inbound Connections)
 * @column new_ssh_connections 1 for either on port 22 (New SSH Connections)
 * @column failed_connections 1 for a failed IPv4 or IPv6 connect, EINPROGRESS excepted (Failed Connection Attempts)
 * @column file_open_errors 1 for a failed open (File Open Errors)
 * @column deleted_files 1 for a successful unlink or unlinkat (Deleted Files)
 * @column new_symlinks 1 for a successful symlink or symlinkat (New Symlinks)
 * @column forks 1 for a successful clone or fork, parent side (Fork Count)
 * @column setns_invocations 1 for a successful setns (Setns Invocations)
 * @column received_signals 1 for a signal delivery (Received Signals)
 * @column segmentation_faults 1 for a SIGSEGV delivery (Segmentation Faults)
 * @column notifications 1 for a Sysdig Secure notification event (Sysdig Secure Notifications)
 * @column docker_event The name of a docker infrastructure event (Docker Events and the per-name tiles)
 */
WITH clock AS (
  SELECT DISTINCT capture, first_time AS t0, sample_period AS p FROM inspect.tile_clock
),
ev AS (
  SELECT e.*,
    CASE WHEN c.p = 0 OR e.evt_rawtime < c.t0 THEN 0 WHEN (e.evt_rawtime - c.t0) / c.p > 399 THEN 399
      ELSE (e.evt_rawtime - c.t0) / c.p END AS sample,
    COALESCE(e.evt_dir = '<' AND e.evt_rawres >= 0 AND (e.evt_is_io_read OR e.evt_is_io_write), FALSE) AS io,
    COALESCE(e.evt_buflen, 0) AS buflen
  FROM inspect.view_events e JOIN clock c ON c.capture = e.capture
  WHERE e.evt_type <> 'sysdigevent'
),
kinds AS (
  -- Which tiles read the event's data: only those events pay for rendering it.
  SELECT ev.*,
    CASE WHEN NOT io THEN CAST(NULL AS VARCHAR)
      WHEN fd_type IN ('ipv4', 'ipv6') THEN 'net'
      WHEN fd_type = 'file' AND evt_is_io_write
        AND (POSITION('.log' IN fd_name) > 0 OR POSITION('_log' IN fd_name) > 0
          OR POSITION('/var/log' IN fd_name) > 0)
        AND POSITION('.gz' IN fd_name) = 0 AND POSITION('.tgz' IN fd_name) = 0 THEN 'log'
      WHEN fd_type = 'unix' AND evt_is_io_write AND POSITION('/dev/log' IN fd_name) > 0 THEN 'syslog' END AS data_kind
  FROM ev
),
measured AS (
  SELECT e.capture, e.evt_num, e.evt_rawtime, e.sample,
    e.io AND e.fd_type = 'file' AS file_io,
    e.io AND e.fd_type IN ('ipv4', 'ipv6') AS net_io,
    e.data_kind, e.fd_type, e.fd_name, e.fd_sport, e.container_id, e.evt_type, e.evt_dir, e.evt_rawres,
    e.evt_latency, e.evt_is_io_read, e.evt_is_io_write, e.buflen,
    -- The event's own bytes, not a join with io_chunks: a join would hold every chunk of the capture.
    CASE WHEN e.data_kind IS NOT NULL AND e.evt_data IS NOT NULL THEN render_dotted(e.evt_data) END AS dotted
  FROM kinds e
),
main AS (
  SELECT capture, evt_num, evt_rawtime, sample,
    1 AS system_calls,
    CASE WHEN file_io AND NOT evt_is_io_write THEN buflen ELSE 0 END AS file_bytes_in,
    CASE WHEN file_io AND evt_is_io_write THEN buflen ELSE 0 END AS file_bytes_out,
    CASE WHEN file_io THEN CASE WHEN container_id = 'host' THEN '' ELSE container_id END || ':' || fd_name END
      AS file_key,
    CASE WHEN file_io AND evt_is_io_write
      THEN CASE WHEN container_id = 'host' THEN '' ELSE container_id END || ':' || fd_name END AS written_file_key,
    CASE WHEN file_io AND evt_is_io_write AND (POSITION('/bin/' IN fd_name) = 1
        OR POSITION('/sbin/' IN fd_name) = 1 OR POSITION('/boot/' IN fd_name) = 1
        OR POSITION('/etc/' IN fd_name) = 1 OR POSITION('/lib' IN fd_name) = 1
        OR POSITION('/usr/bin/' IN fd_name) = 1 OR POSITION('/usr/sbin/' IN fd_name) = 1
        OR POSITION('/usr/share/' IN fd_name) = 1 OR POSITION('/usr/lib' IN fd_name) = 1)
      THEN fd_name END AS system_file_key,
    CASE WHEN net_io AND NOT evt_is_io_write THEN buflen ELSE 0 END AS net_bytes_in,
    CASE WHEN net_io AND evt_is_io_write THEN buflen ELSE 0 END AS net_bytes_out,
    CASE WHEN net_io THEN CASE WHEN container_id = 'host' THEN '' ELSE container_id END || ':' || fd_name END
      AS connection_key,
    CASE WHEN net_io THEN port_protocol(fd_sport) END AS protocol,
    CASE WHEN data_kind = 'net' AND POSITION('HTTP/' IN dotted) = 1 THEN 1 ELSE 0 END AS http_requests,
    CASE WHEN data_kind = 'net' AND POSITION('HTTP/' IN dotted) = 1
      AND http_status(dotted) IS DISTINCT FROM 200 THEN 1 ELSE 0 END AS http_errors,
    CASE WHEN data_kind = 'log' AND dotted <> '' THEN 1 ELSE 0 END AS app_log_messages,
    CASE WHEN data_kind = 'log' AND POSITION('warn' IN LOWER(dotted)) > 0 THEN 1 ELSE 0 END AS app_log_warnings,
    CASE WHEN data_kind = 'log' AND POSITION('warn' IN LOWER(dotted)) = 0
      AND (POSITION('error' IN LOWER(dotted)) > 0 OR POSITION('critic' IN LOWER(dotted)) > 0
        OR POSITION('emergency' IN LOWER(dotted)) > 0 OR POSITION('alert' IN LOWER(dotted)) > 0)
      THEN 1 ELSE 0 END AS app_log_errors,
    CASE WHEN data_kind = 'syslog' AND syslog_severity(dotted) IS NOT NULL THEN 1 ELSE 0 END AS syslog_messages,
    CASE WHEN data_kind = 'syslog' AND syslog_severity(dotted) = 4 THEN 1 ELSE 0 END AS syslog_warnings,
    CASE WHEN data_kind = 'syslog' AND syslog_severity(dotted) < 4 THEN 1 ELSE 0 END AS syslog_errors,
    CASE WHEN file_io AND evt_latency > 1000000 AND POSITION('/dev/' IN fd_name) <> 1 THEN 1 ELSE 0 END
      AS slow_1ms,
    CASE WHEN file_io AND evt_latency > 10000000 AND POSITION('/dev/' IN fd_name) <> 1 THEN 1 ELSE 0 END
      AS slow_10ms,
    CASE WHEN file_io AND evt_latency > 100000000 AND POSITION('/dev/' IN fd_name) <> 1 THEN 1 ELSE 0 END
      AS slow_100ms,
    0 AS executed_commands, 0 AS interactive_commands, 0 AS sudo_invocations,
    CASE WHEN evt_type = 'bind' AND evt_dir = '<' AND evt_rawres >= 0 THEN fd_sport END AS bound_port,
    CASE WHEN evt_type = 'connect' AND evt_dir = '<' AND fd_sport IS NOT NULL THEN 1 ELSE 0 END
      AS new_outbound_connections,
    CASE WHEN evt_type = 'accept' AND evt_dir = '<' AND fd_sport IS NOT NULL THEN 1 ELSE 0 END
      AS new_inbound_connections,
    CASE WHEN evt_type IN ('connect', 'accept') AND evt_dir = '<' AND fd_sport = 22 THEN 1 ELSE 0 END
      AS new_ssh_connections,
    CASE WHEN evt_type = 'connect' AND evt_dir = '<' AND evt_rawres < 0 AND evt_rawres <> -115
      AND fd_type IN ('ipv4', 'ipv6') THEN 1 ELSE 0 END AS failed_connections,
    CASE WHEN evt_type = 'open' AND evt_dir = '<' AND evt_rawres < 0 THEN 1 ELSE 0 END AS file_open_errors,
    CASE WHEN evt_type IN ('unlink', 'unlinkat') AND evt_dir = '<' AND evt_rawres >= 0 THEN 1 ELSE 0 END
      AS deleted_files,
    CASE WHEN evt_type IN ('symlink', 'symlinkat') AND evt_dir = '<' AND evt_rawres >= 0 THEN 1 ELSE 0 END
      AS new_symlinks,
    CASE WHEN evt_type IN ('clone', 'fork') AND evt_dir = '<' AND evt_rawres > 0 THEN 1 ELSE 0 END AS forks,
    CASE WHEN evt_type = 'setns' AND evt_dir = '<' AND evt_rawres >= 0 THEN 1 ELSE 0 END AS setns_invocations,
    0 AS received_signals, 0 AS segmentation_faults, 0 AS notifications, CAST(NULL AS VARCHAR) AS docker_event
  FROM measured
),
param_events AS (
  SELECT e.capture, e.evt_num, e.evt_rawtime, e.evt_type, e.evt_dir, e.evt_rawres,
    CASE WHEN e.evt_type = 'execve' AND e.proc_pname LIKE '%bash%' THEN 1 ELSE 0 END AS bash,
    CASE WHEN e.evt_type = 'execve' THEN e.evt_params['exe'] END AS exe,
    CASE WHEN e.evt_type = 'signaldeliver' THEN e.evt_params['sig'] END AS sig,
    CASE WHEN e.evt_type = 'infra' THEN e.evt_params['source'] END AS source,
    CASE WHEN e.evt_type = 'infra' THEN e.evt_params['name'] END AS name,
    CASE WHEN c.p = 0 OR e.evt_rawtime < c.t0 THEN 0 WHEN (e.evt_rawtime - c.t0) / c.p > 399 THEN 399
      ELSE (e.evt_rawtime - c.t0) / c.p END AS sample
  FROM scap.events e JOIN clock c ON c.capture = e.capture
  WHERE e.evt_type IN ('execve', 'signaldeliver', 'notification', 'infra')
),
params AS (
  SELECT p.capture, p.evt_num, p.evt_rawtime, p.sample,
    0 AS system_calls, 0 AS file_bytes_in, 0 AS file_bytes_out, CAST(NULL AS VARCHAR) AS file_key,
    CAST(NULL AS VARCHAR) AS written_file_key, CAST(NULL AS VARCHAR) AS system_file_key, 0 AS net_bytes_in,
    0 AS net_bytes_out, CAST(NULL AS VARCHAR) AS connection_key, CAST(NULL AS VARCHAR) AS protocol,
    0 AS http_requests, 0 AS http_errors, 0 AS app_log_messages, 0 AS app_log_warnings, 0 AS app_log_errors,
    0 AS syslog_messages, 0 AS syslog_warnings, 0 AS syslog_errors, 0 AS slow_1ms, 0 AS slow_10ms,
    0 AS slow_100ms,
    CASE WHEN p.evt_type = 'execve' AND p.evt_dir = '<' AND p.evt_rawres >= 0 THEN 1 ELSE 0 END
      AS executed_commands,
    CASE WHEN p.evt_type = 'execve' AND p.evt_dir = '<' AND p.evt_rawres >= 0 THEN p.bash ELSE 0 END
      AS interactive_commands,
    CASE WHEN p.evt_type = 'execve' AND p.evt_dir = '<' AND p.evt_rawres >= 0 AND p.exe = 'sudo' THEN 1 ELSE 0 END
      AS sudo_invocations,
    CAST(NULL AS INTEGER) AS bound_port, 0 AS new_outbound_connections, 0 AS new_inbound_connections,
    0 AS new_ssh_connections, 0 AS failed_connections, 0 AS file_open_errors, 0 AS deleted_files,
    0 AS new_symlinks, 0 AS forks, 0 AS setns_invocations,
    CASE WHEN p.evt_type = 'signaldeliver' AND p.evt_dir = '>' THEN 1 ELSE 0 END AS received_signals,
    CASE WHEN p.evt_type = 'signaldeliver' AND p.evt_dir = '>' AND (p.sig = 'SIGSEGV' OR p.sig LIKE '%(SIGSEGV)')
      THEN 1 ELSE 0 END AS segmentation_faults,
    CASE WHEN p.evt_type = 'notification' AND p.evt_dir = '>' THEN 1 ELSE 0 END AS notifications,
    CASE WHEN p.evt_type = 'infra' AND p.evt_dir = '>' AND p.source = 'docker' THEN p.name END AS docker_event
  FROM param_events p
)
SELECT * FROM main
UNION ALL
SELECT * FROM params
