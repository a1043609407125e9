package io.pulse.window;

import io.pulse.api.Dealer;
import io.pulse.api.NetworkIds;

/**
 * Something Redis keeps aggregates for. Dealers are kept for themselves; brand × region cells are
 * the unit of every roll-up (a region, a brand and the network are sums of cells).
 */
public sealed interface AggregateScope {

  /**
   * The Redis Cluster hash tag of the scope: every key of one scope carries it, so one scope's keys
   * share a slot and a Lua script can update them atomically.
   */
  String tag();

  /** A dealer's own aggregates. */
  record Dealer(String dealerId) implements AggregateScope {
    @Override
    public String tag() {
      return "d:" + dealerId;
    }
  }

  /** The aggregates of all dealers of one brand in one region. */
  record Cell(String brandId, String regionId) implements AggregateScope {
    @Override
    public String tag() {
      return "c:" + brandId + ":" + regionId;
    }
  }

  /**
   * Parses a {@link #tag()} back, or throws if it is not one. Ids are held to {@link NetworkIds}
   * (no ':'), so the split is exact, and a tag that breaks the rule is refused here rather than
   * made into a scope.
   */
  static AggregateScope fromTag(String tag) {
    String[] parts = tag.split(":", -1);
    if (parts.length == 2 && parts[0].equals("d") && NetworkIds.isValid(parts[1])) {
      return new Dealer(parts[1]);
    }
    if (parts.length == 3
        && parts[0].equals("c")
        && NetworkIds.isValid(parts[1])
        && NetworkIds.isValid(parts[2])) {
      return new Cell(parts[1], parts[2]);
    }
    throw new IllegalArgumentException("not a scope tag: " + tag);
  }
}
