package io.pulse.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.pulse.loadtest.config.LoadConfig.Defaults;
import io.pulse.loadtest.config.LoadProfile;
import io.pulse.loadtest.feeders.FeedbackEvents;
import io.pulse.loadtest.streams.StreamRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dealer cabinets on live streams while feedback pours in: {@code pulse.users} cabinets (default
 * 10,000 in the capacity profile) ramp in over {@code pulse.ramp}, each opens its dealer's index
 * stream ({@code /api/v1/stream/dealers/{id}?window=24h}), checks the snapshot and listens until
 * ramp + {@code pulse.duration}; meanwhile feedback is posted at {@code pulse.rate} events/s (in
 * requests of {@code pulse.batch}) over all dealers with a Zipf–Mandelbrot skew. Every update that
 * carries a newer event becomes an {@value StreamRecorder#EVENT_TO_SCREEN} sample.
 *
 * <p>Assertions: no failed request; every stream connected and held to the end; event-to-screen p99
 * below {@code pulse.p99.eventToScreenMs}; stream-open (snapshot shown) p99 below {@code
 * pulse.p99.connectMs}; ingest p99 below {@code pulse.p99.requestMs}; and, from the backends' own
 * metrics, at least their share of streams open near the end.
 */
public class CabinetsSimulation extends ListenerSimulation {

  /** Sizes per profile: cabinets, events/s, events per request, ramp, hold. */
  static Defaults defaults(LoadProfile profile) {
    return switch (profile) {
      case SMOKE -> new Defaults(200, 0, 50, 10, Duration.ofSeconds(5), Duration.ofSeconds(25));
      case CAPACITY ->
          new Defaults(10_000, 0, 1000, 10, Duration.ofSeconds(120), Duration.ofMinutes(5));
      case SOAK -> new Defaults(2_000, 0, 200, 10, Duration.ofSeconds(60), Duration.ofHours(2));
      case STRESS ->
          new Defaults(20_000, 0, 2000, 10, Duration.ofSeconds(240), Duration.ofMinutes(5));
    };
  }

  public CabinetsSimulation() {
    super(CabinetsSimulation::defaults);
  }

  {
    StreamRecorder recorder = recorder(StreamRecorder.Phases.NONE);

    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(Workloads.cabinets(config, skew.byRank(), recorder, clock));
    populations.addAll(Workloads.backgroundIngest(config, new FeedbackEvents(skew)));
    populations.addAll(Workloads.streamsOpenCheck(config, config.users()));

    List<Assertion> assertions = new ArrayList<>();
    assertions.add(RunAssertions.noFailedRequest());
    assertions.addAll(RunAssertions.cabinetsHeld(config.users()));
    assertions.add(RunAssertions.p99Below(Workloads.DEALER_STREAM, config.bounds().connectMs()));
    assertions.addAll(RunAssertions.feedbackLatency(config));
    setUp(populations).assertions(assertions);
  }

  /** The cabinets open on the busiest dealers: how busy they are says how hard the run is. */
  @Override
  String settings() {
    return super.settings()
        + System.lineSeparator()
        + String.format(
            Locale.ROOT,
            "feedback skew: busiest dealer %.1f %%, top 20 %% of %d dealers %.0f %% of all events",
            100 * skew.shareOfTop(1.0 / skew.byRank().size()),
            skew.byRank().size(),
            100 * skew.shareOfTop(0.2));
  }
}
