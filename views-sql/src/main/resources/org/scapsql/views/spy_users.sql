/**
 * The commands run in the capture, and the directories shells changed to: one row
 * per program per thread.
 *
 * Every successful execve is listed (Inspect does not check that a shell started
 * the program), and every successful chdir of a process whose name contains "sh"
 * but not "sshd".
 *
 * @title Spy Users
 * @csysdig spy_users_wsysdig
 * @key thread_nametid, capture
 * @column thread_nametid Program name followed by the thread id, e.g. ls32052
 * @column first_rawtime Time of the first such event (ns since the epoch) (TIME)
 * @column user_name User (USER)
 * @column proc_ppid Parent process id: the shell for an interactive command, a session id of sorts (SHELL)
 * @column container_name Container name ('host' on the host)
 * @column proc_exeline Command line: argv[0], a space and the arguments (Command)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context container_id Drill-down from Containers
 * @context proc_pid Drill-down from Processes and the other per-process views
 * @context thread_tid Drill-down from Threads
 * @context proc_name Drill-down by process name
 * @drilldown threads WHERE thread_nametid = ?
 * @order first_rawtime
 */
SELECT thread_nametid, MIN(evt_rawtime) AS first_rawtime,
  ARG_MIN(COALESCE(user_name, ''), evt_num) AS user_name,
  ARG_MIN(proc_ppid, evt_num) AS proc_ppid,
  ARG_MIN(COALESCE(container_name, ''), evt_num) AS container_name,
  ARG_MAX(COALESCE(proc_exeline, ''), evt_num) AS proc_exeline,
  capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS container_id, CAST(NULL AS BIGINT) AS proc_pid, CAST(NULL AS BIGINT) AS thread_tid,
  CAST(NULL AS VARCHAR) AS proc_name
FROM inspect.view_events
-- The IN repeats what the OR below says, in a form the scan takes: only those two types are read.
WHERE evt_dir = '<' AND NOT evt_failed AND proc_ppid IS NOT NULL AND evt_type IN ('execve', 'chdir')
  AND (evt_type = 'execve' OR (evt_type = 'chdir' AND proc_name LIKE '%sh%' AND proc_name NOT LIKE '%sshd%'))
GROUP BY capture, thread_nametid
