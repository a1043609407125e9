/**
 * E-mail notifications: people subscribe with an address and the kinds they want; hot alerts,
 * escalations of overdue alerts, daily digests and weekly summaries are queued in a PostgreSQL
 * outbox and sent over SMTP, at least once, retried with backoff.
 */
@NullMarked
package io.pulse.notify;

import org.jspecify.annotations.NullMarked;
