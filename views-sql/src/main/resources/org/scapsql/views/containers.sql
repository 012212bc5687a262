/**
 * Resource usage per container: CPU, processes and threads, memory, and the bytes
 * of file and network I/O of the threads in each container.
 *
 * @title Containers
 * @csysdig containers
 * @key container_id, capture
 * @column container_id Container id (ID)
 * @column cpu CPU used by the container's threads, percent of one CPU: the sum of their mean over the once-a-second samples (CPU)
 * @column procs Processes of the container with at least one CPU sample (PROCS)
 * @column threads Threads of the container with at least one CPU sample (THREADS)
 * @column virt Sum over the threads of their largest virtual memory size, bytes (VIRT)
 * @column res The same for the resident size (RES)
 * @column file_bytes Bytes of file I/O, counted as sysdig's evt.buflen.file (FILE, a total)
 * @column net_bytes Bytes of network I/O on IPv4 and IPv6 sockets (NET, a total)
 * @column container_type The container engine: docker, cri, containerd, ... (ENGINE)
 * @column container_image The image (IMAGE)
 * @column container_name The container's name (NAME)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context evt_res Drill-down from Errors
 * @drilldown processes WHERE container_id = ?
 * @order cpu DESC
 * @difference PROCS and THREADS count the container's processes and threads that had a CPU sample,
 * as Inspect means to; Inspect merges its per-thread rows in hash order and can print a raw sample
 * count instead.
 */
WITH ev AS (
  SELECT * FROM inspect.view_events
  WHERE container_name <> 'host'
),
per_thread AS (
  SELECT capture, container_id, thread_tid, MAX(CASE WHEN thread_tid = proc_pid THEN 1 ELSE 0 END) AS main,
    inspect.tick_rate(cpu_user_ticks + cpu_system_ticks, evt_num) AS cpu
  FROM ev WHERE evt_type = 'procinfo'
  GROUP BY capture, container_id, thread_tid
),
cpu AS (
  SELECT capture, container_id, SUM(cpu) AS cpu, SUM(main) AS procs, COUNT(*) AS threads
  FROM per_thread GROUP BY capture, container_id
),
agg AS (
  SELECT capture, container_id,
    SUM(CASE WHEN fd_type = 'file' AND evt_buflen IS NOT NULL THEN evt_buflen ELSE 0 END) AS file_bytes,
    SUM(CASE WHEN fd_type IN ('ipv4', 'ipv6') AND evt_buflen IS NOT NULL THEN evt_buflen ELSE 0 END) AS net_bytes,
    ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name
  FROM ev
  GROUP BY capture, container_id
),
-- Inspect sums over the container's threads each thread's largest size (non-zero on main threads only).
memory AS (
  SELECT capture, container_id, SUM(virt) AS virt, SUM(res) AS res
  FROM (SELECT capture, container_id, thread_tid, MAX(thread_vmsize) * 1024 AS virt, MAX(thread_vmrss) * 1024 AS res
        FROM ev GROUP BY capture, container_id, thread_tid) t
  GROUP BY capture, container_id
)
SELECT a.container_id, COALESCE(c.cpu, 0.0) AS cpu, COALESCE(c.procs, 0) AS procs,
  COALESCE(c.threads, 0) AS threads, m.virt, m.res,
  a.file_bytes, a.net_bytes, COALESCE(k.container_type, '') AS container_type,
  COALESCE(k.container_image, '') AS container_image, a.container_name, a.capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS evt_res
FROM agg a
  LEFT JOIN cpu c ON c.capture = a.capture AND c.container_id = a.container_id
  LEFT JOIN memory m ON m.capture = a.capture AND m.container_id = a.container_id
  LEFT JOIN scap.containers k ON k.capture = a.capture AND k.container_id = a.container_id
