/**
 * The tiles of Inspect's overview: what each counts, where it is shown, and where a
 * double click leads, as a query on another view of this schema.
 *
 * One row per tile definition of sysdig's wsysdig_summary chisel, including one per
 * well-known application protocol (the "<protocol> Bytes" tiles of Network Apps). The
 * tiles per docker event name come and go with the capture; inspect.overview adds
 * them.
 *
 * @title Tiles
 * @csysdig wsysdig_summary (tile definitions)
 * @key tile
 * @column display_order Display order: the category's rank times 100 plus the tile's place in it
 * @column tile The tile's id (snake case of its title)
 * @column title The tile's title in Inspect
 * @column category General, File, Network, Network Apps, Security, Performance, Logs or Infrastructure
 * @column gauge True for Running Processes, Running Containers and Listening Ports: a value at each moment, averaged over a timeline bucket; the other tiles count or add up
 * @column always_shown True for the tiles Inspect shows even when their value is 0
 * @column noteworthy True for the tiles Inspect highlights
 * @column unit What the value counts: bytes, events, files, processes, ...
 * @column drilldown_view The view of this schema a double click on the tile opens (Inspect's target view)
 * @column drilldown_filter The WHERE to apply to that view (Inspect's target filter), or NULL
 * @difference The drill-down filters are SQL on this schema's views. Where Inspect's is broken they do
 * what it means: Fork Count selects the parents' clone exits (Inspect's filter selects the children's);
 * Segmentation Faults matches SIGSEGV (Inspect's misspells it); Deleted Files is a valid filter (Inspect's
 * mixes and and or and fails).
 */
-- VALUES types its text columns CHAR(n), blank-padded: trimmed back to the literals.
SELECT display_order, CAST(TRIM(TRAILING ' ' FROM tile) AS VARCHAR) AS tile,
  CAST(TRIM(TRAILING ' ' FROM title) AS VARCHAR) AS title,
  CAST(TRIM(TRAILING ' ' FROM category) AS VARCHAR) AS category, gauge, always_shown, noteworthy,
  CAST(TRIM(TRAILING ' ' FROM unit) AS VARCHAR) AS unit,
  CAST(TRIM(TRAILING ' ' FROM drilldown_view) AS VARCHAR) AS drilldown_view,
  CAST(TRIM(TRAILING ' ' FROM drilldown_filter) AS VARCHAR) AS drilldown_filter
