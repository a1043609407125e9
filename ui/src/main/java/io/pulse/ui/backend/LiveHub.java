package io.pulse.ui.backend;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.api.FeedItem;
import io.pulse.api.IndexMessage;
import io.pulse.api.IndexView;
import io.pulse.api.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shares the backend's live streams between the browser sessions of this UI instance: one upstream
 * SSE subscription per (scope, window) and per dealer feed <em>and per access key</em> (role,
 * brand, dealers: people with equal keys see exactly the same), opened by the first viewer and
 * closed {@code pulse.ui.stream-linger} after the last one leaves.
 *
 * <p>Every upstream is the backend's answer to a person, never to the UI: a viewer joins one only
 * after the backend said yes to that viewer (their own REST read of the same scope, with their own
 * token; a denial joins nothing), it is opened with a current viewer's token, and when that token
 * expires (the backend ends the stream with {@code event: reauth}) it is reopened at once with the
 * token of whoever still watches. While anyone watches, their tokens are renewed every {@code
 * pulse.ui.credential-refresh}. Dropped streams are reopened every {@code
 * pulse.ui.reconnect-delay}, and viewers see the {@link Connection} state meanwhile.
 */
@Component
public class LiveHub {

  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
  private static final int FEED_REPLAY = 50;

  private final BackendClient client;
  private final BackendProperties properties;
  private final Clock clock;
  private final JsonMapper json;
  private final Map<Object, Upstream<?>> upstreams = new ConcurrentHashMap<>();
  private final AtomicInteger openUpstreams = new AtomicInteger();

  public LiveHub(
      BackendClient client,
      BackendProperties properties,
      Clock clock,
      JsonMapper json,
      MeterRegistry meters) {
    this.client = client;
    this.properties = properties;
    this.clock = clock;
    this.json = json;
    Gauge.builder("pulse.ui.upstreams", openUpstreams, AtomicInteger::get)
        .description("SSE subscriptions to the backend held open for viewers")
        .register(meters);
  }

  /**
   * The live figures of {@code scope} over {@code window}, shared with every viewer of the same
   * access key, once the backend has let {@code viewer} read them. Starts with that read's figures;
   * while the backend cannot be reached it reports the connection's state and tries again; a denial
   * ends it empty.
   */
  public Flux<LiveIndex> index(BackendCredential viewer, Scope scope, String window) {
    IndexKey key = new IndexKey(scope, window, viewer.accessKey());
    return admitted(viewer, scope, window)
        .concatWith(Flux.defer(() -> join(key, viewer, viewers -> openIndex(key, viewers))))
        .onErrorResume(Denied.class, e -> Flux.empty());
  }

  /**
   * A dealer's live feed: up to 50 recent items first, then new ones; shared like the index, once
   * the backend has let {@code viewer} read the dealer.
   */
  public Flux<FeedSignal> feed(BackendCredential viewer, String dealerId) {
    if (!BackendClient.isValidId(dealerId)) {
      return Flux.error(new IllegalArgumentException("not a dealer id: " + dealerId));
    }
    FeedKey key = new FeedKey(dealerId, viewer.accessKey());
    return retried(client.dealer(viewer, dealerId))
        .thenMany(Flux.defer(() -> join(key, viewer, viewers -> openFeed(dealerId, viewers))))
        .onErrorResume(Denied.class, e -> Flux.empty());
  }

  /**
   * A value re-read with {@code fetch} whenever the figures of {@code scope} over {@code window}
   * change or their stream comes back, at most once per {@code minInterval}, shared by every viewer
   * of the same access key asking with an equal {@code key}; each read is made as one of them. A
   * viewer joins once the backend let them read the scope's figures. Failed reads are skipped: the
   * next change tries again.
   */
  public <T> Flux<T> follow(
      BackendCredential viewer,
      Object key,
      Scope scope,
      String window,
      Duration minInterval,
      Function<BackendCredential, Mono<T>> fetch) {
    List<Object> k = List.of(key, scope, window, viewer.accessKey());
    IndexKey source = new IndexKey(scope, window, viewer.accessKey());
    return retried(client.scopeIndex(viewer, scope, window))
        .thenMany(
            Flux.defer(() ->
                join(
                    k,
                    viewer,
                    viewers ->
                        openFollower(
                            k,
                            Flux.defer(() -> join(source, viewers, v -> openIndex(source, v))),
                            minInterval,
                            viewers,
                            () -> fetch.apply(viewers)))))
        .onErrorResume(Denied.class, e -> Flux.empty());
  }

