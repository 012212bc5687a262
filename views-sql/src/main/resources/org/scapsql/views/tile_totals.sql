/**
 * Each event tile's total over the whole capture: what `inspect.tile_events` adds
 * up, one row per tile (the overview's totals, before the gauges).
 *
 * Rows for the distinct tiles (Accessed Files, Active Network Connections, ...)
 * count different keys, as `inspect.key_count` over the tile's key column does.
 * Two kinds of row carry an item: `protocol_bytes:<protocol>` the protocol (the
 * "<protocol> Bytes" tiles, for every protocol `port_protocol` names, shown or not),
 * `docker_events:<name>` the docker event's name. `new_listening_ports` has one row
 * per port a successful bind bound, the port in `item` and the binds on it in
 * `total` (the Listening Ports gauge counts those ports); a capture without such a
 * bind has one row with a NULL item and 0.
 *
 * @title Tile totals
 * @csysdig wsysdig_summary (totals)
 * @key capture, tile, item
 * @column capture File name of the capture
 * @column tile The tile's id, as in inspect.tiles (file_bytes, accessed_files, protocol_bytes:HTTP, docker_events:start, ...)
 * @column item The protocol, docker event name or bound port the row is about, or NULL
 * @column total The tile's total: events, bytes or different keys
 * @java Computed by the Java class OverviewPass (TileCounter holds the rules, those of tile_events.sql)
 * in the reading that gives inspect.tile_clock: the overview reads its capture once, instead of pushing
 * every event through some forty SQL expressions. The tests check it against tile_events on every
 * capture.
 */
