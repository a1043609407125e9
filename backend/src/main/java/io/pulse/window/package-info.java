/**
 * Sliding-window aggregates in Redis: time buckets per scope (dealer, brand × region cell) with
 * running totals per window, the ticker that slides them, rebuild from PostgreSQL, and the read
 * side that turns them into index figures.
 */
@NullMarked
package io.pulse.window;

import org.jspecify.annotations.NullMarked;
