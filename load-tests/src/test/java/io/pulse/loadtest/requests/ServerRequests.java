package io.pulse.loadtest.requests;

import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What the load generator asks the backends themselves ({@code /actuator}): how many streams each
 * holds, and whether its live heap stays flat. Feeder attribute {@code #{serverUrl}} picks the
 * backend.
 */
public final class ServerRequests {

  /** Request name of the open-streams check. */
  public static final String STREAMS_OPEN = "server: streams open";

  /** Request name of the live-heap check. */
  public static final String LIVE_HEAP = "server: live heap after GC";

  private static final String GAUGE =
      "(?m)^pulse_stream_connections(?:\\{[^}]*\\})? ([0-9.eE+-]+)$";

  private ServerRequests() {}

  /** KO unless the backend reports at least {@code expected} open streams. */
  public static HttpRequestActionBuilder streamsOpen(int expected) {
    return http(STREAMS_OPEN)
        .get("#{serverUrl}/actuator/prometheus")
        .check(
            status().is(200),
            regex(GAUGE)
                .find()
                .transform(Double::parseDouble)
                .validate(
                    "at least " + expected + " streams open",
                    (open, session) -> {
                      if (open < expected) {
                        throw new IllegalStateException(
                            String.format(
                                Locale.ROOT,
                                "%s holds %.0f streams, expected at least %d",
                                session.getString("serverUrl"),
                                open,
                                expected));
                      }
                      return open;
                    }));
  }

  /**
   * Reads {@code jvm.gc.live.data.size} (old generation after the last collection). The first
   * sample taken after {@code baselineAfter} (epoch ms) becomes the backend's baseline; a later one
   * above baseline × {@code growthMax} + 64 MB is KO. Zero (no old-generation collection yet)
   * passes.
   */
  public static HttpRequestActionBuilder liveHeap(
      Map<String, Double> baselines, double growthMax, LongSupplier baselineAfter) {
    return http(LIVE_HEAP)
        .get("#{serverUrl}/actuator/metrics/jvm.gc.live.data.size")
        .check(
            status().is(200),
            jsonPath("$.measurements[0].value")
                .ofDouble()
                .validate(
                    "live heap flat",
                    (bytes, session) -> {
                      if (bytes <= 0 || System.currentTimeMillis() < baselineAfter.getAsLong()) {
                        return bytes;
                      }
                      String url = session.getString("serverUrl");
                      double base = baselines.computeIfAbsent(url, u -> bytes);
                      double limit = base * growthMax + 64 * 1024 * 1024;
                      System.out.printf(
                          Locale.ROOT,
                          "%s live heap %.0f MB (baseline %.0f MB, limit %.0f MB)%n",
                          url,
                          bytes / 1048576,
                          base / 1048576,
                          limit / 1048576);
                      if (bytes > limit) {
                        throw new IllegalStateException(
                            String.format(
                                Locale.ROOT,
                                "live heap grew from %.0f MB to %.0f MB",
                                base / 1048576,
                                bytes / 1048576));
                      }
                      return bytes;
                    }));
  }

  /** A fresh map of baselines, one per backend. */
  public static Map<String, Double> newBaselines() {
    return new ConcurrentHashMap<>();
  }
}
