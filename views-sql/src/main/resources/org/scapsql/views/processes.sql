/**
 * The processes of the capture, top-like: CPU, memory, threads and the bytes of
 * file and network I/O of each.
 *
 * Inspect builds this view per thread and merges the threads of each process; CPU
 * is the sum over the threads of each thread's mean CPU over its once-a-second
 * samples (procinfo events).
 *
 * @title Processes
 * @csysdig procs
 * @key proc_pid, capture
 * @column proc_pid Process id (PID)
 * @column proc_ppid Parent process id (PPID)
 * @column proc_vpid Process id inside its pid namespace (VPID)
 * @column cpu CPU used, in percent of one CPU: the sum over the threads of their mean over the capture's once-a-second samples (CPU)
 * @column user_name User of the process (USER)
 * @column threads Most threads the process had at once, as sysdig's proc.nthreads counted them at its events (TH)
 * @column virt Largest virtual memory size seen on its main thread, bytes (VIRT)
 * @column res Largest resident memory size seen on its main thread, bytes (RES)
 * @column file_bytes Bytes of file I/O: reads and writes, plus the return values of close, dup, fcntl and ioctl on files as sysdig counts them (FILE, a total)
 * @column net_bytes Bytes of network I/O on IPv4 and IPv6 sockets, counted the same way (NET, a total)
 * @column container_name Container name ('host' on the host) (CONTAINER)
 * @column proc_exeline Command line: argv[0], a space and the arguments, as last seen (Command)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context container_id Drill-down from Containers
 * @context fd_name Drill-down from Files (with container_id)
 * @context fd_directory Drill-down from Directories (with container_id)
 * @context fd_type Drill-down from I/O by Type
 * @context fd_sport Drill-down from Server Ports
 * @context evt_type Drill-down from System Calls
 * @drilldown threads WHERE proc_pid = ?
 * @drilldown files, connections, io_streams, syscalls WHERE proc_pid = ?
 * @order cpu DESC
 * @difference Inspect drops every event of a thread whose pid inside its namespace is unknown (the
 * process a capture is about can vanish that way, as cat does in cat_write.scap); such processes are
 * kept here.
 * @difference Where the threads of a process disagree (user, command), Inspect shows the values of
 * whichever thread its hash table yields first; this view takes the first user and the last command
 * line seen in the process.
 */
WITH ev AS (
  SELECT * FROM inspect.view_events
  WHERE evt_type <> 'switch' AND proc_pid IS NOT NULL AND proc_ppid IS NOT NULL
),
agg AS (
  SELECT capture, proc_pid,
    ARG_MIN(proc_ppid, evt_num) AS proc_ppid,
    ARG_MIN(proc_vpid, evt_num) FILTER (WHERE proc_vpid IS NOT NULL) AS proc_vpid,
    MAX(proc_nthreads) AS threads,
    MAX(thread_vmsize) * 1024 AS virt,
    MAX(thread_vmrss) * 1024 AS res,
    ARG_MIN(COALESCE(user_name, ''), evt_num) AS user_name,
    SUM(CASE WHEN fd_type = 'file' AND evt_buflen IS NOT NULL THEN evt_buflen ELSE 0 END) AS file_bytes,
    SUM(CASE WHEN fd_type IN ('ipv4', 'ipv6') AND evt_buflen IS NOT NULL THEN evt_buflen ELSE 0 END) AS net_bytes,
    ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
    ARG_MAX(COALESCE(proc_exeline, ''), evt_num) AS proc_exeline,
    inspect.threads_tick_rate(thread_tid, cpu_user_ticks + cpu_system_ticks, evt_num)
      FILTER (WHERE evt_type = 'procinfo') AS cpu
  FROM ev
  GROUP BY capture, proc_pid
)
SELECT a.proc_pid, a.proc_ppid, a.proc_vpid, COALESCE(a.cpu, 0.0) AS cpu, a.user_name,
  a.threads, a.virt, a.res,
  a.file_bytes, a.net_bytes, a.container_name, a.proc_exeline, a.capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS container_id, CAST(NULL AS VARCHAR) AS fd_name,
  CAST(NULL AS VARCHAR) AS fd_directory, CAST(NULL AS VARCHAR) AS fd_type, CAST(NULL AS INTEGER) AS fd_sport,
  CAST(NULL AS VARCHAR) AS evt_type
FROM agg a
