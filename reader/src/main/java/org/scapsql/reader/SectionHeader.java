package org.scapsql.reader;

import java.nio.ByteOrder;

/** The section header block that starts a capture (and every concatenated section). */
public record SectionHeader(int majorVersion, int minorVersion, long sectionLength, ByteOrder byteOrder,
    long offset) {}