FROM (VALUES
  (101, 'notifications', 'Sysdig Secure Notifications', 'General', FALSE, FALSE, TRUE, 'events', 'syscalls', 'evt_type = ''notification'''),
  (102, 'running_processes', 'Running Processes', 'General', TRUE, TRUE, FALSE, 'processes', 'processes', NULL),
  (103, 'running_containers', 'Running Containers', 'General', TRUE, TRUE, FALSE, 'containers', 'containers', NULL),
  (104, 'system_calls', 'System Calls', 'General', FALSE, TRUE, FALSE, 'events', 'system_calls', NULL),
  (201, 'file_bytes', 'File Bytes In+Out', 'File', FALSE, TRUE, FALSE, 'bytes', 'files', NULL),
  (202, 'file_bytes_in', 'File Bytes In', 'File', FALSE, TRUE, FALSE, 'bytes', 'files', NULL),
  (203, 'file_bytes_out', 'File Bytes Out', 'File', FALSE, TRUE, FALSE, 'bytes', 'files', NULL),
  (204, 'accessed_files', 'Accessed Files', 'File', FALSE, FALSE, FALSE, 'files', 'files', 'evt_is_io_read = TRUE'),
  (205, 'modified_files', 'Modified Files', 'File', FALSE, FALSE, FALSE, 'files', 'files', 'evt_is_io_write = TRUE'),
  (301, 'net_bytes', 'Net Bytes In+Out', 'Network', FALSE, TRUE, FALSE, 'bytes', 'server_ports', NULL),
  (302, 'net_bytes_in', 'Net Bytes In', 'Network', FALSE, TRUE, FALSE, 'bytes', 'server_ports', NULL),
  (303, 'net_bytes_out', 'Net Bytes Out', 'Network', FALSE, TRUE, FALSE, 'bytes', 'server_ports', NULL),
  (304, 'active_connections', 'Active Network Connections', 'Network', FALSE, FALSE, FALSE, 'connections', 'connections', 'evt_is_io = TRUE'),
  (305, 'listening_ports', 'Listening Ports', 'Network', TRUE, FALSE, FALSE, 'ports', 'port_bindings', NULL),
  (306, 'new_listening_ports', 'New Listening Ports', 'Network', FALSE, FALSE, TRUE, 'ports', 'port_bindings', NULL),
  (307, 'new_outbound_connections', 'New Outbound Connections', 'Network', FALSE, FALSE, FALSE, 'connections', 'syscalls', 'evt_type = ''connect'' AND evt_dir = ''<'' AND fd_sport IS NOT NULL'),
  (308, 'new_inbound_connections', 'New Inbound Connections', 'Network', FALSE, FALSE, FALSE, 'connections', 'syscalls', 'evt_type = ''accept'' AND evt_dir = ''<'' AND fd_sport IS NOT NULL'),
  (501, 'executed_commands', 'Executed Commands', 'Security', FALSE, TRUE, TRUE, 'commands', 'spy_users', NULL),
  (502, 'executed_interactive_commands', 'Executed Interactive Commands', 'Security', FALSE, FALSE, TRUE, 'commands', 'spy_users', 'proc_ppid IN (SELECT proc_pid FROM scap.processes WHERE proc_name LIKE ''%bash%'')'),
  (503, 'new_symlinks', 'New Symlinks', 'Security', FALSE, FALSE, TRUE, 'links', 'syscalls', 'evt_type IN (''symlink'', ''symlinkat'') AND evt_dir = ''<'' AND evt_rawres >= 0'),
  (504, 'modified_system_files', 'Modified System Files', 'Security', FALSE, FALSE, TRUE, 'files', 'files', 'evt_is_io_write = TRUE'),
  (505, 'sudo_invocations', 'Sudo Invocations', 'Security', FALSE, FALSE, TRUE, 'commands', 'syscalls', 'evt_type = ''execve'' AND evt_dir = ''<'' AND proc_name = ''sudo'''),
  (506, 'setns_invocations', 'Setns Invocations', 'Security', FALSE, FALSE, TRUE, 'calls', 'syscalls', 'evt_type = ''setns'''),
  (507, 'new_ssh_connections', 'New SSH Connections', 'Security', FALSE, FALSE, TRUE, 'connections', 'syscalls', 'evt_type IN (''accept'', ''connect'') AND evt_dir = ''<'' AND fd_sport = 22'),
  (508, 'deleted_files', 'Deleted Files', 'Security', FALSE, FALSE, TRUE, 'files', 'syscalls', 'evt_type IN (''unlink'', ''unlinkat'') AND evt_dir = ''<'' AND evt_rawres >= 0'),
  (601, 'http_requests', 'HTTP Requests', 'Performance', FALSE, FALSE, TRUE, 'responses', 'io_streams', 'fd_type IN (''ipv4'', ''ipv6'') AND data_dotted LIKE ''HTTP/%'''),
  (602, 'http_errors', 'HTTP Errors', 'Performance', FALSE, FALSE, TRUE, 'responses', 'io_streams', 'fd_type IN (''ipv4'', ''ipv6'') AND data_dotted LIKE ''HTTP/%'' AND http_status(data_dotted) IS DISTINCT FROM 200'),
  (603, 'file_open_errors', 'File Open Errors', 'Performance', FALSE, FALSE, FALSE, 'calls', 'syscalls', 'evt_type = ''open'' AND evt_dir = ''<'' AND evt_rawres < 0'),
  (604, 'fork_count', 'Fork Count', 'Performance', FALSE, FALSE, FALSE, 'calls', 'syscalls', 'evt_type IN (''clone'', ''fork'') AND evt_dir = ''<'' AND evt_rawres > 0'),
  (605, 'failed_connection_attempts', 'Failed Connection Attempts', 'Performance', FALSE, FALSE, TRUE, 'calls', 'syscalls', 'evt_type = ''connect'' AND evt_dir = ''<'' AND fd_type IN (''ipv4'', ''ipv6'') AND evt_rawres < 0 AND evt_res <> ''EINPROGRESS'''),
  (606, 'received_signals', 'Received Signals', 'Performance', FALSE, FALSE, FALSE, 'signals', 'syscalls', 'evt_type = ''signaldeliver'''),
  (607, 'segmentation_faults', 'Segmentation Faults', 'Performance', FALSE, FALSE, TRUE, 'signals', 'syscalls', 'evt_type = ''signaldeliver'' AND evt_info LIKE ''%SIGSEGV%'''),
  (608, 'slow_file_io_1ms', 'Slow File I/O calls (1ms+)', 'Performance', FALSE, FALSE, FALSE, 'calls', 'slow_file_io', NULL),
  (609, 'slow_file_io_10ms', 'Slow File I/O calls (10ms+)', 'Performance', FALSE, FALSE, FALSE, 'calls', 'slow_file_io', 'evt_latency > 10000000'),
  (610, 'slow_file_io_100ms', 'Slow File I/O calls (100ms+)', 'Performance', FALSE, FALSE, TRUE, 'calls', 'slow_file_io', 'evt_latency > 100000000'),
  (701, 'app_log_messages', 'App Log Messages', 'Logs', FALSE, FALSE, FALSE, 'messages', 'io_streams', 'io_dir = ''>'' AND fd_type = ''file'' AND (fd_name LIKE ''%.log%'' OR fd_name LIKE ''%\_log%'' ESCAPE ''\'' OR fd_name LIKE ''%/var/log%'') AND fd_name NOT LIKE ''%.gz%'' AND fd_name NOT LIKE ''%.tgz%'''),
  (702, 'app_log_warnings', 'App Log Warning Messages', 'Logs', FALSE, FALSE, FALSE, 'messages', 'io_streams', 'io_dir = ''>'' AND fd_type = ''file'' AND (fd_name LIKE ''%.log%'' OR fd_name LIKE ''%\_log%'' ESCAPE ''\'' OR fd_name LIKE ''%/var/log%'') AND fd_name NOT LIKE ''%.gz%'' AND fd_name NOT LIKE ''%.tgz%'' AND LOWER(data_dotted) LIKE ''%warn%'''),
  (703, 'app_log_errors', 'App Log Error Messages', 'Logs', FALSE, FALSE, TRUE, 'messages', 'io_streams', 'io_dir = ''>'' AND fd_type = ''file'' AND (fd_name LIKE ''%.log%'' OR fd_name LIKE ''%\_log%'' ESCAPE ''\'' OR fd_name LIKE ''%/var/log%'') AND fd_name NOT LIKE ''%.gz%'' AND fd_name NOT LIKE ''%.tgz%'' AND LOWER(data_dotted) NOT LIKE ''%warn%'' AND (LOWER(data_dotted) LIKE ''%error%'' OR LOWER(data_dotted) LIKE ''%critic%'' OR LOWER(data_dotted) LIKE ''%emergency%'' OR LOWER(data_dotted) LIKE ''%alert%'')'),
  (704, 'syslog_messages', 'Syslog Messages', 'Logs', FALSE, FALSE, FALSE, 'messages', 'io_streams', 'io_dir = ''>'' AND fd_type = ''unix'' AND fd_name LIKE ''%/dev/log%'' AND syslog_severity(data_dotted) IS NOT NULL'),
  (705, 'syslog_warnings', 'Syslog Warning Messages', 'Logs', FALSE, FALSE, FALSE, 'messages', 'io_streams', 'io_dir = ''>'' AND fd_type = ''unix'' AND fd_name LIKE ''%/dev/log%'' AND syslog_severity(data_dotted) = 4'),
  (706, 'syslog_errors', 'Syslog Error Messages', 'Logs', FALSE, FALSE, TRUE, 'messages', 'io_streams', 'io_dir = ''>'' AND fd_type = ''unix'' AND fd_name LIKE ''%/dev/log%'' AND syslog_severity(data_dotted) < 4'),
  (801, 'docker_events', 'Docker Events', 'Infrastructure', FALSE, FALSE, TRUE, 'events', 'syscalls', 'evt_type = ''infra'''),
  (401, 'protocol_bytes:couchdb', 'couchdb Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 5984'),
  (402, 'protocol_bytes:DNS', 'DNS Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 53'),
  (403, 'protocol_bytes:elasticsearch', 'elasticsearch Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport BETWEEN 9200 AND 9400'),
  (404, 'protocol_bytes:etcd', 'etcd Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport IN (2379, 22379)'),
  (405, 'protocol_bytes:fluentd', 'fluentd Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 9880'),
  (406, 'protocol_bytes:gearman', 'gearman Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 4730'),
  (407, 'protocol_bytes:hadoop', 'hadoop Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport IN (50070, 8020, 9000)'),
  (408, 'protocol_bytes:hbase', 'hbase Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport IN (60000, 60010, 60020, 60030)'),
  (409, 'protocol_bytes:HTTP', 'HTTP Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport IN (80, 8080)'),
  (410, 'protocol_bytes:HTTPs', 'HTTPs Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 443'),
  (411, 'protocol_bytes:kafka', 'kafka Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 2181'),
  (412, 'protocol_bytes:Kyoto Tycoon', 'Kyoto Tycoon Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 1978'),
  (413, 'protocol_bytes:memcached', 'memcached Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 11211'),
  (414, 'protocol_bytes:mongodb', 'mongodb Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport IN (27017, 27018, 27019, 28017)'),
  (415, 'protocol_bytes:mysql', 'mysql Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 3306'),
  (416, 'protocol_bytes:postgres', 'postgres Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 5432'),
  (417, 'protocol_bytes:rabbitmq', 'rabbitmq Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 5672'),
  (418, 'protocol_bytes:redis', 'redis Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 6379'),
  (419, 'protocol_bytes:riak', 'riak Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport IN (8087, 8098)'),
  (420, 'protocol_bytes:solr', 'solr Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 8983'),
  (421, 'protocol_bytes:SSH', 'SSH Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 22'),
  (422, 'protocol_bytes:statsd', 'statsd Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 8125'),
  (423, 'protocol_bytes:Sysdig Agent', 'Sysdig Agent Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport IN (6666, 6667, 6443)'),
  (424, 'protocol_bytes:voltdb', 'voltdb Bytes', 'Network Apps', FALSE, FALSE, FALSE, 'bytes', 'connections', 'fd_sport = 5555')
) AS t (display_order, tile, title, category, gauge, always_shown, noteworthy, unit, drilldown_view,
  drilldown_filter)
