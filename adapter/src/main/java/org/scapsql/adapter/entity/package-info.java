/**
 * Entity tables: one pass over a capture records every process, thread and fd
 * lifetime with its I/O ({@code EntityPass}); the result is cached per capture
 * (path, size, modification time) so later queries do not rescan.
 */
package org.scapsql.adapter.entity;
