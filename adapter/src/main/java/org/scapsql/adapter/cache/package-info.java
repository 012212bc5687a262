/**
 * The column cache: a compact columnar copy of a capture's events, written once by a
 * background pass and read by later queries from any process instead of the capture.
 * {@link org.scapsql.adapter.cache.ColumnCache} is the store, {@link org.scapsql.adapter.cache.CachedEvents}
 * the scan over it. Beside each capture's column file, under the same key, the store
 * keeps side files: the entity tables' {@code .ents}, which the entity package writes
 * and checks itself (the store names, places, publishes and evicts them).
 */
package org.scapsql.adapter.cache;
