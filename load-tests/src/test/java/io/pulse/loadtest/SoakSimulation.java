package io.pulse.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.pulse.loadtest.config.LoadConfig.Defaults;
import io.pulse.loadtest.config.LoadProfile;
import io.pulse.loadtest.config.Protocols;
import io.pulse.loadtest.feeders.FeedbackEvents;
import io.pulse.loadtest.requests.ServerRequests;
import io.pulse.loadtest.streams.StreamRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hours at moderate load: {@code pulse.users} dealer cabinets and {@code pulse.executives}
 * executives on live streams while feedback arrives at {@code pulse.rate} events/s, for {@code
 * pulse.duration} (2 h in the soak profile). Memory and latency must stay flat: a monitor reads
 * each backend's live heap after GC every {@code pulse.monitorInterval} and fails when it exceeds
 * its first reading after warm-up × {@code pulse.heapGrowthMax} (+ 64 MB); the event-to-screen
 * latency is also recorded separately for events of the first and of the last third of the steady
 * state, and both must keep p99 below the bound.
 *
 * <p>Assertions: those of the cabinets and executives simulations, the two thirds' p99, and no
 * failed heap reading.
 */
public class SoakSimulation extends ListenerSimulation {

  /** Series of the first third of the steady state. */
  static final String FIRST_THIRD = StreamRecorder.EVENT_TO_SCREEN + " (first third)";

  /** Series of the last third of the steady state. */
  static final String LAST_THIRD = StreamRecorder.EVENT_TO_SCREEN + " (last third)";

  /** Sizes per profile: cabinets, executives, events/s, events per request, ramp, hold. */
  static Defaults defaults(LoadProfile profile) {
    return switch (profile) {
      case SMOKE -> new Defaults(100, 10, 20, 10, Duration.ofSeconds(5), Duration.ofSeconds(20));
      case CAPACITY ->
          new Defaults(5_000, 200, 500, 10, Duration.ofSeconds(120), Duration.ofHours(1));
      case SOAK -> new Defaults(2_000, 100, 200, 10, Duration.ofSeconds(60), Duration.ofHours(2));
      case STRESS ->
          new Defaults(10_000, 500, 1000, 10, Duration.ofSeconds(180), Duration.ofHours(1));
    };
  }

  public SoakSimulation() {
    super(SoakSimulation::defaults);
  }

  {
    long holdStart = config.ramp().toMillis();
    long third = config.hold().toMillis() / 3;
    StreamRecorder recorder =
        recorder(acceptedAt -> {
          long t = acceptedAt - clock.startedAt() - holdStart;
          return t < 0 ? null : t < third ? FIRST_THIRD : t >= 2 * third ? LAST_THIRD : null;
        });

    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(Workloads.cabinets(config, skew.byRank(), recorder, clock));
    if (config.executives() > 0) {
      populations.add(Workloads.executives(config, network, config.executives(), recorder, clock));
    }
    populations.addAll(Workloads.backgroundIngest(config, new FeedbackEvents(skew)));
    populations.addAll(Workloads.streamsOpenCheck(config, config.users(), config.executives()));
    if (config.serverMetrics()) {
      Map<String, Double> baselines = ServerRequests.newBaselines();
      Duration warmUp = config.ramp().plus(min(Duration.ofMinutes(10), config.hold().dividedBy(4)));
      populations.add(
          scenario("Backend monitor")
              .feed(Workloads.serverFeeder(config))
              .exec(clock.fixUntil(config.total()))
              .exec(
                  during(clock.until(config.total()))
                      .on(
                          exec(ServerRequests.liveHeap(
                                  baselines,
                                  config.heapGrowthMax(),
                                  () -> clock.startedAt() + warmUp.toMillis()))
                              .pause(config.monitorInterval())))
              .injectOpen(atOnceUsers(config.baseUrls().size()))
              .protocols(Protocols.monitor(config)));
    }

    List<Assertion> assertions = new ArrayList<>();
    assertions.add(RunAssertions.noFailedRequest());
    assertions.add(RunAssertions.streamsHeld(config.users() + config.executives()));
    if (config.executives() > 0) {
      assertions.add(RunAssertions.p99Below(Workloads.ANALYTICS, config.bounds().analyticsMs()));
    }
    assertions.addAll(RunAssertions.feedbackLatency(config, FIRST_THIRD, LAST_THIRD));
    setUp(populations).assertions(assertions);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
