package io.pulse.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How the simulator's tools authenticate to the backend: an ingest API key for writes ({@code
 * PULSE_INGEST_KEY}, by default the demo key the backend's demo mode accepts) and HTTP Basic for
 * reads ({@code PULSE_USER} / {@code PULSE_PASSWORD}, by default the demo admin).
 */
public final class Credentials {

  /** The header carrying an ingest API key. */
  public static final String API_KEY_HEADER = "X-Api-Key";

  private Credentials() {}

  public static String ingestKey() {
    return env("PULSE_INGEST_KEY", "pulse-demo-ingest-key");
  }

  /** The value of an {@code Authorization} header for reads. */
  public static String basicAuthorization() {
    String token = env("PULSE_USER", "admin") + ":" + env("PULSE_PASSWORD", "admin");
    return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
