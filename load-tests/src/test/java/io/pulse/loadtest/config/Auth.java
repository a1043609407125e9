package io.pulse.loadtest.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Credentials for a backend with authentication: an API key ({@code X-Api-Key}) for ingest, HTTP
 * Basic or a bearer token for reads and streams. Nothing set sends nothing.
 *
 * @param apiKey {@code pulse.apiKey}
 * @param user {@code pulse.user}
 * @param password {@code pulse.password}
 * @param bearer {@code pulse.bearer}
 */
public record Auth(
    @Nullable String apiKey,
    @Nullable String user,
    @Nullable String password,
    @Nullable String bearer) {

  /** Headers for reads and streams: {@code Authorization} if a user or token is set. */
  public Map<String, String> readHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    String authorization = authorization();
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    return headers;
  }

  /**
   * Headers for ingest: {@code X-Api-Key} when a key is set, else the read credentials (a user
   * allowed to post feedback).
   */
  public Map<String, String> ingestHeaders() {
    if (apiKey != null) {
      return Map.of("X-Api-Key", apiKey);
    }
    return readHeaders();
  }

  private @Nullable String authorization() {
    if (bearer != null) {
      return "Bearer " + bearer;
    }
    if (user != null) {
      String pair = user + ":" + (password == null ? "" : password);
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  /** What is sent, without secrets. */
  public String describe() {
    String reads = bearer != null ? "bearer" : user != null ? "basic(" + user + ")" : "none";
    return "ingest=" + (apiKey != null ? "api-key" : reads) + ",reads=" + reads;
  }
}
