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

/**
 * Brand and regional executives: {@code pulse.users} executives (500 in the capacity profile) each
 * hold the live stream of their scope (brand × region, brand, region or the network) and call their
 * dashboard's analytics every {@code pulse.thinkMin}–{@code pulse.thinkMax} while feedback arrives
 * at {@code pulse.rate} events/s. The mix is in {@link io.pulse.loadtest.feeders.Executives}.
 *
 * <p>Assertions: no failed request; every stream connected and held; event-to-screen p99 below
 * {@code pulse.p99.eventToScreenMs}; analytics p99 below {@code pulse.p99.analyticsMs}; ingest p99
 * below {@code pulse.p99.requestMs}.
 */
public class ExecutivesSimulation extends Simulation {

  private final LoadConfig config = LoadConfig.fromSystemProperties(ExecutivesSimulation::defaults);
  private final RunClock clock = new RunClock();
  private final StreamTotals totals = new StreamTotals();

  /** Sizes per profile: executives, events/s, events per request, ramp, hold. */
  static Defaults defaults(LoadProfile profile) {
    return switch (profile) {
      case SMOKE -> new Defaults(20, 0, 50, 10, Duration.ofSeconds(5), Duration.ofSeconds(20));
      case CAPACITY ->
          new Defaults(500, 0, 1000, 10, Duration.ofSeconds(60), Duration.ofMinutes(5));
      case SOAK -> new Defaults(100, 0, 200, 10, Duration.ofSeconds(60), Duration.ofHours(2));
      case STRESS ->
          new Defaults(2000, 0, 2000, 10, Duration.ofSeconds(120), Duration.ofMinutes(5));
    };
  }

  {
    Network network = Network.load(config);
    DealerSkew skew =
        new DealerSkew(
            network.dealers().stream().map(Network.NetworkDealer::id).toList(),
            config.skew(),
            config.seed());
    StreamRecorder recorder =
        new StreamRecorder(
            totals, StreamRecorder.Phases.NONE, true, () -> clock.after(config.ramp()));

    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(Workloads.executives(config, network, config.users(), recorder, clock));
    populations.addAll(Workloads.backgroundIngest(config, new FeedbackEvents(skew)));
    populations.addAll(Workloads.streamsOpenCheck(config, config.users()));

    long executives = config.users();
    List<Assertion> assertions = new ArrayList<>();
    assertions.add(global().failedRequests().count().is(0L));
    assertions.add(details(StreamRecorder.STREAM_HELD).successfulRequests().count().is(executives));
    assertions.add(
        details(Workloads.ANALYTICS)
            .responseTime()
            .percentile(99.0)
            .lt((int) config.bounds().analyticsMs()));
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
    System.out.println("ExecutivesSimulation: " + config.describe());
    clock.start(config);
  }

  @Override
  public void after() {
    System.out.println("ExecutivesSimulation: " + totals.summary());
  }
}
