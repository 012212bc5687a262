/**
 * The command line: the SQLLine shell, {@code -e} with its output formats, and
 * the dispatch to the other commands.
 */
package org.scapsql.shell;
