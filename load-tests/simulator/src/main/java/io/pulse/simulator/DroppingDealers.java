package io.pulse.simulator;

import io.pulse.api.Dealer;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The demo's falling dealers: they answer {@code --dropping-rate} times a minute each on top of
 * their usual traffic from the start of the live feed (so the backend's early-warning tests have a
 * baseline of 30 answers by then, whatever the history), and from {@code --drop-after} on their
 * answers are worse (every 1–5 answer a step lower, RECOMMEND three lower: the CSI about 25 points
 * down), so early warning (INDEX_DROP, DETRACTORS_RISE) fires within minutes while people watch.
 */
final class DroppingDealers {

  private final List<Dealer> dealers;
  private final Set<String> ids;
  private final Instant from;
  private final @Nullable RatePacer extra;
  private int next;

  DroppingDealers(
      SimulatedNetwork network,
      List<String> ids,
      Instant liveStart,
      Duration after,
      double perMinute,
      Duration maxCatchUp) {
    List<Dealer> known = new ArrayList<>();
    for (String id : ids) {
      network.dealers().stream().filter(d -> d.id().equals(id)).findFirst().ifPresent(known::add);
    }
    this.dealers = List.copyOf(known);
    this.ids = Set.copyOf(known.stream().map(Dealer::id).toList());
    this.from = liveStart.plus(after);
    this.extra =
        known.isEmpty() || perMinute <= 0
            ? null
            : new RatePacer(perMinute / 60 * known.size(), liveStart, maxCatchUp);
  }

  /** The dealers that fall (those of the list that exist in the network). */
  List<Dealer> dealers() {
    return dealers;
  }

  /** Whether the fall has begun at {@code now}. */
  boolean falling(Instant now) {
    return !dealers.isEmpty() && !now.isBefore(from);
  }

  /** The extra answers of these dealers due by {@code now}, worse once they fall. */
  List<FeedbackEvent> due(FeedbackGenerator generator, RandomGenerator rng, Instant now) {
    if (extra == null) {
      return List.of();
    }
    List<FeedbackEvent> events = new ArrayList<>();
    for (int i = extra.due(now); i > 0; i--) {
      Dealer d = dealers.get(next++ % dealers.size());
      events.add(apply(generator.next(d, rng, now), now));
    }
    return events;
  }

  /** The event as it is sent: worse if its dealer is falling at {@code now}. */
  FeedbackEvent apply(FeedbackEvent e, Instant now) {
    return falling(now) && ids.contains(e.dealerId()) ? worse(e) : e;
  }

  static FeedbackEvent worse(FeedbackEvent e) {
    Map<Parameter, Integer> scores = new EnumMap<>(Parameter.class);
    e.scores()
        .forEach(
            (p, v) -> scores.put(p, Math.max(p.min(), v - (p == Parameter.RECOMMEND ? 3 : 1))));
    return new FeedbackEvent(
        e.eventId(),
        e.dealerId(),
        e.stage(),
        e.occurredAt(),
        scores,
        e.comment(),
        e.channel(),
        e.customerRef());
  }
}
