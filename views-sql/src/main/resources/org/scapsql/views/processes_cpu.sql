/**
 * CPU per process, split into user and system time, with the number of events
 * each process produced.
 *
 * @title Processes CPU
 * @csysdig procs_cpu
 * @key proc_pid, capture
 * @column proc_pid Process id (PID)
 * @column proc_vpid Process id inside its pid namespace (VPID)
 * @column cpu CPU used, percent of one CPU: the sum over the threads of their mean over the once-a-second samples (TOT)
 * @column cpu_user The same for user time (USER)
 * @column cpu_system The same for system time (SYS)
 * @column calls Events of the process, enter and exit, switch excepted (SYSCALLS, a total)
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
 * @order cpu DESC
 * @difference Inspect drops every event of a thread whose pid inside its namespace is unknown; such
 * processes are kept here.
 */
WITH ev AS (
  SELECT * FROM inspect.view_events
  WHERE evt_type <> 'switch' AND proc_pid IS NOT NULL
),
agg AS (
  SELECT capture, proc_pid, COUNT(*) AS calls,
    ARG_MIN(proc_vpid, evt_num) FILTER (WHERE proc_vpid IS NOT NULL) AS proc_vpid,
    ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
    ARG_MAX(COALESCE(proc_exeline, ''), evt_num) AS proc_exeline,
    inspect.threads_tick_rate(thread_tid, cpu_user_ticks + cpu_system_ticks, evt_num)
      FILTER (WHERE evt_type = 'procinfo') AS cpu,
    inspect.threads_tick_rate(thread_tid, cpu_user_ticks, evt_num) FILTER (WHERE evt_type = 'procinfo') AS cpu_user,
    inspect.threads_tick_rate(thread_tid, cpu_system_ticks, evt_num) FILTER (WHERE evt_type = 'procinfo') AS cpu_system
  FROM ev
  GROUP BY capture, proc_pid
)
SELECT a.proc_pid, a.proc_vpid, COALESCE(a.cpu, 0.0) AS cpu,
  COALESCE(a.cpu_user, 0.0) AS cpu_user, COALESCE(a.cpu_system, 0.0) AS cpu_system, a.calls,
  a.container_name, a.proc_exeline, a.capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS container_id, CAST(NULL AS VARCHAR) AS fd_name,
  CAST(NULL AS VARCHAR) AS fd_directory, CAST(NULL AS VARCHAR) AS fd_type, CAST(NULL AS INTEGER) AS fd_sport,
  CAST(NULL AS VARCHAR) AS evt_type
FROM agg a
