package io.pulse.stream;

import io.pulse.api.CommentMasking;
import io.pulse.api.FeedItem;
import io.pulse.api.Scope;
import io.pulse.figures.IndexQueryService;
import io.pulse.network.DealerDirectory;
import io.pulse.network.NetworkId;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.security.StreamLimits;
import io.pulse.system.NotFoundException;
import io.pulse.window.WindowName;
import io.pulse.window.WindowSpec;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
  private static final MediaType EVENT_STREAM =
      new MediaType(MediaType.TEXT_EVENT_STREAM, StandardCharsets.UTF_8);

  private final StreamConnections connections;
  private final IndexStreams indexStreams;
  private final FeedStreams feedStreams;
  private final IndexQueryService index;
  private final DealerDirectory directory;
  private final VisibleDealers dealers;
  private final Access access;
  private final StreamLimits limits;
  private final StreamOpenGate openGate;
  private final Clock clock;

  StreamController(
      StreamConnections connections,
      IndexStreams indexStreams,
      FeedStreams feedStreams,
      IndexQueryService index,
      DealerDirectory directory,
      VisibleDealers dealers,
      Access access,
      StreamLimits limits,
      StreamOpenGate openGate,
      Clock clock) {
    this.clock = clock;
    this.connections = connections;
    this.indexStreams = indexStreams;
    this.feedStreams = feedStreams;
    this.index = index;
    this.directory = directory;
    this.dealers = dealers;
    this.access = access;
    this.limits = limits;
    this.openGate = openGate;
  }

  @GetMapping("/dealers/{id}")
  @SentEvents.Index
  Mono<Void> dealer(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "24h") @WindowName String window,
      ServerHttpResponse response) {
    WindowSpec w = index.window(window);
    return dealers.require(id).then(indexEvents(Scope.dealer(id), w, response));
  }

  @GetMapping("/regions/{id}")
  @SentEvents.Index
  Mono<Void> region(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "24h") @WindowName String window,
      ServerHttpResponse response) {
    WindowSpec w = index.window(window);
    directory.region(id).orElseThrow(() -> new NotFoundException("No region with id " + id));
    return indexEvents(Scope.region(id), w, response);
  }

  @GetMapping("/brands/{id}")
  @SentEvents.Index
  Mono<Void> brand(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "24h") @WindowName String window,
      ServerHttpResponse response) {
    WindowSpec w = index.window(window);
    // Checked here, not by the stream's first read: the stream is written after its request
    // answered 200 (StreamHandover), too late for a 404.
    return access
        .requireBrand(id)
        .map(u ->
            directory.brand(id).orElseThrow(() -> new NotFoundException("No brand with id " + id)))
        .then(indexEvents(Scope.brand(id), w, response));
  }

  @GetMapping("/brands/{brandId}/regions/{regionId}")
  @SentEvents.Index
  Mono<Void> brandRegion(
      @PathVariable @NetworkId String brandId,
      @PathVariable @NetworkId String regionId,
      @RequestParam(defaultValue = "24h") @WindowName String window,
      ServerHttpResponse response) {
    WindowSpec w = index.window(window);
    return access
        .requireBrand(brandId)
        .map(u -> index.requireCell(brandId, regionId))
        .then(indexEvents(Scope.brandRegion(brandId, regionId), w, response));
  }

  @GetMapping("/network")
  @SentEvents.Index
  Mono<Void> network(
      @RequestParam(defaultValue = "24h") @WindowName String window, ServerHttpResponse response) {
    return indexEvents(Scope.network(), index.window(window), response);
  }

  /**
   * A dealer's live feed of accepted feedback with alerts. Resumes after {@code Last-Event-ID} (a
   * sequence number) with exactly the missed items, or a {@code reset} when too many.
   */
  @GetMapping("/dealers/{id}/feed")
  @SentEvents.Feed
  Mono<Void> feed(
      @PathVariable @NetworkId String id,
      @RequestHeader(name = "Last-Event-ID", required = false)
          @Pattern(regexp = "\\s*[0-9]{0,18}\\s*", message = "must be a feed sequence number")
          @Nullable String lastEventId,
      ServerHttpResponse response) {
    Long last = parseSeq(lastEventId);
    return dealers
        .require(id)
        .then(access.seesPersonalData())
        .flatMap(admin -> {
          Flux<FeedStreams.FeedFrame> frames = feedStreams.watch(id, last);
          // Phone numbers and e-mail addresses in comments are for admins only.
          Flux<FeedStreams.FeedFrame> shown =
              admin
                  ? frames
                  : frames.map(f ->
                      f.alert() != null
                          ? new FeedStreams.FeedFrame(f.event(), null, f.alert().masked())
                          : f.item() == null
                              ? f
                              : new FeedStreams.FeedFrame(f.event(), masked(f.item())));
          // Items are events, not state: a client that cannot keep up is cut off and resumes
          // from its Last-Event-ID instead of growing a buffer here.
          return counted(response, slot -> connections.feed(shown, FEED_BUFFER, slot));
        });
  }

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

  /**
   * Index streams carry state, not deltas: the first event of every connection (also after a
   * reconnect with Last-Event-ID) is a fresh snapshot, which supersedes anything missed; so is the
   * first after the live path recovers.
   */
  private Mono<Void> indexEvents(Scope target, WindowSpec window, ServerHttpResponse response) {
    return counted(
        response, slot -> connections.index(w -> indexStreams.watch(target, window, w), slot));
  }

  /**
   * Holds a slot of the caller's stream cap while the stream runs; refused (503) when the instance
   * already opened its maximum of streams this second. A stream opened with a token ends when the
   * token does, with an {@code event: reauth}: the client reconnects with a fresh token, and a role
   * or scope changed meanwhile applies from then on. Admission is decided here, inside the request,
   * so a refusal is an error response; the admitted stream is then handed over to be written after
   * the request ({@link StreamHandover}).
   */
  private Mono<Void> counted(
      ServerHttpResponse response, Function<Runnable, Flux<DataBuffer>> open) {
    return access
        .authentication()
        .flatMap(caller -> {
          openGate.admit();
          Runnable slot = limits.acquire(caller.getPrincipal());
          Flux<DataBuffer> stream;
          try {
            stream = open.apply(slot);
          } catch (RuntimeException e) {
            slot.run();
            throw e;
          }
          Instant expiry = caller.expiresAt();
          eventStream(response);
          return StreamHandover.serve(
              response, expiry == null ? stream : untilExpiry(stream, expiry), slot);
        });
  }

  private Flux<DataBuffer> untilExpiry(Flux<DataBuffer> stream, Instant expiry) {
    Duration left = Duration.between(clock.instant(), expiry);
    return stream
        .takeUntilOther(Mono.delay(left.isNegative() ? Duration.ZERO : left))
        .concatWith(Mono.fromSupplier(() -> connections.wrap(REAUTH)));
  }

  /**
   * Frames are written as they are (encoded once, shared between streams), so the headers an SSE
   * writer would set are set here. nginx and friends buffer responses unless told not to; SSE must
   * flow as it is written.
   */
  private static void eventStream(ServerHttpResponse response) {
    response.getHeaders().setContentType(EVENT_STREAM);
    response.getHeaders().set("X-Accel-Buffering", "no");
    response.getHeaders().setCacheControl("no-cache");
  }

  private static final byte[] REAUTH =
      SseFrames.event(null, "reauth", -1, "{\"reason\":\"the access token expired\"}");

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
