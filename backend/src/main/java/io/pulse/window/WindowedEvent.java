package io.pulse.window;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.index.Tally;
import java.time.Instant;
import java.util.Map;

/**
 * What the aggregates need of a stored feedback event.
 *
 * @param seq the event's gap-free sequence number within its dealer, assigned by PostgreSQL
 */
public record WindowedEvent(
    String dealerId,
    String brandId,
    String regionId,
    long seq,
    Instant occurredAt,
    Instant acceptedAt,
    JourneyStage stage,
    Map<Parameter, Integer> scores) {

  public WindowedEvent {
    scores = Map.copyOf(scores);
  }

  public AggregateScope.Dealer dealerScope() {
    return new AggregateScope.Dealer(dealerId);
  }

  public AggregateScope.Cell cellScope() {
    return new AggregateScope.Cell(brandId, regionId);
  }

  public Tally tally() {
    return Tally.ofAnswer(stage, scores);
  }
}
