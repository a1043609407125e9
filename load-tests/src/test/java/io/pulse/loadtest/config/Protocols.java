package io.pulse.loadtest.config;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;

/** The HTTP protocols of the simulations: how virtual users connect to the backends. */
public final class Protocols {

  /** Messages a stream may buffer between two looks; a stream gets at most 4 updates/s. */
  private static final int SSE_BUFFER = 512;

  private Protocols() {}

  /**
   * Listeners (cabinets, executives): one connection of their own per virtual user, like a browser;
   * users are spread over the base URLs and the source addresses round-robin.
   */
  public static HttpProtocolBuilder listeners(LoadConfig config) {
    HttpProtocolBuilder protocol =
        common(config)
            .acceptHeader("application/json")
            .sseUnmatchedInboundMessageBufferSize(SSE_BUFFER);
    // Per-user tokens: each listener's own, from its session (Gatling evaluates the expression
    // per request); else everybody shares the configured credentials.
    return config.auth().perUser()
        ? protocol.header("Authorization", "#{" + Auth.ATTRIBUTE + "}")
        : protocol.headers(config.auth().readHeaders());
  }

  /**
   * Feedback senders: the carmaker's survey platform, a few keep-alive connections shared by all
   * requests instead of one per request.
   */
  public static HttpProtocolBuilder ingest(LoadConfig config) {
    return common(config)
        .shareConnections()
        .acceptHeader("application/json")
        .contentTypeHeader("application/json")
        .headers(config.auth().ingestHeaders());
  }

  /** The load generator's own reads of the backends' metrics (absolute URLs). */
  public static HttpProtocolBuilder monitor(LoadConfig config) {
    return http.disableWarmUp()
        .shareConnections()
        .headers(config.auth().readHeaders())
        .acceptHeader("application/json, text/plain");
  }

  private static HttpProtocolBuilder common(LoadConfig config) {
    HttpProtocolBuilder protocol =
        http.baseUrls(config.baseUrls())
            // The default warm-up calls a public web site; this machine only talks to itself.
            .disableWarmUp()
            .userAgentHeader("pulse-load-tests (Gatling)");
    if (!config.localAddresses().isEmpty()) {
      protocol = protocol.localAddresses(config.localAddresses());
    }
    return protocol;
  }
}