  /**
   * A value re-read now and every {@code period} for as long as someone watches, shared by every
   * viewer of the same access key asking with an equal {@code key}; each read is made as one of
   * them. A viewer's own first read comes first and decides whether they join. Failed reads are
   * skipped: the next period tries again.
   */
  public <T> Flux<T> every(
      BackendCredential viewer,
      Object key,
      Duration period,
      Function<BackendCredential, Mono<T>> fetch) {
    List<Object> k = List.of("every", key, period, viewer.accessKey());
    return retried(fetch.apply(viewer))
        .flux()
        .concatWith(
            Flux.defer(() ->
                join(
                    k,
                    viewer,
                    viewers ->
                        share(
                            k,
                            Flux.interval(period, period).onBackpressureDrop(),
                            viewers,
                            () -> fetch.apply(viewers)))))
        .onErrorResume(Denied.class, e -> Flux.empty());
  }

  /** How many upstream SSE subscriptions are open now (index streams and feeds). */
  public int openUpstreams() {
    return openUpstreams.get();
  }

  // --- internals ----------------------------------------------------------------------------

  /**
   * Joins the shared upstream under {@code key} as {@code viewer}, opening it if nobody holds it.
   * The viewer counts among its viewers (whose tokens may open it) for as long as they watch.
   */
  @SuppressWarnings("unchecked")
  private <T> Flux<T> join(Object key, BackendCredential viewer, Function<Viewers, Flux<T>> open) {
    Upstream<T> up =
        (Upstream<T>)
            upstreams.computeIfAbsent(
                key,
                k -> {
                  AtomicReference<Upstream<T>> self = new AtomicReference<>();
                  // Forgotten when the upstream itself ends (its last viewer gone), not a viewer.
                  Viewers viewers =
                      new Viewers(viewer.accessKey(), k, () -> upstreams.remove(k, self.get()));
                  Upstream<T> u = new Upstream<>(open.apply(viewers), viewers);
                  self.set(u);
                  return u;
                });
    up.viewers().add(viewer);
    return up.flux().doFinally(s -> up.viewers().remove(viewer));
  }

  /**
   * {@code viewer}'s own read of the scope, retried while the backend cannot be reached (the
   * connection's state reported meanwhile), its figures the first thing they see; a {@link Denied}
   * when the backend says no.
   */
  private Flux<LiveIndex> admitted(BackendCredential viewer, Scope scope, String window) {
    AtomicReference<Connection> state =
        new AtomicReference<>(Connection.connecting(clock.instant()));
    Flux<LiveIndex> attempts =
        Flux.defer(() -> client.scopeIndex(viewer, scope, window).flux())
            .map(f -> new LiveIndex(f, state.get().live(clock.instant())))
            .onErrorResume(e -> {
              if (isDenial(e)) {
                log.debug("{} may not watch {}: {}", viewer.person(), scope, e.toString());
                return Flux.error(new Denied());
              }
              return Flux.just(
                      new LiveIndex(null, state.updateAndGet(c -> c.down(clock.instant()))))
                  .concatWith(Flux.error(e));
            })
            .retryWhen(
                Retry.fixedDelay(Long.MAX_VALUE, properties.reconnectDelay())
                    .filter(e -> !(e instanceof Denied)));
    return Flux.concat(Flux.just(new LiveIndex(null, state.get())), attempts);
  }

