package io.pulse.api;

import org.jspecify.annotations.Nullable;

/** One dealership of one brand in one region: the unit a dealer manager's cabinet shows. */
public record Dealer(
    String id,
    String name,
    String brandId,
    String regionId,
    @Nullable String city,
    String timeZone) {}
