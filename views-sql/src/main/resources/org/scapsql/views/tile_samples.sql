/**
 * The timelines of the overview's tiles at Inspect's native resolution: one row per
 * tile and sample, 400 samples over the capture (one when the capture lasts less
 * than 399 ns). `inspect.timeline(tile, buckets)` groups them into fewer buckets as
 * Inspect's tiles (40) and time-line panel do.
 *
 * Sample i covers [t0 + i * P, t0 + (i + 1) * P), P = floor(D / 399), D the time
 * from the first to the last event; the last sample runs to the last event. A
 * sample's value is what happened in it: a count or byte sum, the number of
 * distinct files or connections it touched, or for the three gauges (Running
 * Processes, Running Containers, Listening Ports) their value at its end.
 *
 * @title Tile samples
 * @csysdig wsysdig_summary 0
 * @key capture, tile, sample
 * @column capture File name of the capture
 * @column tile The tile's id, as in inspect.tiles and inspect.overview
 * @column sample Sample number, from 0
 * @column sample_start Start of the sample (ns since the epoch); the last sample is labelled with the last event's time, as Inspect labels it
 * @column sample_width Length of the sample in nanoseconds (P; the last one runs to the last event)
 * @column sample_value The tile's value in the sample
 * @column gauge True for the gauges, whose buckets average their samples; the other tiles' buckets add them
 * @difference Inspect never evaluates the gauges in the last sample and shows 0 there (so the last bucket of
 * Running Processes and Running Containers looks low); here the last sample holds their value at the
 * end of the capture.
 */
