/**
 * The sampling clock of Inspect's overview: one row per native timeline sample,
 * with when it starts, how long it lasts and when its gauges are read.
 *
 * sysdig's wsysdig_summary chisel samples the capture at a fixed sample_period
 * P = floor(D / 399) from the first event (D: first to last event): 400 samples, the
 * last one running to the last event; a capture shorter than 399 ns has a single
 * sample. The chisel closes a sample when the first event at or after its end
 * arrives, and reads the gauges (running processes, containers) from the state as
 * it is then.
 *
 * @title Tile clock
 * @csysdig wsysdig_summary (sampling)
 * @key capture, sample
 * @column capture File name of the capture
 * @column sample Sample number, from 0
 * @column sample_start Start of the sample (ns since the epoch); the last sample is labelled with the last event's time, as Inspect labels it
 * @column sample_width Length of the sample in nanoseconds (P; the last one runs to the last event)
 * @column close_time When the sample's gauges are read: the time of the first event at or after its end (the last event's time for the last sample)
 * @column first_time Time of the capture's first event (t0)
 * @column last_time Time of the capture's last event
 * @column sample_period The sampling period P in nanoseconds (0 for a capture shorter than 399 ns)
 */
WITH span AS (
  SELECT capture, ARG_MIN(evt_rawtime, evt_num) AS t0, ARG_MAX(evt_rawtime, evt_num) AS t1
  FROM scap.events
  WHERE evt_type <> 'container'
  GROUP BY capture
),
clock AS (
  SELECT capture, t0, t1, (t1 - t0) / 399 AS p, CASE WHEN (t1 - t0) / 399 = 0 THEN 1 ELSE 400 END AS samples
  FROM span
),
digits (x) AS (
  VALUES 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19
),
grid AS (
  SELECT c.capture, a.x * 20 + b.x AS sample, c.t0, c.t1, c.p, c.samples
  FROM clock c CROSS JOIN digits a CROSS JOIN digits b
  WHERE a.x * 20 + b.x < c.samples
),
firsts AS (
  SELECT e.capture,
    CASE WHEN c.p = 0 OR e.evt_rawtime < c.t0 THEN 0 WHEN (e.evt_rawtime - c.t0) / c.p > 399 THEN 399
      ELSE (e.evt_rawtime - c.t0) / c.p END AS sample,
    MIN(e.evt_rawtime) AS first_ts
  FROM scap.events e JOIN clock c ON c.capture = e.capture
  WHERE e.evt_type <> 'container'
  GROUP BY e.capture,
    CASE WHEN c.p = 0 OR e.evt_rawtime < c.t0 THEN 0 WHEN (e.evt_rawtime - c.t0) / c.p > 399 THEN 399
      ELSE (e.evt_rawtime - c.t0) / c.p END
)
SELECT g.capture, g.sample,
  CASE WHEN g.samples = 1 OR g.sample = 399 THEN g.t1 ELSE g.t0 + g.sample * g.p END AS sample_start,
  CASE WHEN g.samples = 1 THEN g.t1 - g.t0 WHEN g.sample = 399 THEN g.t1 - (g.t0 + 399 * g.p) ELSE g.p END
    AS sample_width,
  COALESCE(MIN(f.first_ts), g.t1) AS close_time,
  g.t0 AS first_time, g.t1 AS last_time, g.p AS sample_period
FROM grid g LEFT JOIN firsts f ON f.capture = g.capture AND f.sample > g.sample
GROUP BY g.capture, g.sample, g.samples, g.t0, g.t1, g.p
