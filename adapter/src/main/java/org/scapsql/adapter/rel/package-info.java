/**
 * Planner pieces: the logical scan that records what was pushed into it, the
 * rules that push filters, projections and limits, the translation of SQL
 * predicates into reader tests, and the enumerable scan that runs.
 */
package org.scapsql.adapter.rel;
