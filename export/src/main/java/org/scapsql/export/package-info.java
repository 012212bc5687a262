/**
 * {@code scapsql export}: the tables of schema {@code scap} (or one query's result) as
 * Parquet files partitioned by host and date, for engines that read a fleet's captures
 * at once (DuckDB, Trino, Spark, Athena). {@link org.scapsql.export.Exporter} plans and
 * runs an export; {@link org.scapsql.export.PartWriter} and
 * {@link org.scapsql.export.RowWriteSupport} write rows of any column list, so other
 * code can write Parquet the same way.
 */
package org.scapsql.export;