WITH grid AS (
  SELECT capture, sample, sample_start, sample_width, close_time FROM inspect.tile_clock
),
per_sample AS (
  -- One pass: protocol and docker event name split the groups, and no key is in two groups.
  SELECT capture, sample, protocol, docker_event,
    SUM(system_calls) AS system_calls,
    SUM(file_bytes_in + file_bytes_out) AS file_bytes, SUM(file_bytes_in) AS file_bytes_in,
    SUM(file_bytes_out) AS file_bytes_out,
    inspect.key_count(file_key) AS accessed_files, inspect.key_count(written_file_key) AS modified_files,
    inspect.key_count(system_file_key) AS modified_system_files,
    SUM(net_bytes_in + net_bytes_out) AS net_bytes, SUM(net_bytes_in) AS net_bytes_in,
    SUM(net_bytes_out) AS net_bytes_out, inspect.key_count(connection_key) AS active_connections,
    COUNT(bound_port) AS new_listening_ports,
    SUM(new_outbound_connections) AS new_outbound_connections,
    SUM(new_inbound_connections) AS new_inbound_connections,
    SUM(executed_commands) AS executed_commands, SUM(interactive_commands) AS executed_interactive_commands,
    SUM(new_symlinks) AS new_symlinks, SUM(sudo_invocations) AS sudo_invocations,
    SUM(setns_invocations) AS setns_invocations, SUM(new_ssh_connections) AS new_ssh_connections,
    SUM(deleted_files) AS deleted_files, SUM(http_requests) AS http_requests, SUM(http_errors) AS http_errors,
    SUM(file_open_errors) AS file_open_errors, SUM(forks) AS fork_count,
    SUM(failed_connections) AS failed_connection_attempts, SUM(received_signals) AS received_signals,
    SUM(segmentation_faults) AS segmentation_faults, SUM(slow_1ms) AS slow_file_io_1ms,
    SUM(slow_10ms) AS slow_file_io_10ms, SUM(slow_100ms) AS slow_file_io_100ms,
    SUM(app_log_messages) AS app_log_messages, SUM(app_log_warnings) AS app_log_warnings,
    SUM(app_log_errors) AS app_log_errors, SUM(syslog_messages) AS syslog_messages,
    SUM(syslog_warnings) AS syslog_warnings, SUM(syslog_errors) AS syslog_errors,
    SUM(notifications) AS notifications, COUNT(docker_event) AS docker_events
  FROM inspect.tile_events
  GROUP BY capture, sample, protocol, docker_event
),
tiles AS (
  SELECT tile FROM inspect.tiles WHERE NOT gauge
),
event_tiles AS (
  SELECT g.capture, t.tile, g.sample, g.sample_start, g.sample_width,
    CAST(SUM(CASE t.tile
      WHEN 'system_calls' THEN s.system_calls WHEN 'file_bytes' THEN s.file_bytes
      WHEN 'file_bytes_in' THEN s.file_bytes_in WHEN 'file_bytes_out' THEN s.file_bytes_out
      WHEN 'accessed_files' THEN s.accessed_files WHEN 'modified_files' THEN s.modified_files
      WHEN 'modified_system_files' THEN s.modified_system_files WHEN 'net_bytes' THEN s.net_bytes
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
      ELSE CASE WHEN 'protocol_bytes:' || s.protocol = t.tile THEN s.net_bytes ELSE 0 END END) AS DOUBLE) AS v
  FROM grid g CROSS JOIN tiles t LEFT JOIN per_sample s ON s.capture = g.capture AND s.sample = g.sample
  GROUP BY g.capture, t.tile, g.sample, g.sample_start, g.sample_width
),
docker_counts AS (
  SELECT capture, sample, docker_event, COUNT(*) AS n FROM inspect.tile_events
  WHERE docker_event IS NOT NULL GROUP BY capture, sample, docker_event
),
docker_names AS (
  SELECT DISTINCT capture, docker_event FROM inspect.tile_events WHERE docker_event IS NOT NULL
),
docker_tiles AS (
  SELECT g.capture, 'docker_events:' || d.docker_event AS tile, g.sample, g.sample_start, g.sample_width,
    CAST(COALESCE(c.n, 0) AS DOUBLE) AS v
  FROM grid g JOIN docker_names d ON d.capture = g.capture
    LEFT JOIN docker_counts c ON c.capture = g.capture AND c.sample = g.sample AND c.docker_event = d.docker_event
),
process_tiles AS (
  SELECT capture, 'running_processes' AS tile, sample, sample_start, sample_width,
    CAST(running_processes AS DOUBLE) AS v
  FROM inspect.tile_clock
),
container_tiles AS (
  SELECT g.capture, 'running_containers' AS tile, g.sample, g.sample_start, g.sample_width,
    CAST(COUNT(k.container_id) AS DOUBLE) AS v
  FROM grid g LEFT JOIN scap.containers k ON k.capture = g.capture AND k.container_id <> 'host'
  GROUP BY g.capture, g.sample, g.sample_start, g.sample_width
),
ports AS (
  SELECT capture, fd_sport AS port, -1 AS sample FROM scap.connections
  WHERE fd_is_server AND open_rawtime IS NULL AND fd_sport IS NOT NULL
  UNION ALL
  SELECT e.capture, e.fd_sport, CASE WHEN c.sample_period = 0 OR e.evt_rawtime < c.first_time THEN 0
      WHEN (e.evt_rawtime - c.first_time) / c.sample_period > 399 THEN 399
      ELSE (e.evt_rawtime - c.first_time) / c.sample_period END
  FROM scap.events e JOIN (SELECT DISTINCT capture, first_time, sample_period FROM inspect.tile_clock) c
    ON c.capture = e.capture
  WHERE e.evt_type = 'bind' AND e.evt_dir = '<' AND e.evt_rawres >= 0 AND e.fd_sport IS NOT NULL
),
port_tiles AS (
  SELECT g.capture, 'listening_ports' AS tile, g.sample, g.sample_start, g.sample_width,
    CAST(COUNT(DISTINCT p.port) AS DOUBLE) AS v
  FROM grid g LEFT JOIN ports p ON p.capture = g.capture AND p.sample <= g.sample
  GROUP BY g.capture, g.sample, g.sample_start, g.sample_width
)
SELECT capture, tile, sample, sample_start, sample_width, COALESCE(v, 0.0) AS sample_value, FALSE AS gauge
FROM event_tiles
UNION ALL
SELECT capture, tile, sample, sample_start, sample_width, v, FALSE FROM docker_tiles
UNION ALL
SELECT capture, tile, sample, sample_start, sample_width, v, TRUE FROM process_tiles
UNION ALL
SELECT capture, tile, sample, sample_start, sample_width, v, TRUE FROM container_tiles
UNION ALL
SELECT capture, tile, sample, sample_start, sample_width, v, TRUE FROM port_tiles
