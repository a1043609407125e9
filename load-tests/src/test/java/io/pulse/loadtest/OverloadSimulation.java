package io.pulse.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.pulse.loadtest.config.LoadConfig.Defaults;
import io.pulse.loadtest.config.LoadProfile;
import io.pulse.loadtest.config.Protocols;
import io.pulse.loadtest.feeders.FeedbackEvents;
import io.pulse.loadtest.requests.IngestOutcomes;
import io.pulse.loadtest.streams.StreamRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Overload: does the backend shed load, or collapse? {@code pulse.users} cabinets on live streams
 * while feedback arrives at {@code pulse.rate} events/s (what the box sustains); after the ramp and
 * {@code pulse.overload.before} of that, the feedback rises to {@code pulse.overload.factor} times
 * the rate for {@code pulse.duration}, then falls back to the rate for {@code
 * pulse.overload.after}. Every batch is recorded as accepted (200), shed (503 overloaded, 429) or
 * failed ({@link IngestOutcomes}), and event-to-screen latency by phase: {@value #BEFORE}, {@value
 * #OVERLOAD}, {@value #RECOVERING} (the first 30 s after the overload) and {@value #RECOVERED}.
 *
 * <p>Assertions (the floor of issue #13): no failed request (only 200, 503 overloaded and 429, and
 * nothing shed before the overload or from 30 s after it); every stream opened and held to the end;
 * accepted batches' p99 below {@code pulse.p99.requestMs} during the overload; and from 30 s after
 * it, back to normal: accepted p99 and event-to-screen p99 below their bounds.
 */
public class OverloadSimulation extends ListenerSimulation {

  static final String BEFORE = "before";
  static final String OVERLOAD = "overload";
  static final String RECOVERING = "recovering";
  static final String RECOVERED = "recovered";
  static final Duration SETTLE = Duration.ofSeconds(30);

  private final double factor =
      Double.parseDouble(System.getProperty("pulse.overload.factor", "2"));
  private final Duration before =
      Duration.parse(System.getProperty("pulse.overload.before", "PT" + defaultBefore() + "S"));
  private final Duration after =
      Duration.parse(System.getProperty("pulse.overload.after", "PT" + defaultAfter() + "S"));
  private final IngestOutcomes outcomes;

  /**
   * Sizes per profile: cabinets, events/s (the sustainable rate), events per request, ramp, hold.
   */
  static Defaults defaults(LoadProfile profile) {
    return switch (profile) {
      case SMOKE -> new Defaults(200, 0, 50, 10, Duration.ofSeconds(5), Duration.ofSeconds(15));
      case CAPACITY, SOAK ->
          new Defaults(10_000, 0, 1000, 10, Duration.ofSeconds(120), Duration.ofMinutes(5));
      case STRESS ->
          new Defaults(10_000, 0, 1000, 10, Duration.ofSeconds(120), Duration.ofMinutes(10));
    };
  }

  public OverloadSimulation() {
    super(OverloadSimulation::defaults);
  }

  private long defaultBefore() {
    return config.profile() == LoadProfile.SMOKE ? 10 : 60;
  }

  private long defaultAfter() {
    return config.profile() == LoadProfile.SMOKE ? 40 : 90;
  }

  {
    Duration overloadStart = config.ramp().plus(before);
    Duration overloadEnd = overloadStart.plus(config.hold());
    StreamRecorder.Phases phases =
        at -> {
          long t = at - clock.startedAt();
          if (t < config.ramp().toMillis()) {
            return null;
          }
          if (t < overloadStart.toMillis()) {
            return BEFORE;
          }
          if (t < overloadEnd.toMillis()) {
            return OVERLOAD;
          }
          return t < overloadEnd.plus(SETTLE).toMillis() ? RECOVERING : RECOVERED;
        };
    outcomes = new IngestOutcomes(phases, Set.of(BEFORE, RECOVERED));
    StreamRecorder recorder = recorder(eventToScreen(phases));

    FeedbackEvents events = new FeedbackEvents(skew);
    double perSecond = config.rate() / config.batch();
    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(Workloads.cabinets(config, skew.byRank(), recorder, clock, end()));
    populations.add(
        scenario("Feedback")
            .exec(outcomes.offer(events, config.batch()))
            .exec(outcomes.record(config.batch()))
            .injectOpen(
                constantUsersPerSec(perSecond).during(overloadStart).randomized(),
                constantUsersPerSec(perSecond * factor).during(config.hold()).randomized(),
                constantUsersPerSec(perSecond).during(after).randomized())
            .protocols(Protocols.ingest(config)));
    populations.addAll(Workloads.streamsOpenCheck(config, end(), config.users()));

    long requestMs = config.bounds().requestMs();
    List<Assertion> assertions = new ArrayList<>();
    assertions.add(RunAssertions.noFailedRequest());
    assertions.addAll(RunAssertions.cabinetsHeld(config.users()));
    assertions.add(RunAssertions.p99Below(accepted(OVERLOAD), requestMs));
    assertions.add(RunAssertions.p99Below(accepted(RECOVERED), requestMs));
    assertions.add(
        RunAssertions.p99Below(
            StreamRecorder.EVENT_TO_SCREEN + " (" + RECOVERED + ")",
            config.bounds().eventToScreenMs()));
    setUp(populations).assertions(assertions);
  }

  private static String accepted(String phase) {
    return IngestOutcomes.ACCEPTED + " (" + phase + ")";
  }

  /** The event-to-screen series per phase ({@code event-to-screen (overload)} …). */
  private static StreamRecorder.Phases eventToScreen(StreamRecorder.Phases phases) {
    return at -> {
      String phase = phases.phaseOf(at);
      return phase == null ? null : StreamRecorder.EVENT_TO_SCREEN + " (" + phase + ")";
    };
  }

  /** Ramp, the base rate, the overload and the recovery: the cabinets stay through all of it. */
  @Override
  Duration end() {
    return config.ramp().plus(before).plus(config.hold()).plus(after);
  }

  @Override
  String settings() {
    return super.settings()
        + String.format(
            Locale.ROOT,
            "; overload %.1f x for %s after %s, then %s at the base rate",
            factor,
            config.hold(),
            before,
            after);
  }

  @Override
  String outcome() {
    return super.outcome() + "; " + outcomes.summary();
  }
}
