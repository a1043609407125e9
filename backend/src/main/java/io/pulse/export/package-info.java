/**
 * Exports: feedback and search results as CSV or XLSX files, streamed as rows arrive from
 * PostgreSQL, scoped and masked exactly like the reads they come from.
 */
@NullMarked
package io.pulse.export;

import org.jspecify.annotations.NullMarked;
