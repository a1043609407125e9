package io.pulse.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Who calls, for tests that try endpoints as every role. The tests configure the users: a brand
 * executive {@code exec1} and a dealer manager {@code mgr1}, both with password {@code pw}, beside
 * the demo admin; the ingest key is each test's own.
 */
public enum Caller {
  ANONYMOUS,
  MANAGER,
  EXECUTIVE,
  INGEST,
  ADMIN;

  /** The headers that make a request this caller's. */
  public Map<String, String> headers(String ingestKey) {
    return switch (this) {
      case ANONYMOUS -> Map.of();
      case MANAGER -> Map.of("Authorization", basic("mgr1", "pw"));
      case EXECUTIVE -> Map.of("Authorization", basic("exec1", "pw"));
      case INGEST -> Map.of("X-Api-Key", ingestKey);
      case ADMIN -> Map.of("Authorization", TestClockConfiguration.ADMIN);
    };
  }

  /**
   * {@code client}, which tests get as the demo admin ({@link TestClockConfiguration}), as this
   * caller instead.
   */
  public WebTestClient on(WebTestClient client, String ingestKey) {
    return client
        .mutate()
        .defaultHeaders(h -> {
          h.remove("Authorization");
          headers(ingestKey).forEach(h::set);
        })
        .build();
  }

  /** An HTTP Basic Authorization header. */
  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
