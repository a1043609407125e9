/**
 * Sliding-window aggregates in Redis: time buckets per scope (dealer, brand × region cell) with
 * running totals per window, the ticker that slides them, the reconciler and rebuilds from
 * PostgreSQL. Counters only: what they mean is {@code io.pulse.figures}.
 */
@NullMarked
package io.pulse.window;

import org.jspecify.annotations.NullMarked;
