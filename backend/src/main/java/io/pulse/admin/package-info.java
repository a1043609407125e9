/** Operations for admins: rebuilding the aggregates, ingest API keys, the audit log. */
@NullMarked
package io.pulse.admin;

import org.jspecify.annotations.NullMarked;
