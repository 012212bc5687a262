/**
 * I/O per fd type: bytes read and written, events and system call time on files,
 * sockets, pipes and the other kinds of fd, and on no fd at all.
 *
 * @title I/O by Type
 * @csysdig io_by_type
 * @key fd_type, capture
 * @column fd_type The fd type (I/O Type): file, directory, ipv4, ipv6, unix, pipe, event, ...; NULL for the events without an fd (Inspect's empty row)
 * @column bytes_in Bytes read (BPS IN, a total)
 * @column bytes_out Bytes written (BPS OUT, a total)
 * @column ops Events, enter and exit, of any kind (IOPS, a total)
 * @column latency Nanoseconds spent in the system calls (TIME)
 * @column capture File name of the capture
 * @context evt_rawtime Time window: WHERE evt_rawtime BETWEEN a AND b
 * @context container_id Drill-down from Containers
 * @context proc_pid Drill-down from Processes and the other per-process views
 * @context thread_tid Drill-down from Threads
 * @context thread_nametid Drill-down from Spy Users
 * @context proc_name Drill-down by process name
 * @context fd_sport Drill-down from Server Ports
 * @context evt_res Drill-down from Errors
 * @drilldown processes WHERE fd_type = ?
 * @order ops DESC
 * @difference The columns Inspect titles BPS and IOPS are totals over the capture (or the time window),
 * named bytes_in, bytes_out and ops here; Inspect shows totals too, under per-second titles.
 */
SELECT fd_type,
  SUM(CASE WHEN evt_buflen_in IS NOT NULL THEN evt_buflen_in ELSE 0 END) AS bytes_in,
  SUM(CASE WHEN evt_buflen_out IS NOT NULL THEN evt_buflen_out ELSE 0 END) AS bytes_out,
  COUNT(*) AS ops,
  SUM(CASE WHEN evt_latency IS NOT NULL THEN evt_latency ELSE 0 END) AS latency,
  capture,
  CAST(NULL AS BIGINT) AS evt_rawtime, CAST(NULL AS VARCHAR) AS container_id, CAST(NULL AS BIGINT) AS proc_pid,
  CAST(NULL AS BIGINT) AS thread_tid, CAST(NULL AS VARCHAR) AS thread_nametid, CAST(NULL AS VARCHAR) AS proc_name,
  CAST(NULL AS INTEGER) AS fd_sport, CAST(NULL AS VARCHAR) AS evt_res
FROM inspect.view_events
GROUP BY capture, fd_type
