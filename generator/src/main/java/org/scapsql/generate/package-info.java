/**
 * The synthetic capture generator: a small simulated web host (nginx, PostgreSQL,
 * an ssh session, cron, a container) whose system calls are written through the
 * capture writer. The same seed gives the same bytes.
 */
package org.scapsql.generate;
