/**
 * The sampling clock of Inspect's overview: one row per native timeline sample,
 * with when it starts, how long it lasts and when its gauges are read.
 *
 * sysdig's wsysdig_summary chisel samples the capture at a fixed sample_period
 * P = floor(D / 399) from the first event (D: first to last event): 400 samples, the
 * last one running to the last event; a capture shorter than 399 ns has a single
 * sample. The chisel closes a sample when the first event at or after its end
 * arrives, and reads the gauges (running processes, containers) from the state as
 * it is then: the thread table holds the threads of the capture's process list, the
 * threads created since, and each thread first met at one of its events from that
 * event on; an exited thread leaves it at the event after its procexit.
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
 * @column running_processes Processes (main threads) in sysdig's thread table when the sample closes (Running Processes)
 * @column processes_seen Different processes counted so far, this sample included (the Running Processes total at the last sample)
 * @java Computed once per capture file by the Java class OverviewPass, from the event headers and the
 * state tracker's thread table, in the same reading as inspect.tile_totals: every overview and timeline
 * query reads it several times, and a thread first met mid-capture enters sysdig's table at its first
 * event, which no table under the views says.
 */
