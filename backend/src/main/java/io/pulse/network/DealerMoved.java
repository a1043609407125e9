package io.pulse.network;

/**
 * Published when a dealer changes brand or region: the roll-ups it left and joined must be rebuilt,
 * since its past events now count elsewhere.
 */
public record DealerMoved(
    String dealerId,
    String previousBrandId,
    String previousRegionId,
    String brandId,
    String regionId) {}
