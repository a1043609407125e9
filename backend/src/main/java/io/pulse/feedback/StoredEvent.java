package io.pulse.feedback;

import java.util.UUID;

/** An event this request stored for the first time, with its per-dealer sequence number. */
record StoredEvent(UUID eventId, String dealerId, long seq) {}
