package io.pulse.ui.backend;

import io.netty.channel.ChannelOption;
import io.pulse.api.Alert;
import io.pulse.api.Analytics.BrandFixFirst;
import io.pulse.api.Analytics.BrandSegments;
import io.pulse.api.Analytics.DealerAnalysis;
import io.pulse.api.Analytics.DealerFixFirst;
import io.pulse.api.Analytics.DealerRanking;
import io.pulse.api.Analytics.DriverReport;
import io.pulse.api.Analytics.IntegrityReport;
import io.pulse.api.Analytics.RegionComparison;
import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.IndexView;
import io.pulse.api.Me;
import io.pulse.api.NetworkIds;
import io.pulse.api.Region;
import io.pulse.api.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The backend's HTTP API (docs/api.md) for the UI: REST reads and alert actions, and raw SSE
 * streams for {@link LiveHub}. Two connection pools of our own: Reactor Netty's default one stops
 * at 500 connections, and every watched scope holds one SSE connection for as long as it is
 * watched.
 */
@Component
public class BackendClient {

  private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
      new ParameterizedTypeReference<>() {};

  private final WebClient rest;
  private final WebClient streams;
  private final Duration requestTimeout;

  public BackendClient(WebClient.Builder builder, BackendProperties properties) {
    this.requestTimeout = properties.requestTimeout();
    int connectMillis = Math.toIntExact(properties.connectTimeout().toMillis());
    ConnectionProvider restPool =
        ConnectionProvider.builder("pulse-backend-rest")
            .maxConnections(properties.maxRestConnections())
            .pendingAcquireMaxCount(properties.maxRestConnections() * 8)
            .maxIdleTime(Duration.ofSeconds(30))
            .build();
    ConnectionProvider streamPool =
        ConnectionProvider.builder("pulse-backend-streams")
            .maxConnections(properties.maxStreams())
            .pendingAcquireMaxCount(-1)
            .build();
    HttpClient restHttp =
        HttpClient.create(restPool)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
            .responseTimeout(properties.requestTimeout());
    // No response timeout on streams: LiveHub's idle timeout (above the 15 s heartbeat) decides.
    HttpClient streamHttp =
        HttpClient.create(streamPool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis);
    String base = properties.backendUrl().toString().replaceAll("/+$", "") + "/api/v1";
    WebClient.Builder common =
        builder
            .clone()
            .baseUrl(base)
            .defaultHeaders(h -> {
              String authorization = properties.authorizationHeader();
              if (authorization != null) {
                h.set(HttpHeaders.AUTHORIZATION, authorization);
              }
            });
    this.rest = common.clone().clientConnector(new ReactorClientHttpConnector(restHttp)).build();
    this.streams =
        common.clone().clientConnector(new ReactorClientHttpConnector(streamHttp)).build();
  }

  /** Whether {@code id} is a well-formed network id (the only ones put into URLs). */
  public static boolean isValidId(@Nullable String id) {
    return NetworkIds.isValid(id);
  }

  // --- who is who ---------------------------------------------------------------------------

  /**
   * Who the holder of {@code authorization} is ({@code GET /me} with those credentials instead of
   * the UI's own); a 401 comes as {@link WebClientResponseException.Unauthorized}.
   */
  public Mono<Me> whoIs(String authorization) {
    return rest.get()
        .uri("/me")
        .headers(h -> h.set(HttpHeaders.AUTHORIZATION, authorization))
        .retrieve()
        .bodyToMono(Me.class)
        .timeout(requestTimeout);
  }

  // --- network ------------------------------------------------------------------------------

  public Mono<Dealer> dealer(String id) {
    return get(Dealer.class, "/dealers/{id}", checked(id));
  }

  public Mono<List<Dealer>> dealers(@Nullable String brandId, @Nullable String regionId) {
    return rest.get()
        .uri(b -> {
          b.path("/dealers");
          if (brandId != null) {
            b.queryParam("brandId", checked(brandId));
          }
          if (regionId != null) {
            b.queryParam("regionId", checked(regionId));
          }
          return b.build();
        })
        .retrieve()
        .bodyToFlux(Dealer.class)
        .collectList()
        .timeout(requestTimeout.multipliedBy(2));
  }

  public Mono<List<Brand>> brands() {
    return rest.get().uri("/brands").retrieve().bodyToFlux(Brand.class).collectList();
  }

  public Mono<List<Region>> regions() {
    return rest.get().uri("/regions").retrieve().bodyToFlux(Region.class).collectList();
  }

  // --- index ---------------------------------------------------------------------------------

  public Mono<IndexView> dealerIndex(String id, String window) {
    return get(IndexView.class, "/dealers/{id}/index?window={w}", checked(id), window(window));
  }

  // --- analytics -----------------------------------------------------------------------------

  public Mono<DealerAnalysis> dealerAnalysis(String id, String window, String language) {
    return get(
        DealerAnalysis.class,
        "/dealers/{id}/analysis?window={w}&lang={l}",
        checked(id),
        window(window),
        language(language));
  }

  public Mono<DealerFixFirst> dealerFixFirst(String id, String window, String language) {
    return get(
        DealerFixFirst.class,
        "/dealers/{id}/fix-first?window={w}&lang={l}",
        checked(id),
        window(window),
        language(language));
  }

