package io.pulse.api;

/** Where a dealer stands in its region (docs/domain.md, "Segments"). */
public enum Segment {
  /** Top quartile of the region by shrunk CSI, enough answers, no integrity flag. */
  BENCHMARK,
  /** CSI significantly below the region's. */
  WEAK,
  /** Too few answers: the dealer does not collect feedback. */
  LOW_ENGAGEMENT,
  /** Everyone else. */
  STABLE
}
