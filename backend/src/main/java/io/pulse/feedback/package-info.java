/**
 * Feedback ingest: parsing and validating events exactly as docs/domain.md defines them, storing
 * them durably and exactly once in PostgreSQL, and handing them to the aggregates.
 */
@NullMarked
package io.pulse.feedback;

import org.jspecify.annotations.NullMarked;
