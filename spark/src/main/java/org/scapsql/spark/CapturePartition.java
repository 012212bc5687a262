package org.scapsql.spark;

import org.apache.spark.sql.connector.read.InputPartition;

/** One capture file: the unit of work of a scan, read by one task. */
record CapturePartition(String path) implements InputPartition {
  private static final long serialVersionUID = 1L;
}
