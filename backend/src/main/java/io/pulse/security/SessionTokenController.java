package io.pulse.security;

import io.pulse.api.SessionToken;
import io.pulse.system.NotFoundException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Demo mode's session tokens for the UI: a person's name and password (HTTP Basic) or their
 * still-valid session token buys a fresh token, minutes long, carrying who they are <em>now</em> in
 * the configuration — a role or dealer changed since takes effect at the next renewal, a user
 * removed cannot renew. In OIDC mode the provider issues tokens and this answers 404.
 */
@Tag(name = "Caller", description = "Who the caller is")
@RestController
class SessionTokenController {

  private final SecurityProperties properties;
  private final SessionTokens tokens;
  private final Access access;
  private final Map<String, SecurityProperties.DemoUser> users;

  SessionTokenController(SecurityProperties properties, SessionTokens tokens, Access access) {
    this.properties = properties;
    this.tokens = tokens;
    this.access = access;
    this.users =
        properties.users().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    SecurityProperties.DemoUser::username, Function.identity(), (a, b) -> a));
  }

  @PostMapping("/api/v1/auth/token")
  @ApiResponse(responseCode = "200", description = "A fresh session token")
  Mono<SessionToken> issue() {
    if (properties.oidc()) {
      return Mono.error(() ->
          new NotFoundException(
              "Session tokens are issued in demo mode only; in OIDC mode the provider issues"
                  + " them."));
    }
    return access
        .user()
        .switchIfEmpty(Mono.error(() -> new AccessDeniedException("not authenticated")))
        .flatMap(caller -> {
          SecurityProperties.DemoUser now = users.get(caller.name());
          if (now == null) {
            return Mono.error(
                () -> new AccessDeniedException(caller.name() + " is no longer a user"));
          }
          return tokens.issue(SecurityConfiguration.toUser(now));
        });
  }
}
