package io.pulse.ui.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulse.api.Scope;
import io.pulse.api.StrengthVerdict;
import io.pulse.ui.backend.Connection.State;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub against a fake backend that speaks the index stream protocol: one upstream per (scope,
 * window) however many viewers, closed after the last leaves, and reconnection with visible states.
 */
class LiveHubTests {

  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger open = new AtomicInteger();
  Sinks.Many<String> messages = Sinks.many().replay().latest();
  DisposableServer server;
  LiveHub hub;
  int port;

  @BeforeEach
  void start() {
    server = fakeBackend(0);
    port = server.port();
    BackendProperties properties =
        new BackendProperties(
            URI.create("http://127.0.0.1:" + port),
            null,
            null,
            null,
            null,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            100,
            10,
            Duration.ofMillis(100),
            Duration.ofMillis(100));
    JsonMapper json = JsonMapper.builder().build();
    hub =
        new LiveHub(
            new BackendClient(WebClient.builder(), properties),
            properties,
            Clock.systemUTC(),
            json,
            new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    server.disposeNow();
  }

  DisposableServer fakeBackend(int onPort) {
    return HttpServer.create()
        .host("127.0.0.1")
        .port(onPort)
        .route(routes ->
            routes
                .get(
                    "/api/v1/stream/dealers/{id}/feed",
                    (request, response) ->
                        response
                            .header("Content-Type", "text/event-stream")
                            .sendString(Flux.just(WARNING).concatWith(Flux.never())))
                .get(
                    "/api/v1/stream/dealers/{id}",
                    (request, response) -> {
                      connections.incrementAndGet();
                      open.incrementAndGet();
                      return response
                          .header("Content-Type", "text/event-stream")
                          .sendString(
                              messages
                                  .asFlux()
                                  .map(data ->
                                      "event: "
                                          + (data.startsWith("{\"live\"") ? "status" : "update")
                                          + "\ndata: "
                                          + data
                                          + "\n\n")
                                  .doFinally(s -> open.decrementAndGet()));
                    }))
        .bindNow();
  }

  static final String WARNING =
      """
      event: alert
      data: {"eventId":"3f2b6c1e-8d4a-4c5e-9b7a-2e1f0a9c8d01","dealerId":"D1",\
      "createdAt":"2026-11-23T10:00:00Z","reasons":["DETRACTOR","INDEX_DROP"],"status":"OPEN",\
      "overdue":false,"stage":"HANDOVER","occurredAt":"2026-11-23T09:59:00Z",\
      "scores":{"RECOMMEND":4},"explanations":[{"reason":"INDEX_DROP",\
      "en":"CSI fell from 84 to 71 over the last 46 answers","ru":"CSI упал с 84 до 71"}]}

      """;

  static String message(long responses) {
    return """
    {"version":1,"sentAt":"2026-11-23T10:00:00Z","index":{"scope":{"kind":"dealer","id":"D1","name":"One","brandId":"B","regionId":"R"},\
    "window":"24h","computedAt":"2026-11-23T10:00:00Z","responses":%d,"lowSample":true,"csi":71.5,\
    "nps":{"answers":3,"promoters":2,"passives":0,"detractors":1,"score":33.33,"marginOfError":40.0},\
    "parameters":[],"stageResponses":{"HANDOVER":%d}}}\
    """
        .formatted(responses, responses);
  }

  @Test
  void viewersOfTheSameScopeShareOneUpstreamThatClosesAfterTheLastLeaves() {
    messages.tryEmitNext(message(3));
    List<LiveIndex> first = new CopyOnWriteArrayList<>();
    List<LiveIndex> second = new CopyOnWriteArrayList<>();
    Disposable a = hub.index(Scope.dealer("D1"), "24h").subscribe(first::add);
    Disposable b = hub.index(Scope.dealer("D1"), "24h").subscribe(second::add);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !second.isEmpty() && second.getLast().figures() != null);
    assertThat(second.getLast().connection().state()).isEqualTo(State.LIVE);
    messages.tryEmitNext(message(4));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> first.getLast().figures() != null && first.getLast().figures().responses() == 4);
    assertThat(connections).hasValue(1);
    assertThat(hub.openUpstreams()).isEqualTo(1);

    a.dispose();
    assertThat(hub.openUpstreams()).isEqualTo(1);
    b.dispose();
    await().atMost(Duration.ofSeconds(5)).until(() -> hub.openUpstreams() == 0 && open.get() == 0);

