-- What bin/scapsql runs once per build, on a small fixture, to record which classes a query
-- loads (the class-data sharing archive; see docs/performance.md, "Start-up"). Typical
-- queries: plain SELECTs, filters, GROUP BY on events and entity tables, joins, the Inspect
-- views, functions and metadata. Its output is thrown away; only the classes count.
SELECT 1;
SELECT evt_type, count(*) FROM events GROUP BY evt_type ORDER BY 2 DESC;
SELECT proc_name, count(*) FROM events GROUP BY proc_name ORDER BY 2 DESC;
SELECT count(*) FROM events;
SELECT evt_num, evt_time, proc_name, evt_type, evt_args FROM events WHERE evt_type = 'open' AND evt_dir = '<' LIMIT 10;
SELECT * FROM events LIMIT 3;
SELECT proc_pid, proc_name, proc_exe FROM processes ORDER BY proc_pid LIMIT 5;
SELECT * FROM threads LIMIT 3;
SELECT * FROM fds LIMIT 3;
SELECT * FROM io_chunks LIMIT 3;
SELECT * FROM users;
SELECT * FROM event_types LIMIT 3;
SELECT title, total FROM inspect.overview WHERE shown ORDER BY display_order;
SELECT * FROM inspect.processes LIMIT 5;
SELECT * FROM inspect.files LIMIT 5;
SELECT * FROM inspect.connections LIMIT 5;
SELECT * FROM inspect.errors LIMIT 5;
SELECT * FROM inspect.syscalls LIMIT 5;
-- From the cookbook.
SELECT capture, hostname, format_version, events,
       (last_rawtime - first_rawtime) / 1000000 AS duration_ms, dialect
FROM capture;
-- From the cookbook.
SELECT evt_num, evt_time, user_name, proc_ppid, proc_pid, proc_name, left(proc_args, 40) AS args
FROM events
WHERE evt_type = 'execve' AND evt_dir = '<' AND NOT evt_failed
ORDER BY evt_num;
-- From the cookbook.
SELECT user_name, proc_name, fd_name, count(*) AS writes, sum(evt_buflen) AS bytes
FROM events
WHERE evt_is_io_write AND evt_dir = '<' AND fd_type = 'file' AND fd_name NOT LIKE '/dev/%'
GROUP BY user_name, proc_name, fd_name
ORDER BY min(evt_num);
-- From the cookbook.
SELECT fd_l4proto AS proto, fd_sip AS server, fd_sport AS port, fd_is_server AS inbound,
       count(*) AS sockets, count(DISTINCT fd_cip) AS clients,
       sum(bytes_in) AS bytes_in, sum(bytes_out) AS bytes_out
FROM connections
GROUP BY fd_l4proto, fd_sip, fd_sport, fd_is_server
ORDER BY bytes_in + bytes_out DESC, server, port, inbound;
-- From the cookbook.
SELECT evt_type, evt_res, count(*) AS calls, count(DISTINCT proc_name) AS processes
FROM events
WHERE evt_failed
GROUP BY evt_type, evt_res
ORDER BY calls DESC, evt_type, evt_res;
-- From the cookbook.
SELECT evt_reltime / 100000000 * 100 AS ms, count(*) AS events
FROM events
GROUP BY evt_reltime / 100000000
ORDER BY events DESC, ms
LIMIT 5;
-- From the cookbook.
WITH busiest AS (
  SELECT evt_reltime / 100000000 AS slot
  FROM events
  GROUP BY evt_reltime / 100000000
  ORDER BY count(*) DESC, slot
  LIMIT 1)
SELECT e.proc_name, e.evt_type, count(*) AS events
FROM events e JOIN busiest b ON e.evt_reltime / 100000000 = b.slot
GROUP BY e.proc_name, e.evt_type
ORDER BY events DESC, e.proc_name, e.evt_type
LIMIT 8;
-- From the cookbook.
SELECT container_name, proc_name, user_name, count(*) AS events, count(DISTINCT thread_tid) AS threads
FROM events
WHERE container_id <> 'host'
GROUP BY container_name, proc_name, user_name
ORDER BY events DESC, proc_name, user_name;
