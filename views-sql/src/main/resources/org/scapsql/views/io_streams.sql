/**
 * The data of every read and write that moved at least one byte, in capture order:
 * what Inspect's I/O streams show, with the captured bytes as printable, dotted and
 * hex text.
 *
 * A capture holds only the first bytes of each buffer (80 by default, sysdig's
 * snaplen); bytes says what the call really moved. Drill down from any view with
 * its key columns: `WHERE container_id = 'host' AND fd_name = '/etc/hosts'`,
 * `WHERE proc_pid = 4242`, `WHERE fd_sport = 22`.
 *
 * @title I/O streams
 * @csysdig echo
 * @key evt_num, capture
 * @column evt_num Event number of the read or write (its exit event)
 * @column evt_rawtime When it returned (ns since the epoch)
 * @column evt_reltime Nanoseconds since the capture's first event (sysdig's, which is not a container event that opens the file)
 * @column io_dir '<' for a read, '>' for a write, as Inspect marks them
 * @column bytes Bytes the call moved (its return value)
 * @column fd_num fd number
 * @column fd_typechar fd type letter (f file, 4 IPv4, 6 IPv6, u unix, p pipe, ...)
 * @column fd_name fd name (path, connection, ...); '' for fds without one
 * @column fd_label The fd as Inspect labels it: number, then type letter and name, e.g. 3(<f>/etc/hosts)
 * @column proc_name Process name
 * @column container_name Container name ('host' on the host)
 * @column data The captured bytes
 * @column data_dotted The bytes as Inspect's "Dotted ASCII" (the default view)
 * @column data_printable The bytes as Inspect's "Printable ASCII"
 * @column data_hex The bytes as Inspect's "Hex ASCII"
 * @column evt_type The system call
 * @column proc_pid Process id
 * @column thread_tid Thread id
 * @column thread_nametid Process name followed by the thread id
 * @column container_id Container id ('host' on the host)
 * @column fd_type fd type
 * @column fd_directory Directory of a file
 * @column fd_sport Server port of a socket
 * @column capture File name of the capture
 * @order evt_num
 */
SELECT e.evt_num, e.evt_rawtime, e.evt_rawtime - c.first_time AS evt_reltime,
  CASE WHEN e.evt_is_io_read THEN '<' ELSE '>' END AS io_dir, e.evt_rawres AS bytes,
  e.fd_num, e.fd_typechar, COALESCE(e.fd_name, '') AS fd_name,
  CAST(e.fd_num AS VARCHAR) || '(<' || e.fd_typechar || '>' || COALESCE(e.fd_name, '') || ')' AS fd_label,
  e.proc_name, e.container_name, e.evt_data AS data,
  render_dotted(e.evt_data) AS data_dotted, render_printable(e.evt_data) AS data_printable,
  render_hex(e.evt_data) AS data_hex,
  e.evt_type, e.proc_pid, e.thread_tid, e.thread_nametid, e.container_id, e.fd_type, e.fd_directory, e.fd_sport,
  e.capture
FROM inspect.view_events e
  JOIN (SELECT DISTINCT capture, first_time FROM inspect.tile_clock) c ON c.capture = e.capture
WHERE e.evt_dir = '<' AND (e.evt_is_io_read OR e.evt_is_io_write) AND e.evt_rawres > 0
  AND e.evt_buflen IS NOT NULL AND e.evt_data IS NOT NULL
