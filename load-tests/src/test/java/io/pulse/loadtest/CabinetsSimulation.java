package io.pulse.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.pulse.loadtest.config.LoadConfig;
import io.pulse.loadtest.config.LoadConfig.Defaults;
import io.pulse.loadtest.config.LoadProfile;
import io.pulse.loadtest.config.Network;
import io.pulse.loadtest.config.RunClock;
import io.pulse.loadtest.feeders.DealerSkew;
import io.pulse.loadtest.feeders.FeedbackEvents;
import io.pulse.loadtest.requests.FeedbackRequests;
import io.pulse.loadtest.streams.StreamRecorder;
import io.pulse.loadtest.streams.StreamTotals;
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
public class CabinetsSimulation extends Simulation {

  private final LoadConfig config = LoadConfig.fromSystemProperties(CabinetsSimulation::defaults);
  private final RunClock clock = new RunClock();
  private final StreamTotals totals = new StreamTotals();
  private final DealerSkew skew;

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

  {
    Network network = Network.load(config);
    skew =
        new DealerSkew(
            network.dealers().stream().map(Network.NetworkDealer::id).toList(),
            config.skew(),
            config.seed());
    StreamRecorder recorder =
        new StreamRecorder(
            totals, StreamRecorder.Phases.NONE, true, () -> clock.after(config.ramp()));

    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(Workloads.cabinets(config, skew.byRank(), recorder, clock));
    populations.addAll(Workloads.backgroundIngest(config, new FeedbackEvents(skew)));
    populations.addAll(Workloads.streamsOpenCheck(config, config.users()));

    List<Assertion> assertions = new ArrayList<>();
    assertions.add(global().failedRequests().count().is(0L));
    assertions.add(
        details(Workloads.DEALER_STREAM).successfulRequests().count().is((long) config.users()));
    assertions.add(
        details(StreamRecorder.STREAM_HELD).successfulRequests().count().is((long) config.users()));
    assertions.add(
        details(Workloads.DEALER_STREAM)
            .responseTime()
            .percentile(99.0)
            .lt((int) config.bounds().connectMs()));
    if (config.rate() > 0) {
      assertions.add(
          details(StreamRecorder.EVENT_TO_SCREEN)
              .responseTime()
              .percentile(99.0)
              .lt((int) config.bounds().eventToScreenMs()));
      assertions.add(
          details(FeedbackRequests.postName(config.batch()))
              .responseTime()
              .percentile(99.0)
              .lt((int) config.bounds().requestMs()));
    }
    setUp(populations).assertions(assertions);
  }

  @Override
  public void before() {
    System.out.println("CabinetsSimulation: " + config.describe());
    System.out.printf(
        Locale.ROOT,
        "feedback skew: busiest dealer %.1f %%, top 20 %% of %d dealers %.0f %% of all events%n",
        100 * skew.shareOfTop(1.0 / skew.byRank().size()),
        skew.byRank().size(),
        100 * skew.shareOfTop(0.2));
    clock.start(config);
  }

  @Override
  public void after() {
    System.out.println("CabinetsSimulation: " + totals.summary());
  }
}
