package io.pulse.security;

import io.pulse.api.Role;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API is stateless: every request carries its credentials — an {@code X-Api-Key} (ingest
 * clients), HTTP Basic or a session token of the backend's own (demo users) or a bearer JWT (OIDC
 * users). No session, so no CSRF token is needed; the UI, which has sessions, protects its own
 * forms. One request needs no credentials: opening an e-mail confirmation link ({@link
 * ApiAccess#CONFIRM_EMAIL}), whose token is the proof and which is throttled per address. Roles
 * gate whole areas here; which dealer or brand a caller may see is checked per object by {@link
 * Access}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  SecurityWebFilterChain api(
      ServerHttpSecurity http,
      SecurityProperties properties,
      ApiKeys keys,
      FailureThrottle signInThrottle,
      FailureThrottle unknownKeyThrottle,
      SecurityAudit audit,
      SessionTokens sessionTokens,
      Environment env) {
    List<String> problems = SecurityModeCheck.problems(properties, env);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Pulse will not start in " + properties.mode() + " mode: " + String.join("; ", problems));
    }
    AuthenticationWebFilter apiKeyFilter =
        new AuthenticationWebFilter(apiKeyManager(keys, unknownKeyThrottle, audit));
    apiKeyFilter.setServerAuthenticationConverter(SecurityConfiguration::apiKey);
    apiKeyFilter.setAuthenticationFailureHandler((exchange, e) -> {
      if (e instanceof Throttled) {
        exchange
            .getExchange()
            .getResponse()
            .getHeaders()
            .set("Retry-After", Integer.toString(FailureThrottle.WINDOW_SECONDS));
        return problem(
            exchange.getExchange(),
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many unknown API keys from this address; try again in a minute.");
      }
      return problem(
          exchange.getExchange(), HttpStatus.UNAUTHORIZED, "The API key is unknown or revoked.");
    });
    http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .addFilterAt(apiKeyFilter, SecurityWebFiltersOrder.AUTHENTICATION)
        .exceptionHandling(e ->
            e.authenticationEntryPoint(entryPoint(properties)).accessDeniedHandler(denied(audit)))
        .authorizeExchange(a ->
            a.pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info")
                .permitAll()
                .pathMatchers(HttpMethod.POST, ApiAccess.CONFIRM_EMAIL)
                .permitAll()
                .pathMatchers("/actuator/**")
                .hasRole("ADMIN")
                .pathMatchers(HttpMethod.POST, ApiAccess.KEY_POSTS)
                .hasAnyRole("INGEST", "ADMIN")
                .pathMatchers(HttpMethod.PUT, ApiAccess.KEY_PUTS)
                .hasAnyRole("INGEST", "ADMIN")
                .pathMatchers(HttpMethod.GET, ApiAccess.EVERY_ROLE_GET)
                .authenticated()
                .pathMatchers("/api/v1/admin/**")
                .hasRole("ADMIN")
                .pathMatchers(
                    "/api/v1/network/index",
                    "/api/v1/network/history",
                    "/api/v1/network/periods",
                    "/api/v1/stream/network",
                    "/api/v1/regions/*/index",
                    "/api/v1/regions/*/history",
                    "/api/v1/regions/*/periods",
                    "/api/v1/stream/regions/*")
                .hasRole("ADMIN")
                .pathMatchers("/api/v1/**")
                .hasAnyRole("DEALER_MANAGER", "BRAND_EXECUTIVE", "ADMIN")
                .pathMatchers(ApiAccess.API_DESCRIPTION)
                .hasRole("ADMIN")
                .anyExchange()
                .denyAll());
    if (properties.oidc()) {
      log.info("Security: OIDC bearer tokens");
      http.oauth2ResourceServer(
          o -> o.jwt(j -> j.jwtAuthenticationConverter(SecurityConfiguration::fromJwt)));
    } else {
      log.warn(
          """

          ******************************************************************************
          *  DEMO MODE: {} built-in users with known passwords and the demo ingest key.
          *  For a demo on one machine only; never expose it to a network.
          *  Production: PULSE_SECURITY_MODE=oidc (docs/security.md).
          ******************************************************************************\
          """,
          properties.users().size());
      http.httpBasic(b ->
          b.authenticationManager(demoUsers(properties, signInThrottle, audit))
              .authenticationEntryPoint(entryPoint(properties)));
      // The UI's session tokens (POST /api/v1/auth/token): read like an OIDC provider's tokens.
      http.oauth2ResourceServer(o ->
          o.jwt(j ->
              j.jwtDecoder(sessionTokens.decoder())
                  .jwtAuthenticationConverter(SecurityConfiguration::fromJwt)));
    }
    return http.build();
  }

  /**
   * Spring Security observes nothing here. Its observations of a request (the filter chain, the
   * authorization) live as long as the request, so each open stream held them: about 6 KiB per
   * stream (measured, docs/benchmarks.md) for spans and timers nothing here reads. Refused sign-ins
   * are counted by {@link SignInThrottle}, every request's status by {@code http_server_requests}.
   */
  @Bean
  static SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  private static Mono<Authentication> apiKey(ServerWebExchange exchange) {
    String key = exchange.getRequest().getHeaders().getFirst(ApiAccess.API_KEY_HEADER);
    return key == null || key.isBlank()
        ? Mono.empty()
        : Mono.just(new UsernamePasswordAuthenticationToken(ApiAccess.API_KEY_HEADER, key.trim()));
  }

  /**
   * Checks a presented key. An address that presented too many unknown keys this minute gets 429
   * before any lookup: guessing keys costs neither a database query nor a cache entry.
   */
  private static ReactiveAuthenticationManager apiKeyManager(
      ApiKeys keys, FailureThrottle unknownKeys, SecurityAudit audit) {
    return authentication ->
        ClientAddress.current()
            .flatMap(source ->
                unknownKeys
                    .blocked(source)
                    .flatMap(blocked ->
                        blocked
                            ? audit
                                .keyRejected(source, "throttled", AuditLog.Outcome.DENIED)
                                .then(
                                    Mono.<Authentication>error(
                                        new Throttled("too many unknown keys")))
                            : keys.check(String.valueOf(authentication.getCredentials()))
                                .flatMap(found ->
                                    found
                                        .<Mono<Authentication>>map(k -> {
                                          String name = "key:" + k.name();
                                          return audit
                                              .signedIn(name, source)
                                              .thenReturn(
                                                  new PulseAuthentication(
                                                      new PulseUser(
                                                          name,
                                                          Role.INGEST,
                                                          Set.of(),
                                                          null,
                                                          k.scope())));
                                        })
                                        .orElseGet(() ->
                                            unknownKeys
                                                .failed(source)
                                                .then(
                                                    audit.keyRejected(
                                                        source,
                                                        "unknown or revoked",
                                                        AuditLog.Outcome.FAILED))
                                                .then(
                                                    Mono.error(
                                                        new BadCredentialsException(
                                                            "unknown API key")))))));
  }

  private static ReactiveAuthenticationManager demoUsers(
      SecurityProperties properties, FailureThrottle throttle, SecurityAudit audit) {
    PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    Map<String, SecurityProperties.DemoUser> users = new HashMap<>();
    properties.users().forEach(u -> users.put(u.username(), u));
    return authentication -> {
      String name = authentication.getName();
      String password = String.valueOf(authentication.getCredentials());
      return ClientAddress.current()
          .flatMap(source -> {
            // Per name and address: a stranger failing under a name does not lock its owner out.
            String subject = name.toLowerCase(Locale.ROOT) + "\n" + source;
            return throttle
                .blocked(subject)
                .flatMap(blocked -> {
                  if (blocked) {
                    return audit
                        .signInFailed(name, source, "throttled", AuditLog.Outcome.DENIED)
                        .then(Mono.error(new Throttled("too many failed sign-ins")));
                  }
                  SecurityProperties.DemoUser u = users.get(name);
                  if (u == null || !encoder.matches(password, u.password())) {
                    return throttle
                        .failed(subject)
                        .then(
                            audit.signInFailed(
                                name, source, "bad credentials", AuditLog.Outcome.FAILED))
                        .then(Mono.error(new BadCredentialsException("bad credentials")));
                  }
                  return audit
                      .signedIn(u.username(), source)
                      .thenReturn(new PulseAuthentication(toUser(u)));
                });
          });
    };
  }

  /**
   * Too many failed sign-ins under this name, or unknown keys from this address, in the last
   * minute: 429, whatever the credentials.
   */
  static final class Throttled extends AuthenticationException {
    Throttled(String message) {
      super(message);
    }
  }

  static PulseUser toUser(SecurityProperties.DemoUser u) {
    return new PulseUser(
        u.username(), u.role(), u.dealers() == null ? Set.of() : u.dealers(), u.brand());
  }

  /** OIDC: the role and bindings come from the token's {@code pulse_*} claims. */
  static Mono<AbstractAuthenticationToken> fromJwt(Jwt jwt) {
    String role = jwt.getClaimAsString("pulse_role");
    Role r;
    try {
      r = role == null ? null : Role.valueOf(role);
    } catch (IllegalArgumentException e) {
      r = null;
    }
    if (r == null) {
      return Mono.error(new BadCredentialsException("the token has no valid pulse_role claim"));
    }
    List<String> dealers = jwt.getClaimAsStringList("pulse_dealers");
    return Mono.just(
        new PulseAuthentication(
            new PulseUser(
                jwt.getSubject(),
                r,
                dealers == null ? Set.of() : Set.copyOf(dealers),
                jwt.getClaimAsString("pulse_brand")),
            jwt.getExpiresAt()));
  }

  private static ServerAuthenticationEntryPoint entryPoint(SecurityProperties properties) {
    return (exchange, e) -> {
      if (e instanceof Throttled) {
        exchange
            .getResponse()
            .getHeaders()
            .set("Retry-After", Integer.toString(FailureThrottle.WINDOW_SECONDS));
        return problem(
            exchange,
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many failed sign-ins for this user; try again in a minute.");
      }
      if (!properties.oidc()) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Basic realm=\"pulse\"");
      }
      return problem(
          exchange,
          HttpStatus.UNAUTHORIZED,
          "Authentication required: an API key, HTTP Basic credentials or a bearer token.");
    };
  }

  private static ServerAccessDeniedHandler denied(SecurityAudit audit) {
    return (exchange, e) ->
        DenialAudit.record(audit, exchange)
            .then(
                Mono.defer(
                    () -> problem(exchange, HttpStatus.FORBIDDEN, "Your role may not do this.")));
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail) {
    var response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(
        URI.create(
            switch (status) {
              case UNAUTHORIZED -> "/problems/unauthenticated";
              case TOO_MANY_REQUESTS -> "/problems/too-many-requests";
              default -> "/problems/forbidden";
            }));
    problem.setTitle(status.getReasonPhrase());
    problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
    DataBuffer buffer = response.bufferFactory().wrap(JSON.writeValueAsBytes(problem));
    return response.writeWith(Mono.just(buffer));
  }
}
