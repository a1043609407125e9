/**
 * Comment search: full-text search over feedback comments in Russian and English with the network,
 * journey and score filters, scoped to what the caller may see, personal data masked for everyone
 * but administrators.
 */
@NullMarked
package io.pulse.search;

import org.jspecify.annotations.NullMarked;
