package io.pulse.api;

import org.jspecify.annotations.Nullable;

/**
 * What a set of figures is about, as the API shows it.
 *
 * @param kind dealer, region, brand, brand-region or network
 */
public record ScopeRef(
    String kind,
    @Nullable String id,
    @Nullable String name,
    @Nullable String brandId,
    @Nullable String regionId) {}
