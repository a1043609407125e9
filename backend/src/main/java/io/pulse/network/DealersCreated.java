package io.pulse.network;

import java.util.List;

/**
 * Published after a load that created dealers: they have no events yet, so their aggregates can
 * start empty instead of being rebuilt from PostgreSQL on their first event.
 */
public record DealersCreated(List<String> dealerIds) {

  public DealersCreated {
    dealerIds = List.copyOf(dealerIds);
  }
}
