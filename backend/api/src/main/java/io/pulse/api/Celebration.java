package io.pulse.api;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A promoter who wrote a comment: someone to thank. Not an alert: no SLA, counted apart.
 *
 * @param comment the customer's words, masked for all but admins; untrusted, escape wherever shown
 * @param thankedBy who thanked them (null: not yet)
 */
public record Celebration(
    UUID eventId,
    String dealerId,
    JourneyStage stage,
    Instant occurredAt,
    int recommend,
    String comment,
    @Nullable String thankedBy,
    @Nullable Instant thankedAt) {}
