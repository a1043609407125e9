package io.pulse.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.uniformRandomSwitch;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.pulse.loadtest.config.Auth;
import io.pulse.loadtest.config.LoadConfig;
import io.pulse.loadtest.config.Network;
import io.pulse.loadtest.config.Protocols;
import io.pulse.loadtest.config.RunClock;
import io.pulse.loadtest.config.Tokens;
import io.pulse.loadtest.feeders.Executives;
import io.pulse.loadtest.feeders.FeedbackEvents;
import io.pulse.loadtest.requests.AnalyticsRequests;
import io.pulse.loadtest.requests.FeedbackRequests;
import io.pulse.loadtest.requests.ServerRequests;
import io.pulse.loadtest.requests.StreamRequests;
import io.pulse.loadtest.streams.StreamRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The building blocks the simulations share: cabinets, background ingest, server checks. */
final class Workloads {

  /** Suffix of the requests made while listeners still arrive (kept out of the assertions). */
  static final String DURING_RAMP = " (during ramp)";

  /** Report name of a dealer cabinet's stream. */
  static final String DEALER_STREAM = "GET /stream/dealers/{id}";

  private Workloads() {}

  /**
   * Dealer cabinets: each opens its dealer's index stream, checks the snapshot, listens until ramp
   * + hold, checks the stream held, closes. Cabinet i watches {@code watchOrder[i]}, round the
   * list: pass the dealers busiest first, so that with fewer cabinets than dealers the open ones
   * are the busy ones (the most updates per stream: the worst case).
   */
  static PopulationBuilder cabinets(
      LoadConfig config, List<String> watchOrder, StreamRecorder recorder, RunClock clock) {
    return cabinets(config, watchOrder, recorder, clock, config.total());
  }

  /** As above, listening until {@code end} after the start instead of ramp + hold. */
  static PopulationBuilder cabinets(
      LoadConfig config,
      List<String> watchOrder,
      StreamRecorder recorder,
      RunClock clock,
      Duration end) {
    // Each manager's token is minted here, before the run: signing is the load generator's
    // work, and done during the ramp it would take CPU from the backend under test.
    Tokens tokens = config.auth().tokens();
    List<Map<String, Object>> dealers = new ArrayList<>();
    for (String id : watchOrder) {
      dealers.add(
          tokens == null
              ? Map.of("dealerId", id)
              : Map.of("dealerId", id, Auth.ATTRIBUTE, tokens.dealerManager(id)));
    }
    ScenarioBuilder cabinets =
        scenario("Dealer cabinets")
            .feed(listFeeder(dealers).circular())
            .exec(
                StreamRequests.open(
                    DEALER_STREAM,
                    session ->
                        "/api/v1/stream/dealers/"
                            + session.getString("dealerId")
                            + "?window="
                            + config.window(),
                    config.connectTimeout()))
            .exec(StreamRequests.listen(recorder, clock, end, config.drainInterval()))
            .exec(StreamRequests.close(recorder));
    return cabinets
        .injectOpen(arrive(config.users(), config.ramp()))
        .protocols(Protocols.listeners(config));
  }

  /**
   * With per-user tokens, gives the arriving listener its own {@code Authorization} ({@link
   * Auth#ATTRIBUTE}), minted on arrival (for the few executives; cabinets get theirs from the
   * feeder). Otherwise nothing.
   */
  static ChainBuilder signIn(LoadConfig config, BiFunction<Tokens, Session, String> mint) {
    Tokens tokens = config.auth().tokens();
    if (tokens == null) {
      return exec(session -> session);
    }
    return exec(session -> session.set(Auth.ATTRIBUTE, mint.apply(tokens, session)));
  }

  /** Group of the executives' API calls: the report and the assertions look at it as one. */
  static final String ANALYTICS = "analytics";

  /**
   * Executives ({@link Executives} says who watches what): each opens the stream of their scope
   * and, until ramp + hold, pauses {@code pulse.thinkMin}–{@code pulse.thinkMax}, records what the
   * stream showed and calls one of their dashboard's API requests, in the group {@value
   * #ANALYTICS}.
   */
  static PopulationBuilder executives(
      LoadConfig config, Network network, int count, StreamRecorder recorder, RunClock clock) {
    ChainBuilder call =
        doSwitch("#{kind}")
            .on(
                onCase("CELL")
                    .then(
                        uniformRandomSwitch()
                            .on(
                                AnalyticsRequests.regionDealersOfBrand(),
                                AnalyticsRequests.brandSegmentsInRegion(),
                                AnalyticsRequests.dealerAnalysis(),
                                AnalyticsRequests.cellIndex())),
                onCase("BRAND")
                    .then(
                        uniformRandomSwitch()
                            .on(
                                AnalyticsRequests.brandRegions(),
                                AnalyticsRequests.brandDrivers(),
                                AnalyticsRequests.brandIntegrity(),
                                AnalyticsRequests.brandSegments(),
                                AnalyticsRequests.brandIndex())),
                onCase("REGION")
                    .then(
                        uniformRandomSwitch()
                            .on(
                                AnalyticsRequests.regionDealers(),
                                AnalyticsRequests.regionIndex(),
                                AnalyticsRequests.dealerAnalysis())),
                onCase("NETWORK")
                    .then(
                        uniformRandomSwitch()
                            .on(
                                AnalyticsRequests.networkIndex(),
                                AnalyticsRequests.brandRegions())));
    List<Map<String, Object>> records =
        Executives.records(
            network, Math.max(1, count), config.seed(), config.window(), config.analyticsWindow());
    ScenarioBuilder executives =
        scenario("Executives")
            .feed(listFeeder(records).circular())
            // Brand-level scopes as an executive of the brand; regions and the network are
            // cross-brand, which only admins see.
            .exec(
                signIn(
                    config,
                    (tokens, s) ->
                        switch (s.getString("kind")) {
                          case "CELL", "BRAND" ->
                              tokens.brandExecutive(s.getString("brandId"), (int) s.userId());
                          default -> tokens.admin("director-" + s.userId());
                        }))
            .exec(
                StreamRequests.open(
                    "#{streamName}",
                    session -> session.getString("streamPath"),
                    config.connectTimeout()))
            .exec(clock.fixUntil(config.total()))
            .exec(
                during(clock.until(config.total()))
                    .on(
                        pause(config.thinkMin(), config.thinkMax())
                            .exec(StreamRequests.look(recorder))
                            .exec(group(ANALYTICS).on(call))))
            .exec(StreamRequests.close(recorder));
    return executives
        .injectOpen(arrive(count, config.ramp()))
        .protocols(Protocols.listeners(config));
  }

