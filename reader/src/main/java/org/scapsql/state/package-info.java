/**
 * The state a reader must track to give events their meaning, as libsinsp keeps
 * it: threads and processes, fd tables, users, containers, and the pairing of
 * enter and exit events.
 */
package org.scapsql.state;
