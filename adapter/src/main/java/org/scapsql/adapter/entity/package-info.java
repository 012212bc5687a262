/**
 * Entity tables: one pass over a capture records every process, thread and fd
 * lifetime with its I/O ({@code EntityPass}); the result is kept per capture
 * (path, size, modification time) so later queries in the JVM do not rescan, and
 * written to the column cache ({@code EntityFile}) so later processes do not either.
 */
package org.scapsql.adapter.entity;
