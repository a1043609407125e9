package io.pulse.stream;

/** What an index stream watches. */
sealed interface StreamTarget {

  /** One dealer: its own aggregates. */
  record Dealer(String dealerId) implements StreamTarget {}

  /** A region: the sum of its brand × region cells. */
  record Region(String regionId) implements StreamTarget {}

  /** A brand: the sum of its cells. */
  record Brand(String brandId) implements StreamTarget {}

  /** One brand in one region: a single cell. */
  record BrandRegion(String brandId, String regionId) implements StreamTarget {}

  /** The whole network: every cell. */
  record Network() implements StreamTarget {}
}
