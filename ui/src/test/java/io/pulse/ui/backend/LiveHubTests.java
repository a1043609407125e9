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
 * The hub against a fake backend that speaks the index stream protocol and checks tokens: one
 * upstream per (scope, window, access key) however many viewers, joined only by viewers the backend
 * let read the scope, closed after the last leaves, reopened with a current viewer's token when the
 * opener's expires, and reconnection with visible states.
 */
class LiveHubTests {

  /** A person whose token is a fixed text; {@code valid} false makes it expired. */
  static final class Person implements BackendCredential {
    final String token;
    final String accessKey;
    volatile boolean valid = true;

    Person(String token, String accessKey) {
      this.token = token;
      this.accessKey = accessKey;
    }

    @Override
    public String person() {
      return token;
    }

    @Override
    public String accessKey() {
      return accessKey;
    }

    @Override
    public Mono<String> authorization() {
      return valid
          ? Mono.just("Bearer " + token)
          : Mono.error(new CredentialExpiredException(token + " expired"));
    }
  }

  final Person alice = new Person("alice", "DEALER_MANAGER||D1");
  final Person bob = new Person("bob", "DEALER_MANAGER||D1");
  final Person admin = new Person("admin", "ADMIN||");

  /** The backend answers 404 to mallory: D1 is not hers. */
  final Person mallory = new Person("mallory", "DEALER_MANAGER||D9");

  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger open = new AtomicInteger();
  final List<String> streamTokens = new CopyOnWriteArrayList<>();
  Sinks.Many<String> messages = Sinks.many().replay().latest();
  final Sinks.Many<Boolean> reauth = Sinks.many().multicast().directBestEffort();
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
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            100,
            10,
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofMinutes(1));
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
                    "/api/v1/dealers/{id}",
                    (request, response) ->
                        "Bearer mallory".equals(request.requestHeaders().get("Authorization"))
                            ? response.status(404).send()
                            : response
                                .header("Content-Type", "application/json")
                                .sendString(
                                    Mono.just(
                                        "{\"id\":\"D1\",\"name\":\"One\",\"brandId\":\"B\","
                                            + "\"regionId\":\"R\",\"timeZone\":\"UTC\"}")))
                .get(
                    "/api/v1/dealers/{id}/index",
                    (request, response) ->
                        "Bearer mallory".equals(request.requestHeaders().get("Authorization"))
                            ? response.status(404).send()
                            : response
                                .header("Content-Type", "application/json")
                                .sendString(Mono.just(indexOf(message(1)))))
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
                      streamTokens.add(request.requestHeaders().get("Authorization"));
                      return response
                          .header("Content-Type", "text/event-stream")
                          .sendString(
                              Flux.merge(
                                      messages
                                          .asFlux()
                                          .map(data ->
                                              "event: "
                                                  + (data.startsWith("{\"live\"")
                                                      ? "status"
                                                      : "update")
                                                  + "\ndata: "
                                                  + data
                                                  + "\n\n"),
                                      reauth
                                          .asFlux()
                                          .map(x ->
                                              "event: reauth\ndata: {\"reason\":\"expired\"}\n\n"))
                                  .takeUntil(frame -> frame.startsWith("event: reauth"))
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

  /** The {@code index} member of a stream message: what the REST read of the scope answers. */
  static String indexOf(String message) {
    return message.substring(message.indexOf("\"index\":") + 8, message.length() - 1);
  }

  static boolean shows(List<LiveIndex> seen, long responses) {
    return !seen.isEmpty()
        && seen.getLast().figures() != null
        && seen.getLast().figures().responses() == responses;
  }

  @Test
  void viewersOfTheSameScopeShareOneUpstreamThatClosesAfterTheLastLeaves() {
    messages.tryEmitNext(message(3));
    List<LiveIndex> first = new CopyOnWriteArrayList<>();
    List<LiveIndex> second = new CopyOnWriteArrayList<>();
    Disposable a = hub.index(alice, Scope.dealer("D1"), "24h").subscribe(first::add);
    Disposable b = hub.index(bob, Scope.dealer("D1"), "24h").subscribe(second::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> shows(second, 3));
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
    // Someone coming while bob still watches joins his upstream, though its opener left.
    List<LiveIndex> late = new CopyOnWriteArrayList<>();
    Disposable l = hub.index(alice, Scope.dealer("D1"), "24h").subscribe(late::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> shows(late, 4));
    assertThat(connections).hasValue(1);
    l.dispose();
    b.dispose();
    await().atMost(Duration.ofSeconds(5)).until(() -> hub.openUpstreams() == 0 && open.get() == 0);

    // A new viewer opens a new upstream.
    List<LiveIndex> third = new CopyOnWriteArrayList<>();
    Disposable c = hub.index(alice, Scope.dealer("D1"), "24h").subscribe(third::add);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> connections.get() == 2 && third.getLast().figures() != null);
    c.dispose();
  }

  @Test
  void aBackendWhoseLivePathPausedReadsAsPausedUntilItsNextSnapshot() {
    messages.tryEmitNext(message(3));
    List<LiveIndex> seen = new CopyOnWriteArrayList<>();
    Disposable viewer = hub.index(alice, Scope.dealer("D1"), "24h").subscribe(seen::add);
    try {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> shows(seen, 3) && seen.getLast().connection().state() == State.LIVE);
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
    Disposable d = hub.index(alice, Scope.dealer("D1"), "24h").subscribe(seen::add);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !seen.isEmpty() && seen.getLast().connection().state() == State.STALE);
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
    List<BackendCredential> readAs = new CopyOnWriteArrayList<>();
    List<Integer> one = new CopyOnWriteArrayList<>();
    List<Integer> two = new CopyOnWriteArrayList<>();
    Disposable a = follow(alice, reads, readAs).subscribe(one::add);
    // Alice first: each viewer's own access check runs on its own, so two at once may open in
    // either order, and the reads would then be made as bob.
    await().atMost(Duration.ofSeconds(5)).until(() -> !one.isEmpty());
    Disposable b = follow(bob, reads, readAs).subscribe(two::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> !two.isEmpty());
    messages.tryEmitNext(message(5));
    await().atMost(Duration.ofSeconds(5)).until(() -> one.getLast() == 2 && two.getLast() == 2);
    assertThat(reads).hasValue(2);
    // Each read is made as someone watching: alice's token, as long as she watches.
    assertThat(readAs)
        .allSatisfy(c -> assertThat(c.authorization().block()).isEqualTo("Bearer alice"));
    a.dispose();
    b.dispose();
  }

  Flux<Integer> follow(Person viewer, AtomicInteger reads, List<BackendCredential> readAs) {
    return hub.follow(
        viewer,
        "k",
        Scope.dealer("D1"),
        "24h",
        Duration.ofMillis(50),
        as -> {
          readAs.add(as);
          return Mono.fromSupplier(reads::incrementAndGet);
        });
  }

  @Test
  void anEarlyWarningOnTheFeedReachesViewersAsAWarning() {
    List<FeedSignal> seen = new CopyOnWriteArrayList<>();
    Disposable d = hub.feed(alice, "D1").subscribe(seen::add);
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
    Disposable d = hub.index(alice, Scope.dealer("D1"), "24h").subscribe(seen::add);
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> shows(seen, 3));
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
  void periodicReadsRunOncePerPeriodForAllViewersAfterEachViewersOwnFirstRead() {
    AtomicInteger reads = new AtomicInteger();
    StepVerifier.withVirtualTime(() ->
            Flux.merge(
                hub.every(
                    alice,
                    "analysis",
                    Duration.ofSeconds(30),
                    as -> Mono.fromSupplier(reads::incrementAndGet)),
                hub.every(
                    bob,
                    "analysis",
                    Duration.ofSeconds(30),
                    as -> Mono.fromSupplier(reads::incrementAndGet))))
        .expectSubscription()
        .thenAwait(Duration.ZERO)
        // Each viewer's own read first: the backend's answer to them decides whether they join.
        .expectNext(1, 2)
        .expectNoEvent(Duration.ofSeconds(29))
        .thenAwait(Duration.ofSeconds(1))
        // Then one read per period for both.
        .expectNext(3, 3)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(reads).hasValue(3);
  }

  @Test
  void aViewerTheBackendRefusesJoinsNothingThatOthersWatch() {
    messages.tryEmitNext(message(3));
    List<LiveIndex> aliceSees = new CopyOnWriteArrayList<>();
    Disposable a = hub.index(alice, Scope.dealer("D1"), "24h").subscribe(aliceSees::add);
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> shows(aliceSees, 3));
      // Mallory has the same role but not D1; even sharing alice's access key she would be refused.
      for (Person p : List.of(mallory, new Person("mallory", alice.accessKey()))) {
        StepVerifier.create(hub.index(p, Scope.dealer("D1"), "24h"))
            .expectNextMatches(li -> li.figures() == null)
            .verifyComplete();
        StepVerifier.create(hub.feed(p, "D1")).verifyComplete();
      }
      assertThat(connections).hasValue(1);
      assertThat(streamTokens).containsExactly("Bearer alice");
    } finally {
      a.dispose();
    }
  }

  @Test
  void peopleWhoMaySeeDifferentThingsGetTheirOwnUpstream() {
    messages.tryEmitNext(message(3));
    List<LiveIndex> one = new CopyOnWriteArrayList<>();
    List<LiveIndex> two = new CopyOnWriteArrayList<>();
    Disposable a = hub.index(alice, Scope.dealer("D1"), "24h").subscribe(one::add);
    Disposable b = hub.index(admin, Scope.dealer("D1"), "24h").subscribe(two::add);
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> shows(one, 3) && shows(two, 3));
      assertThat(connections).hasValue(2);
      assertThat(streamTokens).containsExactlyInAnyOrder("Bearer alice", "Bearer admin");
    } finally {
      a.dispose();
      b.dispose();
    }
  }

  @Test
  void whenTheOpenersTokenEndsTheStreamReopensAtOnceWithAViewersToken() {
    messages.tryEmitNext(message(3));
    List<LiveIndex> aliceSees = new CopyOnWriteArrayList<>();
    List<LiveIndex> bobSees = new CopyOnWriteArrayList<>();
    Disposable a = hub.index(alice, Scope.dealer("D1"), "24h").subscribe(aliceSees::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> shows(aliceSees, 3));
    Disposable b = hub.index(bob, Scope.dealer("D1"), "24h").subscribe(bobSees::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> shows(bobSees, 3));
    // Alice leaves and signs out; the stream she opened reaches her token's expiry.
    a.dispose();
    alice.valid = false;
    int before = bobSees.size();
    reauth.tryEmitNext(true);
    await().atMost(Duration.ofSeconds(5)).until(() -> connections.get() == 2);
    assertThat(streamTokens).containsExactly("Bearer alice", "Bearer bob");
    messages.tryEmitNext(message(4));
    await().atMost(Duration.ofSeconds(5)).until(() -> shows(bobSees, 4));
    // Not a failure: bob never saw the connection drop.
    assertThat(bobSees.subList(before, bobSees.size()))
        .allSatisfy(li -> assertThat(li.connection().state()).isEqualTo(State.LIVE));
    b.dispose();
  }
}
