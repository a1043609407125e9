package io.pulse.loadtest.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Credentials for a backend with authentication: an API key ({@code X-Api-Key}) for ingest, HTTP
 * Basic or a bearer token for reads and streams, or per-user tokens. Nothing set sends nothing.
 *
 * @param apiKey {@code pulse.apiKey}
 * @param user {@code pulse.user}
 * @param password {@code pulse.password}
 * @param bearer {@code pulse.bearer}
 * @param tokens per-user bearer tokens signed with the key at {@code pulse.tokenKey}: every cabinet
 *     is its own dealer's manager, every executive an executive of their brand (an admin for the
 *     cross-brand views); the load generator's own reads are an admin's. Wins over the others for
 *     reads and streams.
 */
public record Auth(
    @Nullable String apiKey,
    @Nullable String user,
    @Nullable String password,
    @Nullable String bearer,
    @Nullable Tokens tokens) {

  /** Session attribute holding a listener's own {@code Authorization} value (per-user tokens). */
  public static final String ATTRIBUTE = "authorization";

  /** Whether every listener signs in as themselves ({@link #tokens} set). */
  public boolean perUser() {
    return tokens != null;
  }

  /**
   * Headers for the load generator's reads (network, metrics) and, without per-user tokens, for
   * every stream: {@code Authorization} if a user or token is set.
   */
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
    if (tokens != null) {
      return tokens.admin("load-generator");
    }
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
    String reads =
        tokens != null
            ? "per-user-tokens"
            : bearer != null ? "bearer" : user != null ? "basic(" + user + ")" : "none";
    return "ingest=" + (apiKey != null ? "api-key" : reads) + ",reads=" + reads;
  }
}
