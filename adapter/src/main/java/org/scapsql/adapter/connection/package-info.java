/**
 * How a scapsql connection is built: the one factory ({@link
 * org.scapsql.adapter.connection.ScapConnections}) that sets the schema, the
 * lexical settings and the function libraries, the extension point through which
 * other modules add functions and views, and the Calcite hooks that give
 * metadata calls their remarks.
 */
package org.scapsql.adapter.connection;
