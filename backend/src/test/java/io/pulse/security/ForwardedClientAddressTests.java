package io.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whose {@code X-Forwarded-For} is believed: a trusted proxy's (by address or CIDR block), as an IP
 * literal, its last entry; anyone else's header changes nothing.
 */
class ForwardedClientAddressTests {

  /** The source address the rest of the chain sees for a request from {@code from}. */
  static String seenAs(List<String> trusted, String from, String header) {
    ForwardedClientAddress filter = new ForwardedClientAddress(new TrustedProxyProperties(trusted));
    MockServerHttpRequest.BaseBuilder<?> request =
        MockServerHttpRequest.get("/api/v1/auth/token")
            .remoteAddress(new InetSocketAddress(from, 40000));
    if (header != null) {
      request.header("X-Forwarded-For", header);
    }
    AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
    filter
        .filter(
            MockServerWebExchange.from(request),
            exchange -> {
              passed.set(exchange);
              return Mono.empty();
            })
        .block();
    return ClientAddress.of(passed.get().getRequest());
  }

  @Test
  void aTrustedProxyNamesTheBrowser() {
    assertThat(seenAs(List.of("127.0.0.1"), "127.0.0.1", "203.0.113.7")).isEqualTo("203.0.113.7");
    // The last entry is the one the trusted proxy appended; what the browser sent before is not.
    assertThat(seenAs(List.of("127.0.0.1"), "127.0.0.1", "10.0.0.1, 203.0.113.7"))
        .isEqualTo("203.0.113.7");
    assertThat(seenAs(List.of("10.20.0.0/16"), "10.20.3.4", "198.51.100.9"))
        .isEqualTo("198.51.100.9");
    assertThat(seenAs(List.of("::1"), "::1", "[2001:db8::7]")).isEqualTo("2001:db8:0:0:0:0:0:7");
  }

  @Test
  void anyoneElsesHeaderIsIgnored() {
    assertThat(seenAs(List.of("127.0.0.1"), "127.0.0.2", "203.0.113.7")).isEqualTo("127.0.0.2");
    assertThat(seenAs(List.of("10.20.0.0/16"), "10.21.0.1", "203.0.113.7")).isEqualTo("10.21.0.1");
    // Nobody is trusted by default.
    assertThat(seenAs(List.of(), "127.0.0.1", "203.0.113.7")).isEqualTo("127.0.0.1");
  }

  @Test
  void onlyAnAddressLiteralIsBelievedNeverANameToLookUp() {
    assertThat(seenAs(List.of("127.0.0.1"), "127.0.0.1", "evil.example.com"))
        .isEqualTo("127.0.0.1");
    assertThat(seenAs(List.of("127.0.0.1"), "127.0.0.1", "")).isEqualTo("127.0.0.1");
    assertThat(seenAs(List.of("127.0.0.1"), "127.0.0.1", null)).isEqualTo("127.0.0.1");
    assertThat(seenAs(List.of("127.0.0.1"), "127.0.0.1", "1.2.3.4; drop")).isEqualTo("127.0.0.1");
  }

  @Test
  void aBadTrustedProxyStopsTheStartNamingIt() {
    assertThatThrownBy(() -> new ForwardedClientAddress(new TrustedProxyProperties(List.of("ui"))))
        .hasMessageContaining("trusted-proxies")
        .hasMessageContaining("ui");
    assertThatThrownBy(
            () -> new ForwardedClientAddress(new TrustedProxyProperties(List.of("10.0.0.0/33"))))
        .hasMessageContaining("10.0.0.0/33");
  }
}
