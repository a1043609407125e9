package io.pulse.network;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of upserting one dealer; when the dealer moved to another brand or region, where it
 * was before, so the roll-ups it left can be rebuilt.
 */
public record DealerChange(
    String dealerId,
    UpsertOutcome outcome,
    @Nullable String previousBrandId,
    @Nullable String previousRegionId) {}
