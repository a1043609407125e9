/**
 * Analytics beyond plain means, for dealer managers (strengths and weak points, journey stages) and
 * brand executives (region comparison, fair rankings, segments, integrity flags, key drivers): the
 * formulas live in {@code io.pulse.index}; this package feeds them from Redis and PostgreSQL and
 * serves them.
 */
@NullMarked
package io.pulse.analytics;

import org.jspecify.annotations.NullMarked;
