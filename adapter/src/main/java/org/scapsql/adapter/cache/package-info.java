/**
 * The column cache: a compact columnar copy of a capture's events, written once by a
 * background pass and read by later queries from any process instead of the capture.
 * {@link org.scapsql.adapter.cache.ColumnCache} is the store, {@link org.scapsql.adapter.cache.CachedEvents}
 * the scan over it. Beside each capture's column file, under the same key, the store
 * keeps side files ({@link org.scapsql.adapter.cache.SideFile}): the entity tables'
 * {@code .ents}, whose payload the entity package encodes.
 */
package org.scapsql.adapter.cache;