    // A new viewer opens a new upstream.
    List<LiveIndex> third = new CopyOnWriteArrayList<>();
    Disposable c = hub.index(Scope.dealer("D1"), "24h").subscribe(third::add);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> connections.get() == 2 && third.getLast().figures() != null);
    c.dispose();
  }

  @Test
  void aBackendWhoseLivePathPausedReadsAsPausedUntilItsNextSnapshot() {
    messages.tryEmitNext(message(3));
    List<LiveIndex> seen = new CopyOnWriteArrayList<>();
    Disposable viewer = hub.index(Scope.dealer("D1"), "24h").subscribe(seen::add);
    try {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !seen.isEmpty() && seen.getLast().connection().state() == State.LIVE);
      messages.tryEmitNext(
          "{\"live\":false,\"reason\":\"Live updates paused\",\"since\":\"2026-11-23T10:00:00Z\"}");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> seen.getLast().connection().state() == State.PAUSED);
      // The figures stay on screen, marked as not moving; a snapshot meanwhile does not end it.
      assertThat(seen.getLast().figures().responses()).isEqualTo(3);
      messages.tryEmitNext(message(4));
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.getLast().figures().responses() == 4);
      assertThat(seen.getLast().connection().state()).isEqualTo(State.PAUSED);
      messages.tryEmitNext("{\"live\":true,\"since\":\"2026-11-23T10:00:09Z\"}");
      messages.tryEmitNext(message(5));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() ->
              seen.getLast().connection().state() == State.LIVE
                  && seen.getLast().figures().responses() == 5);
      assertThat(connections).hasValue(1);
    } finally {
      viewer.dispose();
    }
  }

  @Test
  void anUnreachableBackendReadsAsReconnectingThenStaleAndComesBackLive() {
    // Nothing listens on the port (the browser tests kill a real backend; here it is simply gone).
    server.disposeNow();
    List<LiveIndex> seen = new CopyOnWriteArrayList<>();
    Disposable d = hub.index(Scope.dealer("D1"), "24h").subscribe(seen::add);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> seen.getLast().connection().state() == State.STALE);
    assertThat(seen.stream().map(li -> li.connection().state()))
        .containsSubsequence(State.CONNECTING, State.RECONNECTING, State.STALE);
    assertThat(seen.getLast().connection().lastLiveAt()).isNull();
    assertThat(seen.getLast().figures()).isNull();

    messages.tryEmitNext(message(9));
    server = fakeBackend(port);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() ->
            seen.getLast().connection().isLive()
                && seen.getLast().figures() != null
                && seen.getLast().figures().responses() == 9);
    d.dispose();
  }

  @Test
  void followersReReadWhenFiguresChangeSharedByKey() {
    messages.tryEmitNext(message(3));
    AtomicInteger reads = new AtomicInteger();
    Flux<Integer> followed =
        hub.follow(
            "k",
            Scope.dealer("D1"),
            "24h",
            Duration.ofMillis(50),
            () -> Mono.fromSupplier(reads::incrementAndGet));
    List<Integer> one = new CopyOnWriteArrayList<>();
    List<Integer> two = new CopyOnWriteArrayList<>();
    Disposable a = followed.subscribe(one::add);
    Disposable b = followed.subscribe(two::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> !one.isEmpty() && !two.isEmpty());
    messages.tryEmitNext(message(5));
    await().atMost(Duration.ofSeconds(5)).until(() -> one.getLast() == 2 && two.getLast() == 2);
    assertThat(reads).hasValue(2);
    a.dispose();
    b.dispose();
  }

  @Test
  void anEarlyWarningOnTheFeedReachesViewersAsAWarning() {
    List<FeedSignal> seen = new CopyOnWriteArrayList<>();
    Disposable d = hub.feed("D1").subscribe(seen::add);
    try {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> seen.stream().anyMatch(FeedSignal.Warning.class::isInstance));
      FeedSignal.Warning w =
          seen.stream()
              .filter(FeedSignal.Warning.class::isInstance)
              .map(FeedSignal.Warning.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(w.alert().reasons()).containsExactly("DETRACTOR", "INDEX_DROP");
      assertThat(w.alert().explanations().getFirst().text("ru")).isEqualTo("CSI упал с 84 до 71");
    } finally {
      d.dispose();
    }
  }

  @Test
  void aDealerStreamCarriesItsVerdictsToViewers() {
    messages.tryEmitNext(
        message(3)
            .replaceFirst(
                "}}$",
                """
                },"verdicts":[{"parameter":"SPEED","benchmark":70.9,"delta":-22.7,\
                "verdict":"WEAK_POINT","rank":7,"sentence":{"en":"Speed 48 vs 71","ru":"Скорость"}}]}\
                """));
    List<LiveIndex> seen = new CopyOnWriteArrayList<>();
    Disposable d = hub.index(Scope.dealer("D1"), "24h").subscribe(seen::add);
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.getLast().figures() != null);
      assertThat(seen.getLast().verdicts())
          .singleElement()
          .satisfies(v -> {
            assertThat(v.verdict()).isEqualTo(StrengthVerdict.WEAK_POINT);
            assertThat(v.sentence("ru")).isEqualTo("Скорость");
            assertThat(v.sentence("de")).isEqualTo("Speed 48 vs 71");
          });
    } finally {
      d.dispose();
    }
  }

  @Test
  void periodicReadsRunOncePerPeriodForAllViewersWhateverTheFiguresDo() {
    AtomicInteger reads = new AtomicInteger();
    StepVerifier.withVirtualTime(
            () -> {
              Flux<Integer> every =
                  hub.every(
                      "analysis",
                      Duration.ofSeconds(30),
                      () -> Mono.fromSupplier(reads::incrementAndGet));
              return Flux.merge(every, every);
            })
        .expectSubscription()
        .thenAwait(Duration.ZERO)
        .expectNext(1, 1)
        .expectNoEvent(Duration.ofSeconds(29))
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(2, 2)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(reads).hasValue(2);
  }
}
