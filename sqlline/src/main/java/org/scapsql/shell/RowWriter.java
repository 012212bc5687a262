package org.scapsql.shell;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Prints a result set in one format, streaming where the format allows. */
interface RowWriter {
  /** Prints every remaining row of {@code rs}; returns the number of rows. */
  long write(ResultSet rs) throws SQLException;
}