  public Mono<BrandFixFirst> brandFixFirst(String brandId, String window, String language) {
    return get(
        BrandFixFirst.class,
        "/brands/{id}/fix-first?window={w}&lang={l}",
        checked(brandId),
        window(window),
        language(language));
  }

  public Mono<RegionComparison> brandRegions(String brandId, String window) {
    return get(
        RegionComparison.class,
        "/brands/{id}/regions?window={w}",
        checked(brandId),
        window(window));
  }

  public Mono<DealerRanking> regionRanking(String regionId, String brandId, String window) {
    return get(
        DealerRanking.class,
        "/regions/{id}/dealers?brandId={b}&window={w}&sort=shrunkCsi",
        checked(regionId),
        checked(brandId),
        window(window));
  }

  public Mono<BrandSegments> brandSegments(String brandId, @Nullable String regionId) {
    return regionId == null
        ? get(BrandSegments.class, "/brands/{id}/segments", checked(brandId))
        : get(
            BrandSegments.class,
            "/brands/{id}/segments?regionId={r}",
            checked(brandId),
            checked(regionId));
  }

  public Mono<IntegrityReport> brandIntegrity(
      String brandId, @Nullable String regionId, String language) {
    return regionId == null
        ? get(
            IntegrityReport.class,
            "/brands/{id}/integrity?lang={l}",
            checked(brandId),
            language(language))
        : get(
            IntegrityReport.class,
            "/brands/{id}/integrity?regionId={r}&lang={l}",
            checked(brandId),
            checked(regionId),
            language(language));
  }

  public Mono<DriverReport> brandDrivers(String brandId, @Nullable String regionId) {
    return regionId == null
        ? get(DriverReport.class, "/brands/{id}/drivers", checked(brandId))
        : get(
            DriverReport.class,
            "/brands/{id}/drivers?regionId={r}",
            checked(brandId),
            checked(regionId));
  }

  // --- alerts --------------------------------------------------------------------------------

  public Mono<List<Alert>> dealerAlerts(String dealerId, boolean openOnly) {
    return rest.get()
        .uri(
            "/dealers/{id}/alerts?status={s}&limit=100",
            checked(dealerId),
            openOnly ? "open" : "all")
        .retrieve()
        .bodyToFlux(Alert.class)
        .collectList()
        .timeout(requestTimeout);
  }

  /** OPEN → ACKNOWLEDGED; fails with {@link WebClientResponseException.Conflict} from elsewhere. */
  public Mono<Alert> acknowledge(String eventId, @Nullable String note) {
    return post("/alerts/{e}/acknowledge", eventId, note);
  }

  /** OPEN or ACKNOWLEDGED → RESOLVED; the note says what was done. */
  public Mono<Alert> resolve(String eventId, String note) {
    return post("/alerts/{e}/resolve", eventId, note);
  }

  // --- streams -------------------------------------------------------------------------------

  /** The raw events of an index stream (heartbeats included), one connection per subscription. */
  Flux<ServerSentEvent<String>> indexEvents(Scope scope, String window) {
    return streams
        .get()
        .uri("/stream" + scope.streamPath() + "?window={w}", window(window))
        .accept(MediaType.TEXT_EVENT_STREAM)
        .retrieve()
        .bodyToFlux(SSE);
  }

  /** The raw events of a dealer's feed, resuming after {@code lastEventId} when given. */
  Flux<ServerSentEvent<String>> feedEvents(String dealerId, @Nullable String lastEventId) {
    return streams
        .get()
        .uri("/stream/dealers/{id}/feed", checked(dealerId))
        .accept(MediaType.TEXT_EVENT_STREAM)
        .headers(h -> {
          if (lastEventId != null) {
            h.set("Last-Event-ID", lastEventId);
          }
        })
        .retrieve()
        .bodyToFlux(SSE);
  }

  // --- helpers -------------------------------------------------------------------------------

  private <T> Mono<T> get(Class<T> type, String uri, Object... variables) {
    return rest.get().uri(uri, variables).retrieve().bodyToMono(type).timeout(requestTimeout);
  }

  private Mono<Alert> post(String uri, String eventId, @Nullable String note) {
    if (!eventId.matches("[0-9a-fA-F-]{36}")) {
      return Mono.error(new IllegalArgumentException("not an event id: " + eventId));
    }
    WebClient.RequestBodySpec spec =
        rest.post().uri(uri, eventId).contentType(MediaType.APPLICATION_JSON);
    WebClient.RequestHeadersSpec<?> withBody =
        note == null || note.isBlank() ? spec : spec.bodyValue(Map.of("note", note));
    return withBody.retrieve().bodyToMono(Alert.class).timeout(requestTimeout);
  }

  private static String checked(String id) {
    if (!isValidId(id)) {
      throw new IllegalArgumentException("not a valid id: " + id);
    }
    return id;
  }

  private static String window(String window) {
    if (!window.matches("[0-9]{1,4}[smhd]")) {
      throw new IllegalArgumentException("not a window: " + window);
    }
    return window;
  }

  private static String language(String language) {
    return "ru".equals(language) ? "ru" : "en";
  }
}
