/**
 * Inspect's overview: one row per tile, with the tile's value over the whole
 * capture and where it leads.
 *
 * A tile's total is a total, never a rate: events, bytes, or for the distinct tiles
 * (Accessed Files, Active Network Connections, ...) the number of different files
 * or connections. Running Processes and Running Containers count the processes and
 * containers that were running at some point of the timeline, Listening Ports the
 * server ports open at the start or bound later. `shown` says whether Inspect shows
 * the tile (some are shown only when not 0); every tile is listed here. Timelines:
 * `inspect.timeline(tile, buckets)`.
 *
 * @title Overview
 * @csysdig wsysdig_summary
 * @key capture, tile
 * @column capture File name of the capture
 * @column display_order Display order: the category's rank times 100 plus the tile's place in it
 * @column category General, File, Network, Network Apps, Security, Performance, Logs or Infrastructure
 * @column tile The tile's id
 * @column title The tile's title in Inspect
 * @column total The tile's value over the capture: a total, a distinct count or, for a gauge, the number of different processes, containers or ports it saw
 * @column unit What the value counts: bytes, events, files, processes, ...
 * @column shown True when Inspect shows the tile: it is always shown, or its value is not 0
 * @column noteworthy True for the tiles Inspect highlights
 * @column drilldown_view The view of this schema a double click on the tile opens
 * @column drilldown_filter The WHERE to apply to that view, or NULL
 * @pending The overview has no context columns yet: Inspect can compute its tiles under a filter
 * (sysdig -c wsysdig_summary 40 'container.id=...'); here the tiles cover the whole capture.
 * @difference Inspect's Running Processes counts the processes alive when one of its 400 sampling
 * intervals closes, except the last; here the last sample counts too (at the end of the capture).
 */
