package io.pulse.loadtest.requests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.pulse.loadtest.feeders.FeedbackEvents;
import java.util.concurrent.ThreadLocalRandom;

/** {@code POST /api/v1/feedback} and {@code POST /api/v1/feedback/batch}. */
public final class FeedbackRequests {

  /** Request name of a single event. */
  public static final String SINGLE = "POST /feedback";

  private FeedbackRequests() {}

  /** Request name of a batch of {@code size}. */
  public static String batchName(int size) {
    return "POST /feedback/batch (" + size + " events)";
  }

  /** One event; 202 ACCEPTED expected. */
  public static HttpRequestActionBuilder single(FeedbackEvents events) {
    return single(events, SINGLE);
  }

  /** {@code size} events in one JSON array; all of them accepted expected. */
  public static HttpRequestActionBuilder batch(FeedbackEvents events, int size) {
    return batch(events, size, batchName(size));
  }

  /**
   * A single event when {@code size} is 1, else a batch, named {@link #postName(int)} plus {@code
   * suffix} (e.g. " (during ramp)").
   */
  public static HttpRequestActionBuilder post(FeedbackEvents events, int size, String suffix) {
    String name = postName(size) + suffix;
    return size == 1 ? single(events, name) : batch(events, size, name);
  }

  private static HttpRequestActionBuilder single(FeedbackEvents events, String name) {
    return http(name)
        .post("/api/v1/feedback")
        .body(StringBody(session -> events.event(ThreadLocalRandom.current())))
        .check(status().is(202), jsonPath("$.status").is("ACCEPTED"));
  }

  private static HttpRequestActionBuilder batch(FeedbackEvents events, int size, String name) {
    return http(name)
        .post("/api/v1/feedback/batch")
        .body(StringBody(session -> events.batch(ThreadLocalRandom.current(), size)))
        .check(status().is(200), jsonPath("$.accepted").ofInt().is(size));
  }

  /** The request name {@link #post} uses without a suffix. */
  public static String postName(int size) {
    return size == 1 ? SINGLE : batchName(size);
  }
}
