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
public class ExecutivesSimulation extends ListenerSimulation {

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

  public ExecutivesSimulation() {
    super(ExecutivesSimulation::defaults);
  }

  {
    StreamRecorder recorder = recorder(StreamRecorder.Phases.NONE);

    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(Workloads.executives(config, network, config.users(), recorder, clock));
    populations.addAll(Workloads.backgroundIngest(config, new FeedbackEvents(skew)));
    populations.addAll(Workloads.streamsOpenCheck(config, config.users()));

    List<Assertion> assertions = new ArrayList<>();
    assertions.add(RunAssertions.noFailedRequest());
    assertions.add(RunAssertions.streamsHeld(config.users()));
    assertions.add(RunAssertions.p99Below(Workloads.ANALYTICS, config.bounds().analyticsMs()));
    assertions.addAll(RunAssertions.feedbackLatency(config));
    setUp(populations).assertions(assertions);
  }
}