WITH clock AS (
  SELECT DISTINCT capture FROM inspect.tile_clock
),
closes AS (
  SELECT capture, close_time AS t FROM inspect.tile_clock
),
totals AS (
  SELECT capture, protocol, docker_event,
    SUM(system_calls) AS system_calls, SUM(file_bytes_in) AS file_bytes_in, SUM(file_bytes_out) AS file_bytes_out,
    inspect.key_count(file_key) AS accessed_files, inspect.key_count(written_file_key) AS modified_files,
    inspect.key_count(system_file_key) AS modified_system_files, SUM(net_bytes_in) AS net_bytes_in,
    SUM(net_bytes_out) AS net_bytes_out, inspect.key_count(connection_key) AS active_connections,
    COUNT(bound_port) AS new_listening_ports, SUM(new_outbound_connections) AS new_outbound_connections,
    SUM(new_inbound_connections) AS new_inbound_connections, SUM(executed_commands) AS executed_commands,
    SUM(interactive_commands) AS executed_interactive_commands, SUM(new_symlinks) AS new_symlinks,
    SUM(sudo_invocations) AS sudo_invocations, SUM(setns_invocations) AS setns_invocations,
    SUM(new_ssh_connections) AS new_ssh_connections, SUM(deleted_files) AS deleted_files,
    SUM(http_requests) AS http_requests, SUM(http_errors) AS http_errors, SUM(file_open_errors) AS file_open_errors,
    SUM(forks) AS fork_count, SUM(failed_connections) AS failed_connection_attempts,
    SUM(received_signals) AS received_signals, SUM(segmentation_faults) AS segmentation_faults,
    SUM(slow_1ms) AS slow_file_io_1ms, SUM(slow_10ms) AS slow_file_io_10ms, SUM(slow_100ms) AS slow_file_io_100ms,
    SUM(app_log_messages) AS app_log_messages, SUM(app_log_warnings) AS app_log_warnings,
    SUM(app_log_errors) AS app_log_errors, SUM(syslog_messages) AS syslog_messages,
    SUM(syslog_warnings) AS syslog_warnings, SUM(syslog_errors) AS syslog_errors,
    SUM(notifications) AS notifications, COUNT(docker_event) AS docker_events
  FROM inspect.tile_events
  GROUP BY capture, protocol, docker_event
),
event_values AS (
  SELECT c.capture, t.tile,
    SUM(CASE t.tile
      WHEN 'system_calls' THEN s.system_calls WHEN 'file_bytes' THEN s.file_bytes_in + s.file_bytes_out
      WHEN 'file_bytes_in' THEN s.file_bytes_in WHEN 'file_bytes_out' THEN s.file_bytes_out
      WHEN 'accessed_files' THEN s.accessed_files WHEN 'modified_files' THEN s.modified_files
      WHEN 'modified_system_files' THEN s.modified_system_files WHEN 'net_bytes' THEN s.net_bytes_in + s.net_bytes_out
      WHEN 'net_bytes_in' THEN s.net_bytes_in WHEN 'net_bytes_out' THEN s.net_bytes_out
      WHEN 'active_connections' THEN s.active_connections WHEN 'new_listening_ports' THEN s.new_listening_ports
      WHEN 'new_outbound_connections' THEN s.new_outbound_connections
      WHEN 'new_inbound_connections' THEN s.new_inbound_connections
      WHEN 'executed_commands' THEN s.executed_commands
      WHEN 'executed_interactive_commands' THEN s.executed_interactive_commands
      WHEN 'new_symlinks' THEN s.new_symlinks WHEN 'sudo_invocations' THEN s.sudo_invocations
      WHEN 'setns_invocations' THEN s.setns_invocations WHEN 'new_ssh_connections' THEN s.new_ssh_connections
      WHEN 'deleted_files' THEN s.deleted_files WHEN 'http_requests' THEN s.http_requests
      WHEN 'http_errors' THEN s.http_errors WHEN 'file_open_errors' THEN s.file_open_errors
      WHEN 'fork_count' THEN s.fork_count WHEN 'failed_connection_attempts' THEN s.failed_connection_attempts
      WHEN 'received_signals' THEN s.received_signals WHEN 'segmentation_faults' THEN s.segmentation_faults
      WHEN 'slow_file_io_1ms' THEN s.slow_file_io_1ms WHEN 'slow_file_io_10ms' THEN s.slow_file_io_10ms
      WHEN 'slow_file_io_100ms' THEN s.slow_file_io_100ms WHEN 'app_log_messages' THEN s.app_log_messages
      WHEN 'app_log_warnings' THEN s.app_log_warnings WHEN 'app_log_errors' THEN s.app_log_errors
      WHEN 'syslog_messages' THEN s.syslog_messages WHEN 'syslog_warnings' THEN s.syslog_warnings
      WHEN 'syslog_errors' THEN s.syslog_errors WHEN 'notifications' THEN s.notifications
      WHEN 'docker_events' THEN s.docker_events
      ELSE CASE WHEN 'protocol_bytes:' || s.protocol = t.tile THEN s.net_bytes_in + s.net_bytes_out ELSE 0 END
      END) AS v
  FROM clock c CROSS JOIN inspect.tiles t LEFT JOIN totals s ON s.capture = c.capture
  WHERE NOT t.gauge
  GROUP BY c.capture, t.tile
),
process_total AS (
  SELECT capture, MAX(processes_seen) AS v FROM inspect.tile_clock GROUP BY capture
),
container_total AS (
  SELECT capture, COUNT(*) AS v FROM scap.containers WHERE container_id <> 'host' GROUP BY capture
),
ports AS (
  SELECT capture, fd_sport AS port FROM scap.connections
  WHERE fd_is_server AND open_rawtime IS NULL AND fd_sport IS NOT NULL
  UNION ALL
  SELECT capture, fd_sport FROM scap.events
  WHERE evt_type = 'bind' AND evt_dir = '<' AND evt_rawres >= 0 AND fd_sport IS NOT NULL
),
port_total AS (
  SELECT capture, COUNT(DISTINCT port) AS v FROM ports GROUP BY capture
),
gauge_values AS (
  SELECT c.capture, CAST('running_processes' AS VARCHAR) AS tile, COALESCE(p.v, 0) AS v
  FROM clock c LEFT JOIN process_total p ON p.capture = c.capture
  UNION ALL
  SELECT c.capture, CAST('running_containers' AS VARCHAR), COALESCE(k.v, 0)
  FROM clock c LEFT JOIN container_total k ON k.capture = c.capture
  UNION ALL
  SELECT c.capture, CAST('listening_ports' AS VARCHAR), COALESCE(p.v, 0)
  FROM clock c LEFT JOIN port_total p ON p.capture = c.capture
),
docker_values AS (
  SELECT capture, docker_event, COUNT(*) AS v FROM inspect.tile_events
  WHERE docker_event IS NOT NULL GROUP BY capture, docker_event
)
SELECT v.capture, t.display_order, t.category, t.tile, t.title, COALESCE(v.v, 0) AS total, t.unit,
  t.always_shown OR COALESCE(v.v, 0) <> 0 AS shown, t.noteworthy, t.drilldown_view, t.drilldown_filter
FROM inspect.tiles t JOIN (SELECT * FROM event_values UNION ALL SELECT * FROM gauge_values) v ON v.tile = t.tile
UNION ALL
SELECT capture, 800 + CAST(RANK() OVER (PARTITION BY capture ORDER BY docker_event) AS INTEGER) + 1,
  CAST('Infrastructure' AS VARCHAR), 'docker_events:' || docker_event, docker_event || ' Events', v,
  CAST('events' AS VARCHAR), TRUE, TRUE, CAST('syscalls' AS VARCHAR), 'evt_type = ''infra'' AND evt_info LIKE ''%name=' || docker_event || '%'''
FROM docker_values
