/**
 * The Calcite adapter: schema {@code scap} over one or more captures. The events
 * and io_chunks tables are scans of the capture with pushed columns, predicates and
 * limits; the entity tables ({@code processes}, {@code fds}, ...) come from one
 * whole pass, cached per capture. Reading and state tracking live in the reader
 * module; this package only turns them into rows.
 */
package org.scapsql.adapter;