  /**
   * Background feedback in requests of {@code config.batch()}: rising during the ramp from {@code
   * config.rampFeedbackFrom()} × {@code config.rate()} events/s to all of it, then at that rate
   * with Poisson arrivals for the hold; none at rate 0. Requests of the ramp are named with the
   * suffix {@value #DURING_RAMP}, so that the steady state's latency is asserted on its own.
   */
  static List<PopulationBuilder> backgroundIngest(LoadConfig config, FeedbackEvents events) {
    if (config.rate() <= 0) {
      return List.of();
    }
    double requestsPerSecond = config.rate() / config.batch();
    List<PopulationBuilder> populations = new ArrayList<>();
    if (!config.ramp().isZero()) {
      // Feedback rises with the listeners as they arrive, by default from a tenth of the rate to
      // all of it (a morning: cabinets open and customers answer), so the ramp is not a
      // thundering herd of both at once; the steady state after it runs the full rate.
      populations.add(
          scenario("Feedback during the ramp")
              .exec(FeedbackRequests.post(events, config.batch(), DURING_RAMP))
              .injectOpen(
                  rate(requestsPerSecond, config.rampFeedbackFrom(), config.ramp(), Duration.ZERO))
              .protocols(Protocols.ingest(config)));
    }
    if (!config.hold().isZero()) {
      populations.add(
          scenario("Feedback")
              .exec(FeedbackRequests.post(events, config.batch(), ""))
              .injectOpen(
                  nothingFor(config.ramp()),
                  constantUsersPerSec(requestsPerSecond).during(config.hold()).randomized())
              .protocols(Protocols.ingest(config)));
    }
    return populations;
  }

  /**
   * Near the end of the hold, asks every backend how many streams it holds: KO below its share of
   * {@code listeners} (they are spread round-robin). Empty when server metrics are off.
   */
  static List<PopulationBuilder> streamsOpenCheck(LoadConfig config, int... listenerGroups) {
    return streamsOpenCheck(config, config.total(), listenerGroups);
  }

  /** As above, near {@code end} after the start instead of the end of ramp + hold. */
  static List<PopulationBuilder> streamsOpenCheck(
      LoadConfig config, Duration end, int... listenerGroups) {
    if (!config.serverMetrics() || end.minus(config.ramp()).toSeconds() < 15) {
      return List.of();
    }
    int k = config.baseUrls().size();
    int expected = 0;
    for (int group : listenerGroups) {
      expected += group / k;
    }
    if (expected == 0) {
      return List.of();
    }
    Duration at = end.minusSeconds(10);
    return List.of(
        scenario("Server check")
            .feed(serverFeeder(config))
            .exec(ServerRequests.streamsOpen(expected))
            .injectOpen(nothingFor(at), atOnceUsers(k))
            .protocols(Protocols.monitor(config)));
  }

  /** One record per backend, {@code serverUrl}, round the list. */
  static FeederBuilder<Object> serverFeeder(LoadConfig config) {
    return listFeeder(
            config.baseUrls().stream().map(u -> Map.<String, Object>of("serverUrl", u)).toList())
        .circular();
  }

  /** {@code users} arriving evenly over {@code ramp} (all at once for a zero ramp). */
  static OpenInjectionStep arrive(int users, Duration ramp) {
    return ramp.isZero() ? atOnceUsers(users) : rampUsers(users).during(ramp);
  }

  /**
   * Arrivals per second ramping from {@code fromShare} × {@code perSecond} to all of it over {@code
   * ramp}, then constant (Poisson) for {@code hold}.
   */
  static OpenInjectionStep[] rate(
      double perSecond, double fromShare, Duration ramp, Duration hold) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (!ramp.isZero()) {
      steps.add(
          fromShare >= 1
              ? constantUsersPerSec(perSecond).during(ramp).randomized()
              : rampUsersPerSec(perSecond * fromShare).to(perSecond).during(ramp));
    }
    if (!hold.isZero()) {
      steps.add(constantUsersPerSec(perSecond).during(hold).randomized());
    }
    return steps.toArray(OpenInjectionStep[]::new);
  }
}
