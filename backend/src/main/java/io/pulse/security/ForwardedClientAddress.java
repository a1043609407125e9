package io.pulse.security;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Takes a request's source address from {@code X-Forwarded-For} when, and only when, the connection
 * comes from a trusted proxy ({@code pulse.security.forwarded.trusted-proxies}: the UI, which signs
 * people in on their behalf). Everything that names a source — the sign-in throttle, the
 * unknown-key throttle, the audit log — then sees the browser rather than the UI. A header from
 * anyone else is ignored, so a caller cannot pick the address it is throttled as. Runs before
 * Spring Security.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ForwardedClientAddress implements WebFilter {

  static final String HEADER = "X-Forwarded-For";

  private final List<Block> trusted;

  ForwardedClientAddress(TrustedProxyProperties properties) {
    this.trusted = properties.trustedProxies().stream().map(Block::parse).toList();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (trusted.isEmpty()) {
      return chain.filter(exchange);
    }
    ServerHttpRequest request = exchange.getRequest();
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null || remote.getAddress() == null || !isTrusted(remote.getAddress())) {
      return chain.filter(exchange);
    }
    InetAddress forwarded = forwarded(request.getHeaders().getFirst(HEADER));
    if (forwarded == null) {
      return chain.filter(exchange);
    }
    ServerHttpRequest mutated =
        request.mutate().remoteAddress(new InetSocketAddress(forwarded, 0)).build();
    return chain.filter(exchange.mutate().request(mutated).build());
  }

  private boolean isTrusted(InetAddress address) {
    for (Block b : trusted) {
      if (b.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The address the trusted proxy appended: the last entry, an IP literal (never a name to look
   * up); anything else is ignored.
   */
  static @Nullable InetAddress forwarded(@Nullable String header) {
    if (header == null || header.isBlank() || header.length() > 1000) {
      return null;
    }
    String last = header.substring(header.lastIndexOf(',') + 1).trim();
    if (last.startsWith("[") && last.endsWith("]")) {
      last = last.substring(1, last.length() - 1);
    }
    try {
      return InetAddress.ofLiteral(last);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** An address block: an address and how many of its leading bits must match. */
  record Block(byte[] network, int bits) {

    static Block parse(String text) {
      String t = text.trim();
      int slash = t.indexOf('/');
      try {
        InetAddress a = InetAddress.ofLiteral(slash < 0 ? t : t.substring(0, slash));
        int max = a.getAddress().length * 8;
        int bits = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        if (bits < 0 || bits > max) {
          throw new IllegalArgumentException("prefix length out of range");
        }
        return new Block(a.getAddress(), bits);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "pulse.security.forwarded.trusted-proxies: not an address or CIDR block: " + text, e);
      }
    }

    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      int shift = a.length * 8 - bits;
      BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(shift);
      return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }
}
