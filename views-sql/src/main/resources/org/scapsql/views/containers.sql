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
-- One GROUP BY, so one read of the events: CPU, processes and threads come from the procinfo
-- samples (each thread's mean, summed; the threads, and those that are a process's main thread,
-- with at least one sample), and the memory from each thread's largest size, summed over the
-- threads as Inspect does (non-zero on main threads only).
agg AS (
  SELECT capture, container_id,
    SUM(CASE WHEN fd_type = 'file' AND evt_buflen IS NOT NULL THEN evt_buflen ELSE 0 END) AS file_bytes,
    SUM(CASE WHEN fd_type IN ('ipv4', 'ipv6') AND evt_buflen IS NOT NULL THEN evt_buflen ELSE 0 END) AS net_bytes,
    ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
    inspect.threads_tick_rate(thread_tid, cpu_user_ticks + cpu_system_ticks, evt_num)
      FILTER (WHERE evt_type = 'procinfo') AS cpu,
    inspect.key_count(CASE WHEN thread_tid = proc_pid THEN CAST(thread_tid AS VARCHAR) END)
      FILTER (WHERE evt_type = 'procinfo') AS procs,
    inspect.key_count(CAST(thread_tid AS VARCHAR)) FILTER (WHERE evt_type = 'procinfo') AS threads,
    inspect.threads_max_sum(thread_tid, thread_vmsize) * 1024 AS virt,
    inspect.threads_max_sum(thread_tid, thread_vmrss) * 1024 AS res
  FROM ev
  GROUP BY capture, container_id
)
SELECT a.container_id, COALESCE(a.cpu, 0.0) AS cpu, CAST(COALESCE(a.procs, 0) AS INTEGER) AS procs,
  COALESCE(a.threads, 0) AS threads, a.virt, a.res,
  a.file_bytes, a.net_bytes, COALESCE(k.container_type, '') AS container_type,
  COALESCE(k.container_image, '') AS container_image, a.container_name, a.capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS evt_res
FROM agg a
  LEFT JOIN scap.containers k ON k.capture = a.capture AND k.container_id = a.container_id
