package io.pulse.support;

import io.pulse.api.AlertCase;
import java.util.UUID;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads that several integration tests make alike: the answer's body, its 200 checked. */
public final class Reads {

  private Reads() {}

  /** The body of {@code GET uri} as {@code client}'s caller, which must be answered with 200. */
  public static <T> T body(WebTestClient client, String uri, Class<T> type) {
    return client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(type)
        .returnResult()
        .getResponseBody();
  }

  /** {@link #body} as a JSON tree. */
  public static JsonNode json(WebTestClient client, JsonMapper json, String uri) {
    return json.readTree(body(client, uri, String.class));
  }

  /** The case of the alert on {@code eventId}, as {@code client}'s caller sees it. */
  public static AlertCase alertCase(WebTestClient client, UUID eventId) {
    return body(client, "/api/v1/alerts/" + eventId + "/case", AlertCase.class);
  }
}
