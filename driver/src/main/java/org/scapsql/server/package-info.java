/**
 * The Avatica server: serves the captures it was started with, read-only, to
 * remote JDBC clients; a client cannot make it open any other file.
 */
package org.scapsql.server;
