package io.pulse.security;

import java.net.InetSocketAddress;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The address a request came from, as throttles and the audit log name it: the remote address of
 * the connection, which Spring rewrites from {@code Forwarded}/{@code X-Forwarded-For} only when
 * {@code server.forward-headers-strategy} trusts them (behind a proxy otherwise: the proxy's).
 */
public final class ClientAddress {

  /** What a request without a known address is counted and audited as. */
  static final String UNKNOWN = "unknown";

  private ClientAddress() {}

  /** The address of {@code request}. */
  public static String of(ServerHttpRequest request) {
    InetSocketAddress a = request.getRemoteAddress();
    if (a == null) {
      return UNKNOWN;
    }
    return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
  }

  /**
   * The address of the current request, from the exchange Spring Security keeps in the Reactor
   * context; {@link #UNKNOWN} outside a request.
   */
  public static Mono<String> current() {
    return Mono.deferContextual(ctx ->
        Mono.just(
            ctx.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
                .map(e -> of(e.getRequest()))
                .orElse(UNKNOWN)));
  }
}
