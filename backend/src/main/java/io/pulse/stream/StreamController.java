package io.pulse.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.api.CommentMasking;
import io.pulse.api.FeedItem;
import io.pulse.api.IndexMessage;
import io.pulse.api.LiveStatus;
import io.pulse.api.Scope;
import io.pulse.figures.IndexQueryService;
import io.pulse.figures.LiveFigures;
import io.pulse.network.DealerDirectory;
import io.pulse.network.NetworkId;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.security.PulseUser;
import io.pulse.security.StreamLimits;
import io.pulse.system.NotFoundException;
import io.pulse.window.WindowName;
import io.pulse.window.WindowSpec;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Server-sent event streams of index figures (dealer, region, brand, brand × region, network) and
 * of a dealer's feed. See docs/api.md, "Live streams".
 */
@Tag(
    name = "Live streams",
    description = "Server-sent events of index figures and of a dealer's feed")
@RestController
@RequestMapping(path = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
class StreamController {

  private static final int FEED_BUFFER = 256;

  private final IndexStreams indexStreams;
  private final FeedStreams feedStreams;
  private final IndexQueryService index;
  private final DealerDirectory directory;
  private final VisibleDealers dealers;
  private final Access access;
  private final StreamLimits limits;
  private final StreamOpenGate openGate;
  private final RelayWatchdog watchdog;
  private final StreamProperties properties;
  private final Clock clock;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter slowDrops;

  StreamController(
      IndexStreams indexStreams,
      FeedStreams feedStreams,
      IndexQueryService index,
      DealerDirectory directory,
      VisibleDealers dealers,
      Access access,
      StreamLimits limits,
      StreamOpenGate openGate,
      RelayWatchdog watchdog,
      StreamProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.indexStreams = indexStreams;
    this.feedStreams = feedStreams;
    this.index = index;
    this.directory = directory;
    this.dealers = dealers;
    this.access = access;
    this.limits = limits;
    this.openGate = openGate;
    this.watchdog = watchdog;
    this.properties = properties;
    this.clock = clock;
    meters.gauge("pulse.stream.connections", open);
    this.slowDrops =
        Counter.builder("pulse.stream.slow.disconnects")
            .description("Streams closed because the client stopped reading")
            .register(meters);
  }

  @GetMapping("/dealers/{id}")
  @SentEvents.Index
  Flux<ServerSentEvent<Object>> dealer(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "24h") @WindowName String window,
      ServerHttpResponse response) {
    WindowSpec w = index.window(window);
    return dealers.require(id).flatMapMany(d -> indexEvents(Scope.dealer(id), w, response));
  }

  @GetMapping("/regions/{id}")
  @SentEvents.Index
  Flux<ServerSentEvent<Object>> region(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "24h") @WindowName String window,
      ServerHttpResponse response) {
    WindowSpec w = index.window(window);
    directory.region(id).orElseThrow(() -> new NotFoundException("No region with id " + id));
    return indexEvents(Scope.region(id), w, response);
  }

  @GetMapping("/brands/{id}")
  @SentEvents.Index
  Flux<ServerSentEvent<Object>> brand(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "24h") @WindowName String window,
      ServerHttpResponse response) {
    WindowSpec w = index.window(window);
    return access.requireBrand(id).flatMapMany(u -> indexEvents(Scope.brand(id), w, response));
  }

  @GetMapping("/brands/{brandId}/regions/{regionId}")
  @SentEvents.Index
  Flux<ServerSentEvent<Object>> brandRegion(
      @PathVariable @NetworkId String brandId,
      @PathVariable @NetworkId String regionId,
      @RequestParam(defaultValue = "24h") @WindowName String window,
      ServerHttpResponse response) {
    WindowSpec w = index.window(window);
    return access
        .requireBrand(brandId)
        .map(u -> index.requireCell(brandId, regionId))
        .flatMapMany(cell -> indexEvents(Scope.brandRegion(brandId, regionId), w, response));
  }

  @GetMapping("/network")
  @SentEvents.Index
  Flux<ServerSentEvent<Object>> network(
      @RequestParam(defaultValue = "24h") @WindowName String window, ServerHttpResponse response) {
    return indexEvents(Scope.network(), index.window(window), response);
  }

  /**
   * A dealer's live feed of accepted feedback with alerts. Resumes after {@code Last-Event-ID} (a
   * sequence number) with exactly the missed items, or a {@code reset} when too many.
   */
  @GetMapping("/dealers/{id}/feed")
  @SentEvents.Feed
  Flux<ServerSentEvent<Object>> feed(
      @PathVariable @NetworkId String id,
      @RequestHeader(name = "Last-Event-ID", required = false)
          @Pattern(regexp = "\\s*[0-9]{0,18}\\s*", message = "must be a feed sequence number")
          @Nullable String lastEventId,
      ServerHttpResponse response) {
    Long last = parseSeq(lastEventId);
    return dealers
        .require(id)
        .then(access.user().map(PulseUser::isAdmin).defaultIfEmpty(false))
        .flatMapMany(admin -> {
          noProxyBuffering(response);
          Duration retry = retryWithJitter();
          Flux<ServerSentEvent<Object>> items =
              feedStreams
                  .watch(id, last)
                  // Items are events, not state: a client that cannot keep up is cut off
                  // and resumes from its Last-Event-ID instead of growing a buffer here.
                  .onBackpressureBuffer(
                      FEED_BUFFER, dropped -> slowDrops.increment(), BufferOverflowStrategy.ERROR)
                  .map(f -> {
                    ServerSentEvent.Builder<Object> b =
                        ServerSentEvent.builder().event(f.event()).retry(retry);
                    if (f.item() != null) {
                      b.id(Long.toString(f.item().seq())).data(admin ? f.item() : masked(f.item()));
                    } else {
                      b.data("missed more than " + properties.feedBacklog() + " items");
                    }
                    return b.build();
                  });
          return counted(withSideEvents(items, retry));
        });
  }

  /** Telephone numbers and e-mail addresses in the comment hidden: for all but admins. */
  private static FeedItem masked(FeedItem item) {
    return item.comment() == null
        ? item
        : new FeedItem(
            item.dealerId(),
            item.seq(),
            item.eventId(),
            item.stage(),
            item.occurredAt(),
            item.acceptedAt(),
            item.scores(),
            CommentMasking.mask(item.comment()),
            item.channel(),
            item.alerts());
  }

  private Flux<ServerSentEvent<Object>> indexEvents(
      Scope target, WindowSpec window, ServerHttpResponse response) {
    noProxyBuffering(response);
    Duration retry = retryWithJitter();
    // Index streams carry state, not deltas: the first event of every connection (also after a
    // reconnect with Last-Event-ID) is a fresh snapshot, which supersedes anything missed; so is
    // the first after the live path recovers.
    Flux<ServerSentEvent<Object>> events =
        SlowSubscriberGuard.guard(
                indexStreams.watch(target, window),
                properties.slowClientTimeout(),
                Schedulers.parallel(),
                slowDrops::increment)
            .index()
            .map(t -> {
              Versioned<LiveFigures> v = t.getT2();
              return ServerSentEvent.<Object>builder()
                  .id(Long.toString(v.version()))
                  .event(t.getT1() == 0 || v.resync() ? "snapshot" : "update")
                  .retry(retry)
                  .data(
                      new IndexMessage(
                          v.version(), clock.instant(), v.value().index(), v.value().verdicts()))
                  .build();
            });
    return counted(withSideEvents(events, retry));
  }

  /**
   * Adds what every stream carries besides its events, for as long as its events flow: heartbeat
   * comments, and {@code event: status} whenever the live path of this instance pauses or resumes
   * (at once if it is paused when the stream opens).
   */
  private Flux<ServerSentEvent<Object>> withSideEvents(
      Flux<ServerSentEvent<Object>> events, Duration retry) {
    Flux<ServerSentEvent<Object>> heartbeats =
        Flux.interval(properties.heartbeat(), properties.heartbeat())
            .map(i -> ServerSentEvent.builder().comment("heartbeat").build());
    Flux<ServerSentEvent<Object>> statuses =
        watchdog
            .statuses()
            .distinctUntilChanged(LiveStatus::live)
            .index()
            .filter(t -> t.getT1() > 0 || !t.getT2().live())
            .map(t ->
                ServerSentEvent.builder().event("status").retry(retry).data(t.getT2()).build());
    // Side events stop when the events end; events are subscribed once (publish).
    return events.publish(shared -> {
      Mono<Integer> end = shared.ignoreElements().then(Mono.just(0));
      return Flux.merge(shared, heartbeats.takeUntilOther(end), statuses.takeUntilOther(end));
    });
  }

  /**
   * The SSE {@code retry:} of one connection: the configured wait plus up to as much again at
   * random, so clients cut off together do not all come back in the same instant.
   */
  private Duration retryWithJitter() {
    long base = properties.retry().toMillis();
    return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base + 1));
  }

  /**
   * Counts the stream and holds a slot of the caller's stream cap while it runs; refused (503) when
   * the instance already opened its maximum of streams this second.
   */
  private <T> Flux<T> counted(Flux<T> events) {
    return access
        .user()
        .flatMapMany(user -> {
          openGate.admit();
          return Flux.using(
              () -> limits.acquire(user),
              slot ->
                  events
                      .doOnSubscribe(s -> open.incrementAndGet())
                      .doFinally(s -> open.decrementAndGet()),
              Runnable::run);
        });
  }

  private static void noProxyBuffering(ServerHttpResponse response) {
    // nginx and friends buffer responses unless told not to; SSE must flow as it is written.
    response.getHeaders().set("X-Accel-Buffering", "no");
    response.getHeaders().setCacheControl("no-cache");
  }

  private static @Nullable Long parseSeq(@Nullable String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(lastEventId.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