  /** A read retried while the backend cannot be reached; a {@link Denied} when it says no. */
  private <T> Mono<T> retried(Mono<T> read) {
    return read.onErrorMap(LiveHub::isDenial, e -> new Denied())
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, properties.reconnectDelay())
                .maxBackoff(properties.streamIdleTimeout())
                .filter(e -> !(e instanceof Denied)));
  }

  /**
   * The backend said no to this person (or their token is gone): nothing to retry. A 429 (a limit
   * of theirs) is not a no: it is tried again later.
   */
  private static boolean isDenial(Throwable e) {
    return e instanceof BackendCredential.CredentialExpiredException
        || e instanceof WebClientResponseException.Unauthorized
        || e instanceof WebClientResponseException.Forbidden
        || e instanceof WebClientResponseException.NotFound;
  }

  private Flux<LiveIndex> openIndex(IndexKey key, Viewers viewers) {
    Flux<Signal> signals =
        resilient(
            viewers,
            auth ->
                client
                    .indexEvents(auth, key.scope(), key.window())
                    .timeout(properties.streamIdleTimeout())
                    .filter(e ->
                        "reauth".equals(e.event()) || (e.data() != null && !e.data().isBlank()))
                    .<Signal>handle((e, sink) -> {
                      if ("reauth".equals(e.event())) {
                        sink.error(new ReauthRequested());
                      } else if ("status".equals(e.event())) {
                        sink.next(status(e.data()));
                      } else {
                        sink.next(new Signal.Data(parse(e.data())));
                      }
                    }),
            "index " + key);
    return signals
        .scan(
            new LiveIndex(null, Connection.connecting(clock.instant())),
            (state, signal) ->
                switch (signal) {
                  case Signal.Data d ->
                      new LiveIndex(
                          d.message().index(),
                          d.message().verdicts(),
                          state.connection().live(clock.instant()));
                  case Signal.Down ignored -> state.with(state.connection().down(clock.instant()));
                  case Signal.Paused ignored ->
                      state.with(state.connection().paused(clock.instant()));
                  case Signal.Resumed ignored ->
                      state.with(state.connection().resumed(clock.instant()));
                  default -> state;
                })
        .distinctUntilChanged()
        .doOnSubscribe(s -> openUpstreams.incrementAndGet())
        .doFinally(s -> {
          openUpstreams.decrementAndGet();
          viewers.closed();
        })
        .replay(1)
        .refCount(1, properties.streamLinger());
  }

  private Flux<FeedSignal> openFeed(String dealerId, Viewers viewers) {
    AtomicReference<@Nullable String> lastId = new AtomicReference<>();
    Flux<FeedSignal> signals =
        resilient(
                viewers,
                auth ->
                    client
                        .feedEvents(auth, dealerId, lastId.get())
                        .timeout(properties.streamIdleTimeout())
                        .<Signal>handle((e, sink) -> {
                          if ("reauth".equals(e.event())) {
                            sink.error(new ReauthRequested());
                          } else if ("reset".equals(e.event())) {
                            sink.next(new Signal.Reset());
                          } else if ("feed".equals(e.event()) && e.data() != null) {
                            FeedItem item = json.readValue(e.data(), FeedItem.class);
                            lastId.set(Objects.requireNonNullElse(e.id(), "" + item.seq()));
                            sink.next(new Signal.Item(item));
                          }
                        }),
                "feed " + dealerId)
            .handle((signal, sink) -> {
              switch (signal) {
                case Signal.Item i -> sink.next(new FeedSignal.Item(i.item()));
                case Signal.Reset r -> sink.next(new FeedSignal.Reset());
                default -> {}
              }
            });
    return signals
        .doOnSubscribe(s -> openUpstreams.incrementAndGet())
        .doFinally(s -> {
          openUpstreams.decrementAndGet();
          viewers.closed();
        })
        .replay(FEED_REPLAY)
        .refCount(1, properties.streamLinger());
  }

  private <T> Flux<T> openFollower(
      Object key,
      Flux<LiveIndex> source,
      Duration minInterval,
      Viewers viewers,
      Supplier<Mono<T>> fetch) {
    Flux<List<Object>> changes =
        source
            .filter(li -> li.figures() != null && li.connection().isLive())
            // A reconnect re-reads too: what was read while the backend was away may be missing.
            .map(li ->
                List.of(
                    figuresKey(Objects.requireNonNull(li.figures())), li.connection().changedAt()))
            .distinctUntilChanged();
    return share(key, LatestThrottle.apply(changes, minInterval), viewers, fetch);
  }

  /** Reads {@code fetch} on every trigger, one read at a time; the newest value replayed. */
  private <T> Flux<T> share(
      Object key, Flux<?> triggers, Viewers viewers, Supplier<Mono<T>> fetch) {
    return triggers
        .concatMap(trigger ->
            fetch
                .get()
                .onErrorResume(e -> {
                  log.debug("re-reading {} failed: {}", key, e.toString());
                  return Mono.empty();
                }))
        .doFinally(s -> viewers.closed())
        .replay(1)
        .refCount(1, properties.streamLinger());
  }

  /** What makes two sets of figures different for a viewer: everything but the read time. */
  private static List<Object> figuresKey(IndexView f) {
    return Arrays.asList(
        f.responses(),
        f.csi(),
        f.nps(),
        f.parameters(),
        f.stageResponses(),
        f.lastEventAcceptedAt());
  }

  /**
   * Opens a stream again and again, each time with the token of a current viewer: every failure or
   * end is reported as {@link Signal.Down} before the next attempt, {@code reconnect-delay} later;
   * the end of a token ({@code event: reauth}) is not a failure, and the stream is reopened at once
   * with a fresh one. While it runs, the viewers' tokens are kept renewed.
   */
  private Flux<Signal> resilient(
      Viewers viewers, Function<String, Flux<Signal>> connect, String what) {
    Flux<Signal> connected =
        Flux.defer(() -> viewers.authorization().flatMapMany(connect))
            .concatWith(Mono.error(() -> new StreamEndedException(what)))
            .onErrorResume(e -> {
              if (e instanceof ReauthRequested) {
                log.debug("stream {}: token expired, reopening with a viewer's fresh one", what);
                return Flux.error(e);
              }
              log.debug("stream {} dropped: {}", what, e.toString());
              return Flux.<Signal>just(new Signal.Down()).concatWith(Mono.error(e));
            })
            .retryWhen(
                Retry.from(failures ->
                    failures.concatMap(f ->
                        f.failure() instanceof ReauthRequested
                            ? Mono.just(f)
                            : Mono.delay(properties.reconnectDelay()).thenReturn(f))));
    Flux<Signal> keepRenewed =
        Flux.interval(properties.credentialRefresh(), properties.credentialRefresh())
            .onBackpressureDrop()
            .concatMap(t -> viewers.renewAll())
            .thenMany(Flux.empty());
    return Flux.merge(connected, keepRenewed);
  }

  private IndexMessage parse(String data) {
    return json.readValue(data, IndexMessage.class);
  }

  /**
   * The backend's {@code event: status}: paused when changes stop reaching its streams, resumed
   * when they reach them again (a fresh snapshot follows).
   */
  private Signal status(String data) {
    return json.readTree(data).path("live").asBoolean(true)
        ? new Signal.Resumed()
        : new Signal.Paused();
  }

  private record IndexKey(Scope scope, String window, String accessKey) {}

  private record FeedKey(String dealerId, String accessKey) {}

  private record Upstream<T>(Flux<T> flux, Viewers viewers) {}

  /**
   * The people watching one upstream, in the order they came, as one credential: a call made with
   * it carries the token of the first of them who has a valid one.
   */
  private static final class Viewers implements BackendCredential {

    private final String accessKey;
    private final Object upstream;
    private final Runnable onClosed;
    private final List<BackendCredential> watching = new CopyOnWriteArrayList<>();

    Viewers(String accessKey, Object upstream, Runnable onClosed) {
      this.accessKey = accessKey;
      this.upstream = upstream;
      this.onClosed = onClosed;
    }

    /** The upstream ended: the next viewer opens a new one. */
    void closed() {
      onClosed.run();
    }

    void add(BackendCredential viewer) {
      watching.add(viewer);
    }

    void remove(BackendCredential viewer) {
      watching.remove(viewer);
    }

    @Override
    public String person() {
      return "viewers of " + upstream;
    }

    @Override
    public String accessKey() {
      return accessKey;
    }

    @Override
    public Mono<String> authorization() {
      return Flux.fromIterable(List.copyOf(watching))
          .concatMap(v -> v.authorization().onErrorResume(e -> Mono.empty()), 1)
          .next()
          .switchIfEmpty(
              Mono.error(() ->
                  new CredentialExpiredException(
                      "nobody watching " + upstream + " has a valid token")));
    }

    /** Renews whichever viewers' tokens are due; nobody's failure stops the others'. */
    Mono<Void> renewAll() {
      return Flux.fromIterable(List.copyOf(watching))
          .concatMap(v -> v.authorization().onErrorResume(e -> Mono.empty()))
          .then();
    }
  }

  /** The backend said no to a viewer: they join nothing. */
  private static final class Denied extends RuntimeException {
    Denied() {
      super("denied", null, false, false);
    }
  }

  /** The backend ended a stream because the token it was opened with expired. */
  static final class ReauthRequested extends RuntimeException {
    ReauthRequested() {
      super("the stream's token expired", null, false, false);
    }
  }

  /** What one upstream connection says, before it is folded into what viewers see. */
  private sealed interface Signal {
    record Data(IndexMessage message) implements Signal {}

    record Item(FeedItem item) implements Signal {}

    record Reset() implements Signal {}

    record Down() implements Signal {}

    record Paused() implements Signal {}

    record Resumed() implements Signal {}
  }

  /** The backend ended a stream that should run forever (a restart, a slow-client cut). */
  static final class StreamEndedException extends RuntimeException {
    StreamEndedException(String what) {
      super("stream ended: " + what, null, false, false);
    }
  }
}
