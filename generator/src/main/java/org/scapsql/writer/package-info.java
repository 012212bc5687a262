/**
 * The capture writer: section, metadata and event blocks as current writers lay
 * them out, each event checked against the event table, optionally gzip-compressed.
 */
package org.scapsql.writer;
