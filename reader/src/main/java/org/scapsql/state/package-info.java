/**
 * The state a reader must track to give events their meaning, as libsinsp keeps
 * it: threads and processes, fd tables, users, containers, and the pairing of
 * enter and exit events. {@link org.scapsql.state.StateTracker} is the entry
 * point; the stores, the pairing, the deferred removals, the handler groups and
 * the per-dialect rules behind it are package-private.
 */
package org.scapsql.state;
