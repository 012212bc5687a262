/**
 * The binary capture reader: block framing, byte order, gzip, metadata blocks,
 * and events whose parameters are decoded lazily, only when asked for. Damage
 * gives a {@code CaptureFormatException} naming the file and byte offset.
 */
package org.scapsql.reader;
