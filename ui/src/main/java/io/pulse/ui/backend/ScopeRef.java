package io.pulse.ui.backend;

import org.jspecify.annotations.Nullable;

/**
 * What a set of figures is about, as the backend names it.
 *
 * @param kind {@code dealer}, {@code region}, {@code brand}, {@code cell} (brand × region) or
 *     {@code network}
 */
public record ScopeRef(
    String kind,
    @Nullable String id,
    @Nullable String name,
    @Nullable String brandId,
    @Nullable String regionId) {}
