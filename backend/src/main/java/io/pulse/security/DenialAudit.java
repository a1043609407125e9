package io.pulse.security;

import java.security.Principal;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Audits the 403s that handlers answer (a key writing for a brand outside its scope): the role
 * gate's own 403s are audited by {@link SecurityConfiguration}'s denial handler, which answers
 * before this filter runs. Runs inside Spring Security's chain, so the exchange knows the caller.
 */
@Component
// After Spring Security's chain (order -100), so the exchange carries the principal.
@Order(0)
class DenialAudit implements WebFilter {

  private final SecurityAudit audit;

  DenialAudit(SecurityAudit audit) {
    this.audit = audit;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return chain
        .filter(exchange)
        .then(
            Mono.defer(() ->
                HttpStatus.FORBIDDEN.equals(exchange.getResponse().getStatusCode())
                    ? record(audit, exchange)
                    : Mono.empty()));
  }

  /** Writes a denial of {@code exchange}'s request, named after its caller if known. */
  static Mono<Void> record(SecurityAudit audit, ServerWebExchange exchange) {
    var request = exchange.getRequest();
    return exchange
        .getPrincipal()
        .map(Principal::getName)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(actor ->
            audit.denied(
                actor.orElse(null),
                request.getMethod().name(),
                request.getPath().value(),
                ClientAddress.of(request)));
  }
}
