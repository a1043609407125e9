package io.pulse.ui.backend;

import io.netty.channel.ChannelOption;
import io.pulse.api.Alert;
import io.pulse.api.AlertCase;
import io.pulse.api.Analytics.BrandFixFirst;
import io.pulse.api.Analytics.BrandSegments;
import io.pulse.api.Analytics.DealerAnalysis;
import io.pulse.api.Analytics.DealerFixFirst;
import io.pulse.api.Analytics.DealerRanking;
import io.pulse.api.Analytics.DriverReport;
import io.pulse.api.Analytics.IntegrityReport;
import io.pulse.api.Analytics.RegionComparison;
import io.pulse.api.Brand;
import io.pulse.api.CaseKpis;
import io.pulse.api.Celebration;
import io.pulse.api.CommentPage;
import io.pulse.api.ConfirmedEmail;
import io.pulse.api.Dealer;
import io.pulse.api.EmailConfirmation;
import io.pulse.api.History;
import io.pulse.api.IndexView;
import io.pulse.api.Me;
import io.pulse.api.NetworkIds;
import io.pulse.api.Region;
import io.pulse.api.Scope;
import io.pulse.api.SessionToken;
import io.pulse.api.Subscription;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The backend's HTTP API (docs/api.md) for the UI: REST reads and alert actions, and raw SSE
 * streams for {@link LiveHub}. Every call is made as a person ({@link BackendCredential}): the UI
 * has no credential of its own, so the backend decides what each person may see and do. Two
 * connection pools of our own: Reactor Netty's default one stops at 500 connections, and every
 * watched scope holds one SSE connection for as long as it is watched.
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
    WebClient.Builder common = builder.clone().baseUrl(base);
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
   * A session token for the holder of {@code authorization} (a person's HTTP Basic credentials, or
   * their still-valid session token to renew it): {@code POST /auth/token}, demo mode. {@code
   * browserAddress} is forwarded for the backend's sign-in throttle, which believes it from the UI
   * only (its trusted proxies). A 401 comes as {@link WebClientResponseException.Unauthorized}.
   */
  public Mono<SessionToken> sessionToken(String authorization, @Nullable String browserAddress) {
    return rest.post()
        .uri("/auth/token")
        .headers(h -> {
          h.set(HttpHeaders.AUTHORIZATION, authorization);
          if (browserAddress != null && !browserAddress.isBlank()) {
            h.set("X-Forwarded-For", browserAddress);
          }
        })
        .retrieve()
        .bodyToMono(SessionToken.class)
        .timeout(requestTimeout);
  }

  /** Who the holder of {@code as} is ({@code GET /me}). */
  public Mono<Me> whoIs(BackendCredential as) {
    return get(as, Me.class, "/me");
  }

  // --- network ------------------------------------------------------------------------------

  public Mono<Dealer> dealer(BackendCredential as, String id) {
    return get(as, Dealer.class, "/dealers/{id}", checked(id));
  }

  public Mono<List<Dealer>> dealers(
      BackendCredential as, @Nullable String brandId, @Nullable String regionId) {
    return as.authorization()
        .flatMap(auth ->
            rest.get()
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
                .header(HttpHeaders.AUTHORIZATION, auth)
                .retrieve()
                .bodyToFlux(Dealer.class)
                .collectList()
                .timeout(requestTimeout.multipliedBy(2)));
  }

  public Mono<List<Brand>> brands(BackendCredential as) {
    return list(as, Brand.class, "/brands");
  }

  public Mono<List<Region>> regions(BackendCredential as) {
    return list(as, Region.class, "/regions");
  }

  /**
   * The figures of {@code scope} over {@code window} as {@code as} may read them: the check a
   * viewer passes before joining a shared stream of the scope.
   */
  public Mono<IndexView> scopeIndex(BackendCredential as, Scope scope, String window) {
    return get(as, IndexView.class, scope.streamPath() + "/index?window={w}", window(window));
  }

  // --- index ---------------------------------------------------------------------------------

  public Mono<IndexView> dealerIndex(BackendCredential as, String id, String window) {
    return get(as, IndexView.class, "/dealers/{id}/index?window={w}", checked(id), window(window));
  }

  // --- analytics -----------------------------------------------------------------------------

  public Mono<DealerAnalysis> dealerAnalysis(
      BackendCredential as, String id, String window, String language) {
    return get(
        as,
        DealerAnalysis.class,
        "/dealers/{id}/analysis?window={w}&lang={l}",
        checked(id),
        window(window),
        language(language));
  }

  public Mono<DealerFixFirst> dealerFixFirst(
      BackendCredential as, String id, String window, String language) {
    return get(
        as,
        DealerFixFirst.class,
        "/dealers/{id}/fix-first?window={w}&lang={l}",
        checked(id),
        window(window),
        language(language));
  }

  public Mono<BrandFixFirst> brandFixFirst(
      BackendCredential as, String brandId, String window, String language) {
    return get(
        as,
        BrandFixFirst.class,
        "/brands/{id}/fix-first?window={w}&lang={l}",
        checked(brandId),
        window(window),
        language(language));
  }

  public Mono<RegionComparison> brandRegions(BackendCredential as, String brandId, String window) {
    return get(
        as,
        RegionComparison.class,
        "/brands/{id}/regions?window={w}",
        checked(brandId),
        window(window));
  }

  public Mono<DealerRanking> regionRanking(
      BackendCredential as, String regionId, String brandId, String window) {
    return get(
        as,
        DealerRanking.class,
        "/regions/{id}/dealers?brandId={b}&window={w}&sort=shrunkCsi",
        checked(regionId),
        checked(brandId),
        window(window));
  }

  public Mono<BrandSegments> brandSegments(
      BackendCredential as, String brandId, @Nullable String regionId) {
    return regionId == null
        ? get(as, BrandSegments.class, "/brands/{id}/segments", checked(brandId))
        : get(
            as,
            BrandSegments.class,
            "/brands/{id}/segments?regionId={r}",
            checked(brandId),
            checked(regionId));
  }

  public Mono<IntegrityReport> brandIntegrity(
      BackendCredential as, String brandId, @Nullable String regionId, String language) {
    return regionId == null
        ? get(
            as,
            IntegrityReport.class,
            "/brands/{id}/integrity?lang={l}",
            checked(brandId),
            language(language))
        : get(
            as,
            IntegrityReport.class,
            "/brands/{id}/integrity?regionId={r}&lang={l}",
            checked(brandId),
            checked(regionId),
            language(language));
  }

  public Mono<DriverReport> brandDrivers(
      BackendCredential as, String brandId, @Nullable String regionId) {
    return regionId == null
        ? get(as, DriverReport.class, "/brands/{id}/drivers", checked(brandId))
        : get(
            as,
            DriverReport.class,
            "/brands/{id}/drivers?regionId={r}",
            checked(brandId),
            checked(regionId));
  }

  // --- alerts --------------------------------------------------------------------------------

  public Mono<List<Alert>> dealerAlerts(BackendCredential as, String dealerId, boolean openOnly) {
    return list(
        as,
        Alert.class,
        "/dealers/{id}/alerts?status={s}&limit=100",
        checked(dealerId),
        openOnly ? "open" : "all");
  }

  /**
   * OPEN → ACKNOWLEDGED, as {@code as} (the backend records them); fails with {@link
   * WebClientResponseException.Conflict} when someone else moved it first.
   */
  public Mono<Alert> acknowledge(BackendCredential as, String eventId, @Nullable String note) {
    return post(as, "/alerts/{e}/acknowledge", eventId, note);
  }

  /** OPEN or ACKNOWLEDGED → RESOLVED, as {@code as}; the note says what was done. */
  public Mono<Alert> resolve(BackendCredential as, String eventId, String note) {
    return post(as, "/alerts/{e}/resolve", eventId, note);
  }

  /**
   * Resolves a case with what it was about ({@code rootCause}, one of the backend's list) and how
   * it ended ({@code RECOVERED}, {@code NOT_REACHED}, {@code NOT_RECOVERABLE}); either may be null.
   */
  public Mono<Alert> resolve(
      BackendCredential as,
      String eventId,
      String note,
      @Nullable String rootCause,
      @Nullable String outcome) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("note", note);
    if (rootCause != null) {
      body.put("rootCause", rootCause);
    }
    if (outcome != null) {
      body.put("outcome", outcome);
    }
    return send(as, "/alerts/{e}/resolve", eventId, body, Alert.class);
  }

  /** An alert as a case: assignee, every step with who took it, the customer's later answers. */
  public Mono<AlertCase> alertCase(BackendCredential as, String eventId) {
    if (!eventId.matches("[0-9a-fA-F-]{36}")) {
      return Mono.error(new IllegalArgumentException("not an event id: " + eventId));
    }
    return get(as, AlertCase.class, "/alerts/{e}/case", eventId);
  }

  /** The root causes a resolution may name, as the backend is configured. */
  public Mono<List<String>> rootCauses(BackendCredential as) {
    return get(as, String[].class, "/cases/root-causes").map(List::of);
  }

  /** Gives the case to a person (the name they sign in with). */
  public Mono<AlertCase> assign(BackendCredential as, String eventId, String assignee) {
    return send(as, "/alerts/{e}/assign", eventId, Map.of("assignee", assignee), AlertCase.class);
  }

  /** The customer was reached: the case's first contact (an open alert becomes acknowledged). */
  public Mono<AlertCase> contacted(BackendCredential as, String eventId) {
    return send(as, "/alerts/{e}/contact", eventId, Map.of(), AlertCase.class);
  }

  /** A dealer's promoters who wrote a comment in the last 30 days, newest first. */
  public Mono<List<Celebration>> celebrations(BackendCredential as, String dealerId) {
    return list(as, Celebration.class, "/dealers/{id}/celebrations?limit=10", checked(dealerId));
  }

  /** Thanks a promoter (the first thanks stays). */
  public Mono<Celebration> thank(BackendCredential as, String eventId) {
    return send(as, "/celebrations/{e}/thank", eventId, Map.of(), Celebration.class);
  }

  /** How a dealer's or brand's cases were handled over the last {@code days}. */
  public Mono<CaseKpis> caseKpis(BackendCredential as, Scope scope, int days) {
    int d = Math.max(1, Math.min(400, days));
    return switch (scope) {
      case Scope.Dealer dealer ->
          get(
              as,
              CaseKpis.class,
              "/dealers/{id}/cases/kpis?days={d}",
              checked(dealer.dealerId()),
              d);
      case Scope.Brand brand ->
          get(as, CaseKpis.class, "/brands/{id}/cases/kpis?days={d}", checked(brand.brandId()), d);
      default -> Mono.error(new IllegalArgumentException("no case KPIs for " + scope));
    };
  }

  private <T> Mono<T> send(
      BackendCredential as, String uri, String eventId, Map<String, String> body, Class<T> type) {
    if (!eventId.matches("[0-9a-fA-F-]{36}")) {
      return Mono.error(new IllegalArgumentException("not an event id: " + eventId));
    }
    return as.authorization()
        .flatMap(auth ->
            rest.post()
                .uri(uri, eventId)
                .header(HttpHeaders.AUTHORIZATION, auth)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(type)
                .timeout(requestTimeout));
  }

  // --- streams -------------------------------------------------------------------------------

  /**
   * The raw events of an index stream (heartbeats included), one connection per subscription,
   * opened with {@code authorization}.
   */
  Flux<ServerSentEvent<String>> indexEvents(String authorization, Scope scope, String window) {
    return streams
        .get()
        .uri("/stream" + scope.streamPath() + "?window={w}", window(window))
        .header(HttpHeaders.AUTHORIZATION, authorization)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .retrieve()
        .bodyToFlux(SSE);
  }

  /** The raw events of a dealer's feed, resuming after {@code lastEventId} when given. */
  Flux<ServerSentEvent<String>> feedEvents(
      String authorization, String dealerId, @Nullable String lastEventId) {
    return streams
        .get()
        .uri("/stream/dealers/{id}/feed", checked(dealerId))
        .header(HttpHeaders.AUTHORIZATION, authorization)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .headers(h -> {
          if (lastEventId != null) {
            h.set("Last-Event-ID", lastEventId);
          }
        })
        .retrieve()
        .bodyToFlux(SSE);
  }

  /**
   * A scope's day or week series from {@code from} to {@code to} (at most 13 months); the caller
   * has checked that the person may see the scope.
   */
  public Mono<History.Series> history(
      BackendCredential as, Scope scope, String granularity, LocalDate from, LocalDate to) {
    return get(
        as,
        History.Series.class,
        scope.streamPath() + "/history?granularity={g}&from={f}&to={t}",
        granularity.equals("week") ? "week" : "day",
        from.toString(),
        to.toString());
  }

  /** A scope's calendar periods against their previous ones. */
  public Mono<History.Periods> periods(BackendCredential as, Scope scope) {
    return get(as, History.Periods.class, scope.streamPath() + "/periods");
  }

  /** The person's own e-mail notifications ({@code email} null when they have none). */
  public Mono<Subscription> subscription(BackendCredential as) {
    return get(as, Subscription.class, "/me/notifications");
  }

  /** Saves the person's e-mail notifications; a bad address is the backend's 400. */
  public Mono<Subscription> subscribe(BackendCredential as, Subscription wanted) {
    return as.authorization()
        .flatMap(auth ->
            rest.put()
                .uri("/me/notifications")
                .header(HttpHeaders.AUTHORIZATION, auth)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(wanted)
                .retrieve()
                .bodyToMono(Subscription.class)
                .timeout(requestTimeout));
  }

  /**
   * Sends the confirmation e-mail of the person's pending address again: a 429 (too soon) comes as
   * {@link WebClientResponseException.TooManyRequests} with {@code Retry-After}, nothing pending as
   * {@link WebClientResponseException.Conflict}.
   */
  public Mono<Subscription> resendConfirmation(BackendCredential as) {
    return as.authorization()
        .flatMap(auth ->
            rest.post()
                .uri("/me/notifications/confirmation")
                .header(HttpHeaders.AUTHORIZATION, auth)
                .retrieve()
                .bodyToMono(Subscription.class)
                .timeout(requestTimeout));
  }

  /**
   * Confirms an address with the token of its confirmation link. Made for whoever opened the link,
   * who need not be signed in: no credential, the token is the proof. {@code browserAddress} is
   * forwarded for the backend's per-address throttle, which believes it from the UI only. A link
   * that does not work comes as {@link WebClientResponseException.BadRequest}, a throttled address
   * as {@link WebClientResponseException.TooManyRequests}.
   */
  public Mono<ConfirmedEmail> confirmEmail(String token, @Nullable String browserAddress) {
    return rest.post()
        .uri("/notifications/confirm")
        .headers(h -> {
          if (browserAddress != null && !browserAddress.isBlank()) {
            h.set("X-Forwarded-For", browserAddress);
          }
        })
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(new EmailConfirmation(token))
        .retrieve()
        .bodyToMono(ConfirmedEmail.class)
        .timeout(requestTimeout);
  }

  /** No more e-mail for the person. */
  public Mono<Void> unsubscribe(BackendCredential as) {
    return as.authorization()
        .flatMap(auth ->
            rest.delete()
                .uri("/me/notifications")
                .header(HttpHeaders.AUTHORIZATION, auth)
                .retrieve()
                .toBodilessEntity()
                .timeout(requestTimeout)
                .then());
  }

  /** The filters the comment search takes, by their query parameter names. */
  public static final List<String> SEARCH_FILTERS =
      List.of(
          "q",
          "dealerId",
          "brandId",
          "regionId",
          "stage",
          "channel",
          "parameter",
          "minScore",
          "maxScore",
          "nps",
          "from",
          "to");

  /**
   * A page of the comment search: {@code filters} by {@link #SEARCH_FILTERS} name (others are left
   * out), scoped and masked by the backend for the person.
   */
  public Mono<CommentPage> searchComments(
      BackendCredential as, Map<String, String> filters, String sort, int page, int size) {
    Map<String, Object> values = searchValues(filters);
    values.put("sort", "relevance".equals(sort) ? "relevance" : "newest");
    values.put("page", page);
    values.put("size", size);
    return as.authorization()
        .flatMap(auth ->
            rest.get()
                .uri(b -> query(b.path("/feedback/search"), values))
                .header(HttpHeaders.AUTHORIZATION, auth)
                .retrieve()
                .bodyToMono(CommentPage.class)
                .timeout(requestTimeout));
  }

  /** The search's results as a file ({@code csv} or {@code xlsx}), as the backend streams it. */
  public Flux<DataBuffer> exportComments(
      BackendCredential as, Map<String, String> filters, String format) {
    Map<String, Object> values = searchValues(filters);
    values.put("format", "xlsx".equals(format) ? "xlsx" : "csv");
    return as.authorization()
        .flatMapMany(auth ->
            rest.get()
                .uri(b -> query(b.path("/feedback/search/export"), values))
                .header(HttpHeaders.AUTHORIZATION, auth)
                .retrieve()
                .bodyToFlux(DataBuffer.class));
  }

  private static Map<String, Object> searchValues(Map<String, String> filters) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : SEARCH_FILTERS) {
      String v = filters.get(name);
      if (v != null && !v.isBlank()) {
        values.put(name, v);
      }
    }
    return values;
  }

  /**
   * Every value as a URI variable, never as part of the template: a search text holding braces or
   * ampersands is sent as typed, encoded.
   */
  private static URI query(UriBuilder b, Map<String, Object> values) {
    values.keySet().forEach(name -> b.queryParam(name, "{" + name + "}"));
    return b.build(values);
  }

  // --- helpers -------------------------------------------------------------------------------

  private <T> Mono<T> get(BackendCredential as, Class<T> type, String uri, Object... variables) {
    return as.authorization()
        .flatMap(auth ->
            rest.get()
                .uri(uri, variables)
                .header(HttpHeaders.AUTHORIZATION, auth)
                .retrieve()
                .bodyToMono(type)
                .timeout(requestTimeout));
  }

  private <T> Mono<List<T>> list(
      BackendCredential as, Class<T> type, String uri, Object... variables) {
    return as.authorization()
        .flatMap(auth ->
            rest.get()
                .uri(uri, variables)
                .header(HttpHeaders.AUTHORIZATION, auth)
                .retrieve()
                .bodyToFlux(type)
                .collectList()
                .timeout(requestTimeout));
  }

  private Mono<Alert> post(
      BackendCredential as, String uri, String eventId, @Nullable String note) {
    if (!eventId.matches("[0-9a-fA-F-]{36}")) {
      return Mono.error(new IllegalArgumentException("not an event id: " + eventId));
    }
    return as.authorization()
        .flatMap(auth -> {
          WebClient.RequestBodySpec spec =
              rest.post()
                  .uri(uri, eventId)
                  .header(HttpHeaders.AUTHORIZATION, auth)
                  .contentType(MediaType.APPLICATION_JSON);
          WebClient.RequestHeadersSpec<?> withBody =
              note == null || note.isBlank() ? spec : spec.bodyValue(Map.of("note", note));
          return withBody.retrieve().bodyToMono(Alert.class).timeout(requestTimeout);
        });
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
