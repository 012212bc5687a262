/**
 * The Spark data source {@code scap} (DataSource V2): the tables of schema {@code scap}
 * read in place from capture files, one task per file, with the columns and filters a
 * query needs pushed into the adapter's scan. See {@code docs/spark.md}.
 */
package org.scapsql.spark;
