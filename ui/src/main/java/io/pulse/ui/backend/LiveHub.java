package io.pulse.ui.backend;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.api.Alert;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shares the backend's live streams between every browser session of this UI instance: one upstream
 * SSE subscription per (scope, window) and per dealer feed, opened by the first viewer and closed
 * {@code pulse.ui.stream-linger} after the last one leaves. A late viewer gets the newest figures
 * at once. Dropped streams are reopened every {@code pulse.ui.reconnect-delay} for as long as
 * someone watches, and viewers see the {@link Connection} state meanwhile.
 */
@Component
public class LiveHub {

  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
  private static final int FEED_REPLAY = 50;

  private final BackendClient client;
  private final BackendProperties properties;
  private final Clock clock;
  private final JsonMapper json;
  private final Map<IndexKey, Flux<LiveIndex>> indexes = new ConcurrentHashMap<>();
  private final Map<String, Flux<FeedSignal>> feeds = new ConcurrentHashMap<>();
  private final Map<Object, Flux<?>> followers = new ConcurrentHashMap<>();
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

  /** The live figures of {@code scope} over {@code window}, shared with every other viewer. */
  public Flux<LiveIndex> index(Scope scope, String window) {
    IndexKey key = new IndexKey(scope, window);
    return Flux.defer(() -> indexes.computeIfAbsent(key, this::openIndex));
  }

  /** A dealer's live feed: up to 50 recent items first, then new ones; shared like the index. */
  public Flux<FeedSignal> feed(String dealerId) {
    if (!BackendClient.isValidId(dealerId)) {
      return Flux.error(new IllegalArgumentException("not a dealer id: " + dealerId));
    }
    return Flux.defer(() -> feeds.computeIfAbsent(dealerId, this::openFeed));
  }

  /**
   * A value re-read with {@code fetch} whenever the figures of {@code scope} over {@code window}
   * change or their stream comes back, at most once per {@code minInterval}, shared by every viewer
   * asking with an equal {@code key}. Failed reads are skipped: the next change tries again.
   */
  @SuppressWarnings("unchecked")
  public <T> Flux<T> follow(
      Object key, Scope scope, String window, Duration minInterval, Supplier<Mono<T>> fetch) {
    return Flux.defer(() ->
        (Flux<T>)
            followers.computeIfAbsent(
                List.of(key, scope, window),
                k -> openFollower(k, index(scope, window), minInterval, fetch)));
  }

  /**
   * A value re-read now and every {@code period} for as long as someone watches, shared by every
   * viewer asking with an equal {@code key}. Failed reads are skipped: the next period tries again.
   */
  @SuppressWarnings("unchecked")
  public <T> Flux<T> every(Object key, Duration period, Supplier<Mono<T>> fetch) {
    List<Object> k = List.of("every", key, period);
    return Flux.defer(() ->
        (Flux<T>)
            followers.computeIfAbsent(
                k,
                x -> share(k, Flux.interval(Duration.ZERO, period).onBackpressureDrop(), fetch)));
  }

  /** How many upstream SSE subscriptions are open now (index streams and feeds). */
  public int openUpstreams() {
    return openUpstreams.get();
  }

  // --- internals ----------------------------------------------------------------------------

  private Flux<LiveIndex> openIndex(IndexKey key) {
    Flux<Signal> signals =
        resilient(
            () ->
                client
                    .indexEvents(key.scope(), key.window())
                    .timeout(properties.streamIdleTimeout())
                    .filter(e -> e.data() != null && !e.data().isBlank())
                    .map(e ->
                        "status".equals(e.event())
                            ? status(e.data())
                            : (Signal) new Signal.Data(parse(e.data()))),
            "index " + key);
    AtomicReference<Flux<LiveIndex>> self = new AtomicReference<>();
    Flux<LiveIndex> shared =
        signals
            .scan(
                new LiveIndex(null, Connection.connecting(clock.instant())),
                (state, signal) ->
                    switch (signal) {
                      case Signal.Data d ->
                          new LiveIndex(
                              d.message().index(),
                              d.message().verdicts(),
                              state.connection().live(clock.instant()));
                      case Signal.Down ignored ->
                          state.with(state.connection().down(clock.instant()));
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
              indexes.remove(key, self.get());
            })
            .replay(1)
            .refCount(1, properties.streamLinger());
    self.set(shared);
    return shared;
  }

