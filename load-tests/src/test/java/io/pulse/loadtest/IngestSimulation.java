package io.pulse.loadtest;

import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.pulse.loadtest.config.LoadConfig;
import io.pulse.loadtest.config.LoadConfig.Defaults;
import io.pulse.loadtest.config.LoadProfile;
import io.pulse.loadtest.config.Network;
import io.pulse.loadtest.config.Protocols;
import io.pulse.loadtest.config.RunClock;
import io.pulse.loadtest.feeders.DealerSkew;
import io.pulse.loadtest.feeders.FeedbackEvents;
import io.pulse.loadtest.requests.FeedbackRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Feedback ingest at a constant arrival rate: {@code pulse.rate} events/s in total, the share
 * {@code pulse.singleShare} (10 %) posted one by one ({@code POST /api/v1/feedback}) and the rest
 * in batches of {@code pulse.batch} ({@code POST /api/v1/feedback/batch}), Poisson arrivals after a
 * ramp of {@code pulse.ramp}, for {@code pulse.duration}. Arrivals do not wait for answers (an open
 * model), so a rate the backend cannot sustain shows as growing latency and fails the p99
 * assertions: run it at increasing rates, or with the stress profile, which climbs a staircase
 * ({@code pulse.stress.steps} levels of {@code pulse.stress.level}, {@code pulse.stress.step}
 * events/s more each), to find the sustainable rate.
 *
 * <p>Assertions: no failed request; p99 of single events and of batches below {@code
 * pulse.p99.requestMs}.
 */
public class IngestSimulation extends Simulation {

  private static final Duration STEP_RAMP = Duration.ofSeconds(5);

  private final LoadConfig config = LoadConfig.fromSystemProperties(IngestSimulation::defaults);
  private final RunClock clock = new RunClock();
  private final Duration length;

  /** Sizes per profile: events/s, events per batch, ramp, hold. */
  static Defaults defaults(LoadProfile profile) {
    return switch (profile) {
      case SMOKE -> new Defaults(0, 0, 50, 50, Duration.ofSeconds(5), Duration.ofSeconds(15));
      case CAPACITY ->
          new Defaults(0, 0, 5000, 100, Duration.ofSeconds(15), Duration.ofSeconds(60));
      case SOAK -> new Defaults(0, 0, 1000, 100, Duration.ofSeconds(60), Duration.ofHours(1));
      case STRESS -> new Defaults(0, 0, 2000, 100, Duration.ofSeconds(10), Duration.ofSeconds(60));
    };
  }

  {
    FeedbackEvents events = new FeedbackEvents(DealerSkew.over(Network.load(config), config));
    double singles = config.rate() * config.singleShare();
    double batches = config.rate() * (1 - config.singleShare()) / config.batch();
    boolean stress = config.profile() == LoadProfile.STRESS;
    LoadConfig.Stress stairs = config.stress();
    length =
        stress ? stairs.level().plus(STEP_RAMP).multipliedBy(stairs.steps() + 1) : config.total();

    List<PopulationBuilder> populations = new ArrayList<>();
    List<Assertion> assertions = new ArrayList<>();
    assertions.add(RunAssertions.noFailedRequest());
    if (singles > 0) {
      populations.add(
          scenario("Single events")
              .exec(FeedbackRequests.single(events))
              .injectOpen(arrivals(singles, stairs.step() * config.singleShare(), stress))
              .protocols(Protocols.ingest(config)));
      assertions.add(RunAssertions.p99Below(FeedbackRequests.SINGLE, config.bounds().requestMs()));
    }
    if (batches > 0) {
      populations.add(
          scenario("Batches of " + config.batch())
              .exec(FeedbackRequests.batch(events, config.batch()))
              .injectOpen(
                  arrivals(
                      batches, stairs.step() * (1 - config.singleShare()) / config.batch(), stress))
              .protocols(Protocols.ingest(config)));
      assertions.add(
          RunAssertions.p99Below(
              FeedbackRequests.batchName(config.batch()), config.bounds().requestMs()));
    }
    if (populations.isEmpty()) {
      throw new IllegalArgumentException("pulse.rate must be above 0 for the ingest simulation");
    }
    setUp(populations).assertions(assertions);
  }

  /** Requests per second: ramp then constant, or the stress staircase. */
  private OpenInjectionStep[] arrivals(double perSecond, double stepPerSecond, boolean stress) {
    if (!stress) {
      return Workloads.rate(perSecond, config.rampFeedbackFrom(), config.ramp(), config.hold());
    }
    LoadConfig.Stress stairs = config.stress();
    return new OpenInjectionStep[] {
      incrementUsersPerSec(stepPerSecond)
          .times(stairs.steps() + 1)
          .eachLevelLasting(stairs.level())
          .separatedByRampsLasting(STEP_RAMP)
          .startingFrom(perSecond)
    };
  }

  @Override
  public void before() {
    System.out.println("IngestSimulation: " + config.describe());
    if (config.profile() == LoadProfile.STRESS) {
      LoadConfig.Stress s = config.stress();
      System.out.printf(
          Locale.ROOT,
          "IngestSimulation: staircase %.0f, %.0f, … %.0f events/s, %d s each%n",
          config.rate(),
          config.rate() + s.step(),
          config.rate() + s.steps() * s.step(),
          s.level().toSeconds());
      clock.start(Duration.ZERO, length);
    } else {
      clock.start(config);
    }
  }
}
