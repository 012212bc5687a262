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
event_values AS (
  -- inspect.tile_totals: tile_events' sums, counted in Java in the reading that gives the clock.
  SELECT c.capture, t.tile, SUM(s.total) AS v
  FROM clock c CROSS JOIN inspect.tiles t LEFT JOIN inspect.tile_totals s ON s.capture = c.capture AND s.tile = t.tile
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
  SELECT capture, CAST(item AS INTEGER) FROM inspect.tile_totals WHERE tile = 'new_listening_ports' AND item IS NOT NULL
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
  SELECT capture, item AS docker_event, total AS v FROM inspect.tile_totals WHERE tile LIKE 'docker\_events:%' ESCAPE '\'
)
SELECT v.capture, t.display_order, t.category, t.tile, t.title, COALESCE(v.v, 0) AS total, t.unit,
  t.always_shown OR COALESCE(v.v, 0) <> 0 AS shown, t.noteworthy, t.drilldown_view, t.drilldown_filter
FROM inspect.tiles t JOIN (SELECT * FROM event_values UNION ALL SELECT * FROM gauge_values) v ON v.tile = t.tile
UNION ALL
SELECT capture, 800 + CAST(RANK() OVER (PARTITION BY capture ORDER BY docker_event) AS INTEGER) + 1,
  CAST('Infrastructure' AS VARCHAR), 'docker_events:' || docker_event, docker_event || ' Events', v,
  CAST('events' AS VARCHAR), TRUE, TRUE, CAST('syscalls' AS VARCHAR), 'evt_type = ''infra'' AND evt_info LIKE ''%name=' || docker_event || '%'''
FROM docker_values
