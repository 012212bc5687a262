/**
 * The JDBC driver ({@code jdbc:scap:...}): URL parsing, a read-only connection
 * over schema {@code scap}, and the column remarks that DBeaver and other tools
 * show. Packaged as one shaded jar.
 */
package org.scapsql.driver;