  private Flux<FeedSignal> openFeed(String dealerId) {
    AtomicReference<@Nullable String> lastId = new AtomicReference<>();
    Flux<FeedSignal> signals =
        resilient(
                () ->
                    client
                        .feedEvents(dealerId, lastId.get())
                        .timeout(properties.streamIdleTimeout())
                        .<Signal>handle((e, sink) -> {
                          if ("reset".equals(e.event())) {
                            sink.next(new Signal.Reset());
                          } else if ("alert".equals(e.event()) && e.data() != null) {
                            sink.next(new Signal.Warning(json.readValue(e.data(), Alert.class)));
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
                case Signal.Warning w -> sink.next(new FeedSignal.Warning(w.alert()));
                default -> {}
              }
            });
    AtomicReference<Flux<FeedSignal>> self = new AtomicReference<>();
    Flux<FeedSignal> shared =
        signals
            .doOnSubscribe(s -> openUpstreams.incrementAndGet())
            .doFinally(s -> {
              openUpstreams.decrementAndGet();
              feeds.remove(dealerId, self.get());
            })
            .replay(FEED_REPLAY)
            .refCount(1, properties.streamLinger());
    self.set(shared);
    return shared;
  }

  private <T> Flux<T> openFollower(
      Object key, Flux<LiveIndex> source, Duration minInterval, Supplier<Mono<T>> fetch) {
    Flux<List<Object>> changes =
        source
            .filter(li -> li.figures() != null && li.connection().isLive())
            // A reconnect re-reads too: what was read while the backend was away may be missing.
            .map(li ->
                List.of(
                    figuresKey(Objects.requireNonNull(li.figures())), li.connection().changedAt()))
            .distinctUntilChanged();
    return share(key, LatestThrottle.apply(changes, minInterval), fetch);
  }

  /** Reads {@code fetch} on every trigger, one read at a time; the newest value replayed. */
  private <T> Flux<T> share(Object key, Flux<?> triggers, Supplier<Mono<T>> fetch) {
    AtomicReference<Flux<T>> self = new AtomicReference<>();
    Flux<T> shared =
        triggers
            .concatMap(trigger ->
                fetch
                    .get()
                    .onErrorResume(e -> {
                      log.debug("re-reading {} failed: {}", key, e.toString());
                      return Mono.empty();
                    }))
            .doFinally(s -> followers.remove(key, self.get()))
            .replay(1)
            .refCount(1, properties.streamLinger());
    self.set(shared);
    return shared;
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
   * Opens a stream again and again: every failure or end is reported as {@link Signal.Down} before
   * the next attempt, {@code reconnect-delay} later.
   */
  private Flux<Signal> resilient(Supplier<Flux<Signal>> connect, String what) {
    return Flux.defer(connect)
        .concatWith(Mono.error(() -> new StreamEndedException(what)))
        .onErrorResume(e -> {
          log.debug("stream {} dropped: {}", what, e.toString());
          return Flux.<Signal>just(new Signal.Down()).concatWith(Mono.error(e));
        })
        .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, properties.reconnectDelay()));
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

  private record IndexKey(Scope scope, String window) {}

  /** What one upstream connection says, before it is folded into what viewers see. */
  private sealed interface Signal {
    record Data(IndexMessage message) implements Signal {}

    record Item(FeedItem item) implements Signal {}

    record Reset() implements Signal {}

    record Warning(Alert alert) implements Signal {}

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
